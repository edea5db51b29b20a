import { NodeOperationError } from 'n8n-workflow';

import { capabilitiesOf } from './capabilities';
import type { ScimConnection } from './connection';
import { scimRequest } from './transport';
import { ENDPOINT } from './types';
import type { ResourceType, ScimListResponse, ScimResource } from './types';

/** A listing that could not be proven whole; `description` says what was therefore left undone. */
export class IncompleteListError extends NodeOperationError {}

function incomplete(
	connection: ScimConnection,
	type: ResourceType,
	reason: string,
	description: string,
): IncompleteListError {
	return new IncompleteListError(
		connection.ctx.getNode(),
		`The list of ${type === 'User' ? 'users' : 'groups'} from ${connection.profile.displayName} was incomplete: ${reason}`,
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
	whenIncomplete: string,
): Promise<T[]> {
	const fail = (reason: string) => incomplete(connection, type, reason, whenIncomplete);
	const pageSize = (await capabilitiesOf(connection)).maxPageSize[type];
	const resources = new Map<string, T>();
	let total: number | undefined;
	let startIndex = 1;
	for (;;) {
		const page = await scimRequest<ScimListResponse<T>>(connection, {
			method: 'GET',
			path: ENDPOINT[type],
			qs: { startIndex, count: pageSize },
		});
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
