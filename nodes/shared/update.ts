import { deepCopy } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { capabilitiesOf } from './capabilities';
import type { ScimConnection } from './connection';
import { getById } from './lookup';
import { resourcePath, scimRequest } from './transport';
import { ENDPOINT, SCHEMA } from './types';
import type { PatchOperation, ResourceType, ScimResource } from './types';

/** How to change a resource: as RFC 7644 PATCH operations, and as the same change applied to a full copy for PUT. */
export interface ResourceChange<T extends ScimResource> {
	operations: PatchOperation[];
	applyTo: (resource: T) => T;
}

const READ_ONLY = ['meta'];

function withoutReadOnly<T extends ScimResource>(resource: T): T {
	const copy = { ...resource } as IDataObject;
	for (const key of READ_ONLY) delete copy[key];
	return copy as T;
}

/**
 * Applies a change with PATCH where the service supports it, otherwise by GET then PUT
 * of the whole resource. Returns the resource as the service now holds it.
 * `current` saves the GET when the caller already holds the resource.
 */
export async function updateResource<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	id: string,
	change: ResourceChange<T>,
	current?: T,
): Promise<T | undefined> {
	const path = resourcePath(ENDPOINT[type], id);
	const { patch } = await capabilitiesOf(connection);
	if (patch) {
		return await scimRequest<T>(connection, {
			method: 'PATCH',
			path,
			body: { schemas: [SCHEMA.patchOp], Operations: change.operations },
		});
	}
	const base = current ?? (await getById<T>(connection, type, id));
	if (!base) return undefined;
	return await scimRequest<T>(connection, {
		method: 'PUT',
		path,
		body: change.applyTo(withoutReadOnly(deepCopy(base))),
	});
}
