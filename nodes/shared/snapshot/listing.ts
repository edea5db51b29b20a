import { NodeOperationError } from 'n8n-workflow';

import { capabilitiesOf } from '../capabilities';
import type { ScimConnection } from '../connection';
import { scimRequest } from '../transport';
import { ENDPOINT } from '../types';
import type { ResourceType, ScimListResponse, ScimResource } from '../types';

function incomplete(
	connection: ScimConnection,
	type: ResourceType,
	reason: string,
): NodeOperationError {
	return new NodeOperationError(
		connection.ctx.getNode(),
		`The list of ${type === 'User' ? 'users' : 'groups'} from ${connection.profile.displayName} was incomplete: ${reason}`,
		{
			description:
				'Nothing was recorded from this poll, so nothing is lost: the next poll compares against the same point.',
		},
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
): Promise<T[]> {
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
			throw incomplete(connection, type, `the page at ${startIndex} was not a SCIM list`);
		}
		if (typeof page.totalResults === 'number') {
			if (total !== undefined && page.totalResults !== total) {
				throw incomplete(
					connection,
					type,
					`the total moved from ${total} to ${page.totalResults} while paging`,
				);
			}
			total = page.totalResults;
		}
		const batch = page.Resources ?? [];
		for (const resource of batch) {
			if (typeof resource?.id !== 'string')
				throw incomplete(connection, type, `a resource at ${startIndex} has no id`);
			if (resources.has(resource.id))
				throw incomplete(
					connection,
					type,
					`${resource.id} came twice: the list moved while paging`,
				);
			resources.set(resource.id, resource);
		}
		if (batch.length === 0 || (total !== undefined && resources.size >= total)) break;
		startIndex += batch.length;
	}
	if (total !== undefined && resources.size !== total) {
		throw incomplete(connection, type, `${resources.size} of ${total} arrived`);
	}
	return [...resources.values()];
}
