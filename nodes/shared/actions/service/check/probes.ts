import type { IDataObject } from 'n8n-workflow';

import { equals, startsWith } from '../../../scim/filter';
import { listComplete, listPage } from '../../../scim/list';
import { resourcesOf } from '../../../scim/paginate';
import { findUsersByUserName } from '../../../scim/resources';
import type { ScimGroup, ScimUser } from '../../../scim/types';
import { capabilitiesOf } from '../../../transport/capabilities';
import type { ScimConnection } from '../../../transport/connection';
import { hasStatus } from '../../../transport/errors';
import { scimRequest } from '../../../transport/request';
import { schemasOf } from '../../../transport/schemas';
import { WRITE_TEST_OFF } from './verdicts';
import type { Capability, CheckName } from './verdicts';

const LISTING = {
	purpose: 'Check Service',
	whenIncomplete:
		'Nothing was changed. The trigger, the audit and Sync With List would refuse such a list too.',
};

const message = (error: unknown) => (error as Error).message ?? String(error);

/** A capability that could not be probed because the probe failed: not ok, with the service's answer. */
export function failed(
	check: CheckName,
	error: unknown,
	nodeUses = 'nothing: this fails',
): Capability {
	return {
		check,
		advertised: null,
		observed: 'failed',
		ok: false,
		nodeUses,
		detail: message(error),
	};
}

/** What the service says of itself, where it says it, for the advertised column. */
interface Advertised {
	config?: IDataObject;
	resourceTypes?: string;
	schemas?: string[];
}

/** A metadata endpoint the nodes do not need: its absence is fine, and said so. */
async function metadata(connection: ScimConnection, path: string): Promise<IDataObject | string> {
	try {
		return (
			(await scimRequest<IDataObject>(connection, { method: 'GET', path })) ??
			'answered without a body'
		);
	} catch (error) {
		return `not served (${message(error)})`;
	}
}

/** /ServiceProviderConfig, /ResourceTypes and /Schemas: read, tolerated when absent. */
export async function probeMetadata(
	connection: ScimConnection,
): Promise<{ capabilities: Capability[]; advertised: Advertised }> {
	const [config, types] = await Promise.all(
		['/ServiceProviderConfig', '/ResourceTypes'].map(
			async (path) => await metadata(connection, path),
		),
	);
	// Read once for the execution: the membership probe reads what they say of members and groups.
	const schemas = await schemasOf(connection);
	const known = await capabilitiesOf(connection);
	const advertised: Advertised = {};
	const capabilities: Capability[] = [];
	if (typeof config === 'object') advertised.config = config;
	capabilities.push({
		check: 'serviceProviderConfig',
		advertised: null,
		observed: typeof config === 'object' ? 'served' : config,
		ok: true,
		nodeUses: `${typeof config === 'object' ? 'what it advertises' : 'defaults'}: ${known.patch ? 'PATCH' : 'GET + PUT of the whole resource'}, pages of ${known.maxPageSize.User}, ${known.etag ? 'ETags' : 'no ETags'}`,
		detail:
			typeof config === 'object'
				? 'Read once per execution.'
				: 'The nodes do not need it: they assume the defaults.',
	});
	const typeNames = resourcesOf(typeof types === 'object' ? (types as never) : undefined)
		.map((type) => String((type as IDataObject).name ?? (type as IDataObject).id))
		.join(', ');
	capabilities.push({
		check: 'resourceTypes',
		advertised: null,
		observed: typeof types === 'object' ? `served: ${typeNames || 'none listed'}` : types,
		ok: true,
		nodeUses: '/Users and /Groups, as RFC 7644 names them',
		detail: 'Informational: the nodes do not read it.',
	});
	const schemaIds = 'schemas' in schemas ? schemas.schemas.map((schema) => String(schema.id)) : [];
	capabilities.push({
		check: 'schemas',
		advertised: null,
		observed:
			'schemas' in schemas
				? `served: ${schemaIds.length} schemas`
				: `not served (${schemas.notServed})`,
		ok: true,
		nodeUses:
			'the core User and Group attributes; whether groups’ “members” and users’ “groups” are returned',
		detail: `${schemaIds.some((id) => id.includes('extension:enterprise')) ? 'The enterprise extension (department, manager, …) is listed. ' : ''}The nodes read it only where a group leaves “members” out or a user “groups”: whether that means none (see membership).`,
	});
	return { capabilities, advertised };
}

