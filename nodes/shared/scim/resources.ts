import { deepCopy, sleep } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import type { ScimConnection } from '../transport/connection';
import { hasStatus, isAmbiguous, passOn } from '../transport/errors';
import { resourcePath, scimRequest, TRANSIENT_RETRIES, transientWait } from '../transport/request';
import { equals } from './filter';
import { listPage, movingTotal } from './list';
import { resourcesOf } from './paginate';
import { ENDPOINT } from './types';
import type { ResourceType, ScimGroup, ScimResource, ScimUser } from './types';

/** GET one resource by id; undefined when the service answers 404. */
export async function getById<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	id: string,
): Promise<T | undefined> {
	const path = resourcePath(ENDPOINT[type], id);
	if (connection.planned) {
		const known =
			connection.memo.planned?.get(path) ??
			connection.memo.listed?.[type]?.find((resource) => resource.id === id);
		if (known) return deepCopy(known) as T;
	}
	try {
		const resource = await scimRequest<T>(connection, { method: 'GET', path });
		return resource?.id === id ? resource : undefined;
	} catch (error) {
		const { missingStatus } = connection.profile.groups;
		if (
			hasStatus(error, 404) ||
			(type === 'Group' && missingStatus && hasStatus(error, missingStatus))
		)
			return undefined;
		throw passOn(connection.ctx.getNode(), error);
	}
}

/**
 * Finds the resources whose attribute equals `value` (case-insensitively, as SCIM
 * defines userName and displayName). Whatever the service's filter returns is checked
 * again here, so a lenient or broken filter can never hand back somebody else.
 */
async function findByAttribute<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	attribute: 'userName' | 'displayName',
	value: string,
): Promise<T[]> {
	const wanted = value.toLowerCase();
	const matches = (resource: ScimResource) => {
		const actual = resource[attribute];
		return (
			typeof actual === 'string' &&
			actual.toLowerCase() === wanted &&
			typeof resource.id === 'string'
		);
	};
	// A dry run of a plan made from a whole listing looks there: it asks the service nothing new.
	const listed = connection.planned && connection.memo.listed?.[type];
	if (listed) return deepCopy((listed as ScimResource[]).filter(matches)) as T[];
	const page = await listPage<T>(connection, type, {
		filter: equals(attribute, value),
		startIndex: 1,
		count: 10,
	});
	return resourcesOf(page).filter(matches);
}

export async function findUsersByUserName(
	connection: ScimConnection,
	userName: string,
): Promise<ScimUser[]> {
	return await findByAttribute<ScimUser>(connection, 'User', 'userName', userName);
}

export async function findGroupsByDisplayName(
	connection: ScimConnection,
	displayName: string,
): Promise<ScimGroup[]> {
	return await findByAttribute<ScimGroup>(connection, 'Group', 'displayName', displayName);
}

/** DELETE one resource; answers false when there was nothing at that id (404). */
export async function deleteById(
	connection: ScimConnection,
	type: ResourceType,
	id: string,
): Promise<boolean> {
	try {
		await movingTotal(
			connection,
			type,
			async () =>
				await scimRequest(connection, { method: 'DELETE', path: resourcePath(ENDPOINT[type], id) }),
		);
		return true;
	} catch (error) {
		if (hasStatus(error, 404)) return false;
		throw passOn(connection.ctx.getNode(), error);
	}
}

/** A create whose answer is lost is tried as often as an idempotent request is. */
const CREATE_ATTEMPTS = TRANSIENT_RETRIES + 1;

/**
 * Creates a resource without ever creating it twice. A POST whose answer is lost
 * (connection dropped, timed out, 5xx) may or may not have been applied, so it is
 * never simply repeated: the resource is looked up first, and only if it is still
 * absent is the POST sent again. Other failures are thrown as they are.
 */
export async function createOnce<T extends ScimResource, R>(
	node: INode,
	post: () => Promise<R>,
	find: () => Promise<T | undefined>,
): Promise<R | T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await post();
		} catch (error) {
			if (!isAmbiguous(error) || attempt >= CREATE_ATTEMPTS) throw passOn(node, error);
			const existing = await find();
			if (existing) return existing;
			await sleep(transientWait(attempt - 1));
		}
	}
}
