import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { startsWith } from '../scim/filter';
import { listPage } from '../scim/list';
import { resourcesOf } from '../scim/paginate';
import type {
	ResourceType,
	ScimGroup,
	ScimListResponse,
	ScimResource,
	ScimUser,
} from '../scim/types';
import { hasStatus, passOn } from '../transport/errors';
import { capabilitiesOf } from '../transport/capabilities';
import { openConnection } from '../transport/connection';
import type { VendorProfile } from '../vendors/profile';

const SEARCH_PAGE_SIZE = 100;

interface SearchSpec<T extends ScimResource> {
	type: ResourceType;
	attribute: string;
	toItem: (resource: T) => INodeListSearchItems;
}

const USER_SEARCH: SearchSpec<ScimUser> = {
	type: 'User',
	attribute: 'userName',
	toItem: (user) => ({
		name: user.displayName ? `${user.displayName} (${user.userName})` : user.userName,
		value: user.id,
	}),
};

const GROUP_SEARCH: SearchSpec<ScimGroup> = {
	type: 'Group',
	attribute: 'displayName',
	toItem: (group) => ({ name: group.displayName, value: group.id }),
};

/**
 * One page of a resource-locator list; the pagination token is the next startIndex.
 * The typed text narrows by prefix on the service where its filter allows `sw`;
 * otherwise (or where the service refuses `sw`) one large page is matched here, by substring.
 */
async function search<T extends ScimResource>(
	ctx: ILoadOptionsFunctions,
	profile: VendorProfile,
	spec: SearchSpec<T>,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const connection = await openConnection(ctx, profile);
	const pageSize = (await capabilitiesOf(connection)).maxPageSize[spec.type];
	const text = filter?.trim() ?? '';
	const startIndex = Number(paginationToken) > 0 ? Number(paginationToken) : 1;
	// Narrowed by the service, pages stay small; matched here, pages are as large as the service allows.
	const pageOf = async (narrowed: boolean) =>
		await listPage<T>(connection, spec.type, {
			filter: narrowed && text ? startsWith(spec.attribute, text) : undefined,
			startIndex,
			count: narrowed ? Math.min(SEARCH_PAGE_SIZE, pageSize) : pageSize,
		});
	let serverFilters = !profile.protocol.filterableAttributes;
	let page: ScimListResponse<T> | undefined;
	try {
		page = await pageOf(serverFilters);
	} catch (error) {
		// RFC 7644 lets a service support `eq` alone: then the text is matched here.
		if (!serverFilters || !text || !hasStatus(error, 400)) throw passOn(ctx.getNode(), error);
		serverFilters = false;
		page = await pageOf(false);
	}
	const resources = resourcesOf(page);
	const next = startIndex + resources.length;
	const more =
		resources.length > 0 && typeof page?.totalResults === 'number' && next <= page.totalResults;
	const results = resources.map(spec.toItem);
	const shown =
		text && !serverFilters
			? results.filter((result) => result.name.toLowerCase().includes(text.toLowerCase()))
			: results;
	return { results: shown, paginationToken: more ? String(next) : undefined };
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