/** Every user and group, proven whole the way the trigger, the audit and Sync With List read them. */
export async function probeListings(connection: ScimConnection): Promise<{
	capabilities: Capability[];
	users?: ScimUser[];
	groups?: ScimGroup[];
}> {
	const capabilities: Capability[] = [];
	const result: { users?: ScimUser[]; groups?: ScimGroup[] } = {};
	for (const [check, type] of [
		['listUsers', 'User'],
		['listGroups', 'Group'],
	] as const) {
		try {
			const listed = await listComplete<ScimUser & ScimGroup>(connection, type, LISTING);
			if (type === 'User') result.users = listed;
			else result.groups = listed;
			capabilities.push({
				check,
				advertised: null,
				observed: `${listed.length} ${type === 'User' ? 'users' : 'groups'}, the list proven whole`,
				ok: true,
				nodeUses: 'one listing, page by page',
				detail:
					'totalResults stayed the same on every page, no id came twice, and the count matched.',
			});
		} catch (error) {
			capabilities.push(failed(check, error));
		}
	}
	return { capabilities, ...result };
}

/** Whether the service pages as RFC 7644 says: `startIndex` honoured, pages cut to its largest size. */
export async function probePaging(connection: ScimConnection): Promise<Capability> {
	try {
		const { maxPageSize } = await capabilitiesOf(connection);
		const first = await listPage<ScimUser>(connection, 'User', { startIndex: 1, count: 2 });
		const second = await listPage<ScimUser>(connection, 'User', { startIndex: 2, count: 2 });
		const ids = (page: typeof first) => resourcesOf(page).map((user) => user.id);
		const total = first?.totalResults;
		if (typeof total !== 'number' || total < 3) {
			return {
				check: 'paging',
				advertised: null,
				observed: `too few users to tell (${total ?? 'no total'})`,
				ok: true,
				nodeUses: `pages of ${maxPageSize.User}, advancing by what each page returns`,
				detail: 'Paging is tried with three users or more.',
			};
		}
		const honoured = ids(second)[0] === ids(first)[1];
		const short = ids(first).length < 2;
		return {
			check: 'paging',
			advertised: null,
			observed: honoured
				? 'startIndex honoured'
				: short
					? 'pages shorter than asked'
					: 'startIndex ignored',
			ok: honoured || short,
			workaround: short,
			nodeUses: short
				? 'pages as short as the service gives, advancing by what each returns'
				: `pages of ${maxPageSize.User}, the later ones in parallel`,
			detail: honoured
				? 'The second page starts where the first left off.'
				: short
					? 'The service answers fewer than asked: the nodes read on until the total.'
					: 'The second page does not start where the first left off: a whole list cannot be proven, so the audit, the trigger and Sync With List refuse it.',
		};
	} catch (error) {
		return failed('paging', error);
	}
}

/** Swaps the case of every letter: "Ana@Example.com" → "aNA@eXAMPLE.COM". */
const swapCase = (text: string) =>
	[...text]
		.map((letter) =>
			letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase(),
		)
		.join('');

/** Looking a user up by userName, as every “by User Name” locator and Create do, and in another case. */
export async function probeLookups(
	connection: ScimConnection,
	users: ScimUser[] | undefined,
): Promise<Capability[]> {
	const sample = users?.find(
		(user) => typeof user.userName === 'string' && /[a-z]/i.test(user.userName),
	);
	if (!sample) {
		const none = 'no user with a userName to look up';
		return (['userNameFilter', 'userNameCase'] as const).map((check) => ({
			check,
			advertised: null,
			observed: none,
			ok: true,
			untried: true,
			nodeUses: 'userName eq',
			detail: 'Not tried: there is no user with a userName to look up.',
		}));
	}
	const found = async (name: string) =>
		(await findUsersByUserName(connection, name)).some((user) => user.id === sample.id);
	let exact: boolean;
	try {
		exact = await found(sample.userName);
	} catch (error) {
		return [failed('userNameFilter', error), failed('userNameCase', error)];
	}
	const anyCase = exact && (await found(swapCase(sample.userName)).catch(() => false));
	return [
		{
			check: 'userNameFilter',
			advertised: null,
			observed: exact ? 'found' : 'not found',
			ok: exact,
			nodeUses: 'userName eq "…", each answer checked again here',
			detail: exact
				? `Looked up ${JSON.stringify(sample.userName)}.`
				: `The filter userName eq ${JSON.stringify(sample.userName)} did not find that user: lookups by email would answer “not found”.`,
		},
		{
			check: 'userNameCase',
			advertised: null,
			observed: anyCase ? 'case aside' : 'case-sensitive',
			ok: anyCase,
			nodeUses: anyCase
				? 'lookups by email in any case'
				: 'lookups in the exact case only; Sync With List and the License Audit compare case aside',
			detail: anyCase
				? 'userName compared case aside, as RFC 7643 defines it.'
				: 'The service compares userNames case-sensitively: an email written in another case finds nobody, so an offboarding by email could miss the account.',
		},
	];
}

