import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { listPage } from '../scim/list';
import { resourcesOf } from '../scim/paginate';
import { findGroupsByDisplayName, findUsersByUserName } from '../scim/resources';
import type {
	ResourceType,
	ScimGroup,
	ScimListResponse,
	ScimResource,
	ScimUser,
} from '../scim/types';
import { capabilitiesOf } from '../transport/capabilities';
import { openConnection } from '../transport/connection';
import type { ScimConnection } from '../transport/connection';
import { hasStatus, passOn } from '../transport/errors';
import type { VendorProfile } from '../vendors/profile';
import { containsText, looksLikeWholeUserName, positionOf, tokenOf } from './searchText';

/** Pages of a plain list to browse stay this small. */
const BROWSE_PAGE_SIZE = 100;
/** Matching here, one call reads on until something matches, or this many pages or resources. */
const MATCH_HERE_MAX_PAGES = 10;
const MATCH_HERE_MAX_RESOURCES = 10_000;

interface SearchSpec<T extends ScimResource> {
	type: ResourceType;
	/** The attribute the service looks up exactly (`eq`). */
	attribute: 'userName' | 'displayName';
	toItem: (resource: T) => INodeListSearchItems;
	/** What the typed text is matched against here: the name shown and the userName. */
	searchable: (resource: T) => Array<string | undefined>;
	/** Text looked up exactly (`eq`) before anything else. */
	exactFirst: (text: string) => boolean;
	/** The exact lookup: `eq`, its answer checked again here. */
	findExact: (connection: ScimConnection, text: string) => Promise<T[]>;
}

const USER_SEARCH: SearchSpec<ScimUser> = {
	type: 'User',
	attribute: 'userName',
	toItem: (user) => ({
		name: user.displayName ? `${user.displayName} (${user.userName})` : user.userName,
		value: user.id,
	}),
	searchable: (user) => [user.displayName, user.userName],
	exactFirst: looksLikeWholeUserName,
	findExact: findUsersByUserName,
};

const GROUP_SEARCH: SearchSpec<ScimGroup> = {
	type: 'Group',
	attribute: 'displayName',
	toItem: (group) => ({ name: group.displayName, value: group.id }),
	searchable: (group) => [group.displayName],
	exactFirst: () => false,
	findExact: findGroupsByDisplayName,
};

/** The size of a page to browse. */
async function browseCount(connection: ScimConnection, type: ResourceType): Promise<number> {
	return Math.min(BROWSE_PAGE_SIZE, (await capabilitiesOf(connection)).maxPageSize[type]);
}

/** Where the page after `page` starts, when the service says there is one. */
function following<T>(page: ScimListResponse<T> | undefined, startIndex: number) {
	const count = resourcesOf(page).length;
	const next = startIndex + count;
	return count > 0 && typeof page?.totalResults === 'number' && next <= page.totalResults
		? next
		: undefined;
}

/** A page of the list; the service's errors passed on as they are. */
async function pageAt<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	request: { filter?: string; startIndex: number; count: number },
) {
	try {
		return await listPage<T>(connection, type, request);
	} catch (error) {
		throw passOn(connection.ctx.getNode(), error);
	}
}

/** A filtered request's answer; undefined where the service refuses the filter with 400 (RFC 7644 lets it support `eq` alone). */
async function unlessRefused<R>(
	connection: ScimConnection,
	request: () => Promise<R>,
): Promise<R | undefined> {
	try {
		return await request();
	} catch (error) {
		if (hasStatus(error, 400)) return undefined;
		throw passOn(connection.ctx.getNode(), error);
	}
}

/** A page of the service's own list, to browse; the token is the next startIndex. */
function servicePage<T extends ScimResource>(
	spec: SearchSpec<T>,
	startIndex: number,
	page: ScimListResponse<T> | undefined,
): INodeListSearchResult {
	const next = following(page, startIndex);
	return {
		results: resourcesOf(page).map(spec.toItem),
		paginationToken: next && tokenOf({ startIndex: next, matchedHere: false }),
	};
}

/**
 * The whole list read from `startIndex` at the service's largest page, matched here
 * (contains, case aside), until a page brings a match or the bounds are reached; the
 * token goes on from there.
 */
