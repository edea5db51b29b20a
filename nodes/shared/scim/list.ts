import { deepCopy, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { capabilitiesOf } from '../transport/capabilities';
import type { ScimConnection } from '../transport/connection';
import { passOn, ScimApiError } from '../transport/errors';
import { listingGate } from '../transport/listingGate';
import { scimRequest } from '../transport/request';
import { collectAll } from './paginate';
import { ENDPOINT } from './types';
import type { ResourceType, ScimListResponse, ScimResource } from './types';

/** One page of a list request (RFC 7644 §3.4.2): every listing of users or groups asks through here. */
export async function listPage<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	{ filter, startIndex, count }: { filter?: string; startIndex: number; count: number },
): Promise<ScimListResponse<T> | undefined> {
	return await scimRequest<ScimListResponse<T>>(connection, {
		method: 'GET',
		path: ENDPOINT[type],
		qs: filter === undefined ? { startIndex, count } : { filter, startIndex, count },
	});
}

/** Statuses by which a service says it does not list (where a filter is not asked for). */
const REFUSED = new Set([400, 403, 404, 405, 501]);

/**
 * A listing the service refused, said in the user's words: a vendor proven only with a
 * client that looks users up one by one may not list them all, and `purpose` needs it.
 */
function notListed(
	connection: ScimConnection,
	type: ResourceType,
	purpose: string,
	error: unknown,
): NodeApiError | NodeOperationError {
	const { profile } = connection;
	if (
		!(error instanceof ScimApiError) ||
		!REFUSED.has(error.scim.status) ||
		error.scim.status === profile.protocol.invalidTokenStatus
	)
		return passOn(connection.ctx.getNode(), error);
	const noun = type === 'User' ? 'users' : 'groups';
	return new NodeApiError(
		connection.ctx.getNode(),
		{ status: error.scim.status },
		{
			message: `${profile.identity.displayName} did not list its ${noun} (${error.message}): ${purpose} needs that`,
			description: `Ask ${profile.identity.displayName} whether its SCIM API lists all ${noun}; looking one up by name does not need it.`,
			httpCode: String(error.scim.status),
		},
	);
}

/**
 * Lists users or groups, page by page at the service's largest page size; all of them
 * when `limit` is absent. `purpose` names what needs the listing, for the error where
 * the service refuses it.
 */
export async function listResources<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	{ filter, limit, purpose }: { filter?: string; limit?: number; purpose: string },
): Promise<T[]> {
	const pageSize = (await capabilitiesOf(connection)).maxPageSize[type];
	try {
		return await collectAll<T>(
			async ({ startIndex, count }) =>
				(await listPage<T>(connection, type, { filter, startIndex, count })) ?? {},
			{ pageSize, limit, concurrency: connection.parallelRequests },
		);
	} catch (error) {
		throw filter === undefined
			? notListed(connection, type, purpose, error)
			: passOn(connection.ctx.getNode(), error);
	}
}

/** A listing that could not be proven whole; `description` says what was therefore left undone. */
function incomplete(
	connection: ScimConnection,
	type: ResourceType,
	reason: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(
		connection.ctx.getNode(),
		`The list of ${type === 'User' ? 'users' : 'groups'} from ${connection.profile.identity.displayName} was incomplete: ${reason}`,
		{ description },
	);
}

/**
 * Lists every resource of a type, and proves the list is whole: the service's
 * totalResults stays the same on every page, no id comes twice, and the count
 * matches it at the end. Only a whole list may show that a resource was deleted.
 */
export async function listComplete<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	{ purpose, whenIncomplete }: { purpose: string; whenIncomplete: string },
): Promise<T[]> {
	const listed = connection.planned && connection.memo.listed?.[type];
	if (listed) return deepCopy(listed) as T[];
	// Our own creates and deletes of this type, in any execution, wait while it pages.
	return await listingGate.reading(
		totalKey(connection, type),
		async () => await pageThrough<T>(connection, type, { purpose, whenIncomplete }),
	);
}

/** What a listing of a type must see stand still: the type on one account. */
function totalKey(connection: ScimConnection, type: ResourceType): string {
	return `${connection.account} ${type}`;
}

/**
 * Sends a create or delete of a type, which moves the total a whole listing proves, while
 * no such listing of that type on the account is paging (see `listComplete`).
 */
export async function movingTotal<T>(
	connection: ScimConnection,
	type: ResourceType,
	write: () => Promise<T>,
): Promise<T> {
	return await listingGate.moving(totalKey(connection, type), write);
}

async function pageThrough<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	{ purpose, whenIncomplete }: { purpose: string; whenIncomplete: string },
): Promise<T[]> {
	const fail = (reason: string) => incomplete(connection, type, reason, whenIncomplete);
	const pageSize = (await capabilitiesOf(connection)).maxPageSize[type];
	const resources = new Map<string, T>();
	let total: number | undefined;
	let startIndex = 1;
	for (;;) {
		const page = await listPage<T>(connection, type, { startIndex, count: pageSize }).catch(
			(error: unknown) => {
				throw notListed(connection, type, purpose, error);
			},
		);
		if (
			!page ||
			typeof page !== 'object' ||
			(page.Resources !== undefined && !Array.isArray(page.Resources))
		) {
			throw fail(`the page at ${startIndex} was not a SCIM list`);
		}
		if (typeof page.totalResults === 'number') {
			if (total !== undefined && page.totalResults !== total) {
				throw fail(`the total moved from ${total} to ${page.totalResults} while paging`);
			}
			total = page.totalResults;
		}
		const batch = page.Resources ?? [];
		for (const resource of batch) {
			if (typeof resource?.id !== 'string') throw fail(`a resource at ${startIndex} has no id`);
			if (resources.has(resource.id))
				throw fail(`${resource.id} came twice: the list moved while paging`);
			resources.set(resource.id, resource);
		}
		if (batch.length === 0 || (total !== undefined && resources.size >= total)) break;
		startIndex += batch.length;
	}
	if (total !== undefined && resources.size !== total) {
		throw fail(`${resources.size} of ${total} arrived`);
	}
	return [...resources.values()];
}
