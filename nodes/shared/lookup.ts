import { NodeApiError } from 'n8n-workflow';

import { passOn } from './errors';
import type { ScimConnection } from './connection';
import { equals } from './filter';
import { resourcePath, scimRequest } from './transport';
import { ENDPOINT } from './types';
import type { ResourceType, ScimGroup, ScimListResponse, ScimResource, ScimUser } from './types';

export function hasStatus(error: unknown, status: number): boolean {
	return error instanceof NodeApiError && error.httpCode === String(status);
}

/** GET one resource by id; undefined when the service answers 404. */
export async function getById<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	id: string,
): Promise<T | undefined> {
	try {
		const resource = await scimRequest<T>(connection, {
			method: 'GET',
			path: resourcePath(ENDPOINT[type], id),
		});
		return resource?.id === id ? resource : undefined;
	} catch (error) {
		if (hasStatus(error, 404)) return undefined;
		throw passOn(connection.ctx.getNode(), error);
	}
}

/**
 * Finds the one resource whose attribute equals `value` (case-insensitively, as SCIM
 * defines userName and displayName). Whatever the service's filter returns is checked
 * again here, so a lenient or broken filter can never hand back somebody else.
 */
async function findByAttribute<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	attribute: string,
	value: string,
	read: (resource: T) => unknown,
): Promise<T[]> {
	const page = await scimRequest<ScimListResponse<T>>(connection, {
		method: 'GET',
		path: ENDPOINT[type],
		qs: { filter: equals(attribute, value), startIndex: 1, count: 10 },
	});
	const wanted = value.toLowerCase();
	const resources = Array.isArray(page?.Resources) ? page.Resources : [];
	return resources.filter((resource) => {
		const actual = read(resource);
		return (
			typeof actual === 'string' &&
			actual.toLowerCase() === wanted &&
			typeof resource.id === 'string'
		);
	});
}

export async function findUsersByUserName(
	connection: ScimConnection,
	userName: string,
): Promise<ScimUser[]> {
	return await findByAttribute<ScimUser>(
		connection,
		'User',
		'userName',
		userName,
		(user) => user.userName,
	);
}

export async function findGroupsByDisplayName(
	connection: ScimConnection,
	displayName: string,
): Promise<ScimGroup[]> {
	return await findByAttribute<ScimGroup>(
		connection,
		'Group',
		'displayName',
		displayName,
		(group) => group.displayName,
	);
}