/** A filter the nodes may send: accepted, or refused (then they match here). */
async function filterProbe(
	connection: ScimConnection,
	check: CheckName,
	filter: string,
	words: { accepted: string; refused: string },
): Promise<Capability> {
	try {
		await listPage(connection, 'User', { filter, startIndex: 1, count: 1 });
		return {
			check,
			advertised: null,
			observed: 'accepted',
			ok: true,
			nodeUses: words.accepted,
			detail: `${filter} was accepted.`,
		};
	} catch (error) {
		if (!hasStatus(error, 400) && !hasStatus(error, 501)) return failed(check, error);
		return {
			check,
			advertised: null,
			observed: 'refused',
			ok: true,
			workaround: true,
			nodeUses: words.refused,
			detail: message(error),
		};
	}
}

/** The other filters: externalId (Get Many), active and sw (never sent: matched here). */
export async function probeFilters(
	connection: ScimConnection,
	users: ScimUser[] | undefined,
): Promise<Capability[]> {
	const withExternalId = users?.find(
		(user) => typeof user.externalId === 'string' && user.externalId !== '',
	);
	const prefix =
		users?.find((user) => typeof user.userName === 'string')?.userName.slice(0, 2) ?? 'a';
	return [
		await filterProbe(
			connection,
			'externalIdFilter',
			equals('externalId', withExternalId?.externalId ?? 'scim-check'),
			{
				accepted: 'externalId eq on the service (Get Many)',
				refused: 'all users listed and matched here (Get Many)',
			},
		),
		await filterProbe(connection, 'activeFilter', equals('active', true), {
			accepted: 'nothing: the nodes match active here, since some services refuse it',
			refused: 'nothing: the nodes match active here',
		}),
		await filterProbe(connection, 'startsWithFilter', startsWith('userName', prefix), {
			accepted:
				'nothing: the pickers match typed text here, case aside, since some services compare case-exactly',
			refused: 'nothing: the pickers match typed text here',
		}),
	];
}

/** ETags and PATCH, as advertised, and whether a user carries a version. */
export async function probeVersions(
	connection: ScimConnection,
	users: ScimUser[] | undefined,
	config?: IDataObject,
): Promise<Capability[]> {
	const known = await capabilitiesOf(connection);
	const advertisedEtag = (config?.etag as IDataObject | undefined)?.supported;
	const advertisedPatch = (config?.patch as IDataObject | undefined)?.supported;
	const versioned = users?.some((user) => typeof user.meta?.version === 'string') ?? false;
	return [
		{
			check: 'etag',
			advertised: typeof advertisedEtag === 'boolean' ? advertisedEtag : null,
			observed: versioned ? 'users carry meta.version' : 'no version on users',
			ok: true,
			workaround: !known.etag,
			nodeUses: known.etag
				? 'If-Match on PUT and PATCH; a 412 reads again and redoes'
				: 'no versions: whole lists are sent only while their reading is fresh, and read back',
			detail: known.etag
				? 'Writes cannot overwrite a change made meanwhile.'
				: 'No versions guard the writes: the package’s docs/concurrency.md says what the nodes do instead.',
		},
		{
			check: 'patch',
			advertised: typeof advertisedPatch === 'boolean' ? advertisedPatch : null,
			observed: 'not tried',
			ok: true,
			untried: true,
			notTriedBecause: WRITE_TEST_OFF,
			workaround: !known.patch,
			nodeUses: known.patch
				? 'PATCH (RFC 7644 PatchOp)'
				: 'GET + PUT of the whole resource, under a lock',
			detail: 'Turn on Write Test to try it.',
		},
	];
}