async function matchedHere<T extends ScimResource>(
	connection: ScimConnection,
	spec: SearchSpec<T>,
	text: string,
	startIndex: number,
): Promise<INodeListSearchResult> {
	const count = (await capabilitiesOf(connection)).maxPageSize[spec.type];
	const found: T[] = [];
	let next: number | undefined = startIndex;
	let pages = 0;
	let read = 0;
	while (
		next !== undefined &&
		found.length === 0 &&
		pages < MATCH_HERE_MAX_PAGES &&
		read < MATCH_HERE_MAX_RESOURCES
	) {
		const page: ScimListResponse<T> | undefined = await pageAt<T>(connection, spec.type, {
			startIndex: next,
			count,
		});
		const resources = resourcesOf(page);
		found.push(...resources.filter((resource) => containsText(text, spec.searchable(resource))));
		pages += 1;
		read += resources.length;
		next = following(page, next);
	}
	return {
		results: found.map(spec.toItem),
		paginationToken: next && tokenOf({ startIndex: next, matchedHere: true }),
	};
}

/** The exact match by `eq`, where the service filters on the attribute; none where it refuses. */
async function exactly<T extends ScimResource>(
	connection: ScimConnection,
	spec: SearchSpec<T>,
	text: string,
): Promise<T[]> {
	const filterable = connection.profile.protocol.filterableAttributes?.[spec.type];
	if (filterable && !filterable.includes(spec.attribute)) return [];
	return (
		(await unlessRefused(connection, async () => await spec.findExact(connection, text))) ?? []
	);
}

/**
 * Typed text, searched so that part of a name, in any case, finds everyone it should on
 * every service:
 * 1. a whole userName (an email address) is looked up with `eq`, which every service has;
 * 2. otherwise the list is read page after page and matched here (contains, case aside,
 *    on the name shown and the userName; on displayName for groups), within bounds per
 *    call, and the token goes on from there;
 * 3. a search that stopped at its bounds empty-handed tries `eq` on the whole text last.
 * The service's own filters (`sw`, `co`) are not asked for typed text: where they compare
 * case-exactly, or match only the start of the userName, their answer would hide people
 * (`ana` missing `Ana.Smith`; `lima` missing Ana Lima where a userName starts with lima).
 */
async function searchFor<T extends ScimResource>(
	connection: ScimConnection,
	spec: SearchSpec<T>,
	text: string,
): Promise<INodeListSearchResult> {
	const exactFirst = spec.exactFirst(text);
	if (exactFirst) {
		const exact = await exactly(connection, spec, text);
		if (exact.length > 0) return { results: exact.map(spec.toItem) };
	}
	const scanned = await matchedHere(connection, spec, text, 1);
	if (scanned.results.length > 0 || !scanned.paginationToken || exactFirst) return scanned;
	const exact = await exactly(connection, spec, text);
	return exact.length > 0 ? { results: exact.map(spec.toItem) } : scanned;
}

/** One page of a resource-locator list, plain or searched; the pagination token says where the next starts. */
async function search<T extends ScimResource>(
	ctx: ILoadOptionsFunctions,
	profile: VendorProfile,
	spec: SearchSpec<T>,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const connection = await openConnection(ctx, profile);
	const text = filter?.trim() ?? '';
	const position = positionOf(paginationToken);
	if (!text) {
		const { startIndex } = position;
		const page = await pageAt<T>(connection, spec.type, {
			startIndex,
			count: await browseCount(connection, spec.type),
		});
		return servicePage(spec, startIndex, page);
	}
	if (!paginationToken) return await searchFor(connection, spec, text);
	// Further pages of typed text are always matched here, whatever the token says.
	return await matchedHere(connection, spec, text, position.startIndex);
}

/** The listSearch methods every action node offers, bound to its vendor profile. */
export function listSearchMethods(profile: VendorProfile) {
	return {
		async searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			return await search(this, profile, USER_SEARCH, filter, paginationToken);
		},
		async searchGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			return await search(this, profile, GROUP_SEARCH, filter, paginationToken);
		},
	};
}
