import { deepCopy } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { capabilitiesOf } from './capabilities';
import type { ScimConnection } from './connection';
import { resourcePath, scimRequest } from './transport';
import { ENDPOINT, SCHEMA } from './types';
import type { PatchOperation, ResourceType, ScimResource } from './types';

/** One change, written for every way a service may take it. */
export interface ResourceChange<T extends ScimResource> {
	/** As RFC 7644 PATCH operations. */
	operations: PatchOperation[];
	/** Applied to a full copy, for PUT. */
	applyTo: (resource: T) => T;
	/** As a partial resource, for services whose PATCH takes one. */
	partial: (current: T) => IDataObject;
}

const READ_ONLY = ['meta', 'groups'];

function withoutReadOnly<T extends ScimResource>(resource: T): T {
	const copy = deepCopy(resource) as IDataObject;
	for (const key of READ_ONLY) delete copy[key];
	return copy as T;
}

/**
 * Applies a change the way the service takes it: PatchOp PATCH, partial-resource
 * PATCH, or PUT of the whole resource where PATCH is not supported. Returns the
 * resource as the service now holds it.
 */
export async function updateResource<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	current: T,
	change: ResourceChange<T>,
): Promise<T | undefined> {
	const path = resourcePath(ENDPOINT[type], current.id);
	if (connection.profile.patchDialect === 'partialResource') {
		return await scimRequest<T>(connection, {
			method: 'PATCH',
			path,
			body: change.partial(current),
		});
	}
	const { patch } = await capabilitiesOf(connection);
	if (patch) {
		return await scimRequest<T>(connection, {
			method: 'PATCH',
			path,
			body: { schemas: [SCHEMA.patchOp], Operations: change.operations },
		});
	}
	return await scimRequest<T>(connection, {
		method: 'PUT',
		path,
		body: change.applyTo(withoutReadOnly(current)),
	});
}
