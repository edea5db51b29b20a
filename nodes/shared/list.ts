import { capabilitiesOf } from './capabilities';
import type { ScimConnection } from './connection';
import { collectAll } from './paginate';
import { scimRequest } from './transport';
import { ENDPOINT } from './types';
import type { ResourceType, ScimListResponse, ScimResource } from './types';

export interface ListOptions {
	filter?: string;
	/** All matching resources when absent. */
	limit?: number;
}

/** Lists users or groups, page by page at the service's largest page size. */
export async function listResources<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	{ filter, limit }: ListOptions = {},
): Promise<T[]> {
	const pageSize = (await capabilitiesOf(connection)).maxPageSize[type];
	return await collectAll<T>(
		async ({ startIndex, count }) =>
			(await scimRequest<ScimListResponse<T>>(connection, {
				method: 'GET',
				path: ENDPOINT[type],
				qs: filter ? { filter, startIndex, count } : { startIndex, count },
			})) ?? {},
		{ pageSize, limit, concurrency: connection.parallelRequests },
	);
}
