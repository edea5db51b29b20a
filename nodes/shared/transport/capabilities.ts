import { NodeApiError } from 'n8n-workflow';

import { passOn } from './errors';
import type { ScimConnection } from './connection';
import type { ScimCapabilities } from '../vendors/profile';
import { scimRequest } from './request';

/** A page size above this is not trusted even when a service advertises it. */
const PAGE_SIZE_CEILING = 1000;

interface ServiceProviderConfig {
	patch?: { supported?: unknown };
	filter?: { supported?: unknown; maxResults?: unknown };
	etag?: { supported?: unknown };
}

function refine(known: ScimCapabilities, config: ServiceProviderConfig): ScimCapabilities {
	const maxResults = config.filter?.maxResults;
	return {
		patch: typeof config.patch?.supported === 'boolean' ? config.patch.supported : known.patch,
		etag: typeof config.etag?.supported === 'boolean' ? config.etag.supported : known.etag,
		maxPageSize:
			typeof maxResults === 'number' && Number.isInteger(maxResults) && maxResults > 0
				? {
						User: Math.min(maxResults, PAGE_SIZE_CEILING),
						Group: Math.min(maxResults, PAGE_SIZE_CEILING),
					}
				: known.maxPageSize,
	};
}

async function discover(connection: ScimConnection): Promise<ScimCapabilities> {
	const known = connection.profile.protocol.capabilities;
	try {
		const config = await scimRequest<ServiceProviderConfig>(connection, {
			method: 'GET',
			path: '/ServiceProviderConfig',
		});
		return config && typeof config === 'object' ? refine(known, config) : known;
	} catch (error) {
		// A wrong credential must surface as itself; a missing or broken config endpoint just means "assume the defaults".
		if (error instanceof NodeApiError && (error.httpCode === '401' || error.httpCode === null))
			throw passOn(connection.ctx.getNode(), error);
		return known;
	}
}

/** The service's capabilities, asked for at most once per execution. */
export async function capabilitiesOf(connection: ScimConnection): Promise<ScimCapabilities> {
	if (!connection.profile.protocol.discoverCapabilities)
		return connection.profile.protocol.capabilities;
	connection.memo.capabilities ??= discover(connection);
	return await connection.memo.capabilities;
}
