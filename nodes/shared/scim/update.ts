import { deepCopy } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { capabilitiesOf } from '../transport/capabilities';
import type { ScimConnection } from '../transport/connection';
import { hasStatus, passOn } from '../transport/errors';
import { DIALECTS } from '../vendors/dialects';
import { replaceChange, userChange } from './attributes';
import type { AttributeChange } from './attributes';
import { getById } from './resources';
import { KeyedLock } from '../transport/keyedLock';
import { resourcePath, scimRequest } from '../transport/request';
import { ENDPOINT, SCHEMA } from './types';
import type { PatchOperation, ResourceType, ScimResource, ScimUser } from './types';

/** One change, written for every way a service may take it. */
export interface ResourceChange<T extends ScimResource> {
	/** As RFC 7644 PATCH operations, for the resource as read. */
	operations: (current: T) => PatchOperation[];
	/** Applied to a full copy, for PUT. */
	applyTo: (resource: T) => T;
	/** As a partial resource, for services whose PATCH takes one. */
	partial: (current: T) => IDataObject;
}

/** How a change is sent: PatchOp PATCH, partial-resource PATCH, or the whole resource PUT back. */
export type WriteShape = 'patchOp' | 'partialResource' | 'put';

const READ_ONLY = ['meta', 'groups'];

/** A 412 (the resource moved on since it was read) is met by reading again and redoing, this often. */
const VERSION_ATTEMPTS = 4;

const resourceLocks = new KeyedLock();

/**
 * Runs a read-change-write of one resource with no other in this n8n process
 * interleaving: every execution and item writing the same user or group waits its turn.
 */
export async function withResourceLock<T>(
	connection: ScimConnection,
	type: ResourceType,
	id: string,
	work: () => Promise<T>,
): Promise<T> {
	return await resourceLocks.run(`${connection.account}\u0000${type}\u0000${id}`, work);
}

export function withoutReadOnly<T extends ScimResource>(resource: T): T {
	const copy = deepCopy(resource) as IDataObject;
	for (const key of READ_ONLY) delete copy[key];
	return copy as T;
}

/** The version a service gave the resource (RFC 7644 §3.14), sent back as If-Match. */
export function versionOf(resource: ScimResource): string | undefined {
	const version = resource.meta?.version;
	return typeof version === 'string' && version !== '' ? version : undefined;
}

/**
 * Sends a write computed from `resource`. Where the service versions resources, the
 * write carries the version read (If-Match), and a 412 means someone else wrote in
 * between: the resource is read again and the write computed and sent anew.
 */
export async function writeVersioned<T extends ScimResource, R>(
	connection: ScimConnection,
	type: ResourceType,
	resource: T,
	send: (resource: T, ifMatch: string | undefined) => Promise<R>,
): Promise<R | undefined> {
	const { etag } = await capabilitiesOf(connection);
	let current = resource;
	for (let attempt = 1; ; attempt++) {
		try {
			return await send(current, etag ? versionOf(current) : undefined);
		} catch (error) {
			if (!etag || !hasStatus(error, 412) || attempt >= VERSION_ATTEMPTS)
				throw passOn(connection.ctx.getNode(), error);
			const fresh = await getById<T>(connection, type, current.id);
			if (!fresh) return undefined;
			current = fresh;
		}
	}
}

/**
 * Applies a change in the given shape: PatchOp PATCH, partial-resource PATCH, or PUT of
 * the whole resource (also where the service has no PATCH), read afresh under the
 * resource's lock so that no concurrent change is written over. Returns the resource as
 * the service now holds it (undefined when it is gone).
 */
export async function updateResource<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	current: T,
	change: ResourceChange<T>,
	shape: WriteShape,
): Promise<T | undefined> {
	const path = resourcePath(ENDPOINT[type], current.id);
	const predicted = (resource: T) => change.applyTo(withoutReadOnly(resource));
	if (shape === 'partialResource') {
		return await scimRequest<T>(connection, {
			method: 'PATCH',
			path,
			body: change.partial(current),
			dryRunAnswer: predicted(current),
		});
	}
	if (shape === 'patchOp' && (await capabilitiesOf(connection)).patch) {
		return await writeVersioned(
			connection,
			type,
			current,
			async (resource, ifMatch) =>
				await scimRequest<T>(connection, {
					method: 'PATCH',
					path,
					body: { schemas: [SCHEMA.patchOp], Operations: change.operations(resource) },
					ifMatch,
					dryRunAnswer: predicted(resource),
				}),
		);
	}
	return await withResourceLock(connection, type, current.id, async () => {
		const fresh = await getById<T>(connection, type, current.id);
		if (!fresh) return undefined;
		return await writeVersioned(
			connection,
			type,
			fresh,
			async (resource, ifMatch) =>
				await scimRequest<T>(connection, {
					method: 'PUT',
					path,
					body: predicted(resource),
					ifMatch,
					dryRunAnswer: predicted(resource),
				}),
		);
	});
}

/** Sets top-level attributes (`active`, a group's name) in the shape the service's dialect takes. */
export async function replaceAttributes<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
	current: T,
	values: IDataObject,
): Promise<T | undefined> {
	const { replace } = DIALECTS[connection.profile.protocol.dialect];
	const change = replaceChange<T>(values, {
		withoutPath: replace === 'withoutPath',
		idInValue: type === 'Group',
	});
	const shape = replace === 'partialResource' ? 'partialResource' : 'patchOp';
	return await updateResource(connection, type, current, change, shape);
}

/** Changes a user's attributes in the shape the service's dialect takes. */
export async function updateUserAttributes(
	connection: ScimConnection,
	user: ScimUser,
	changes: AttributeChange[],
): Promise<ScimUser | undefined> {
	const { userChanges } = DIALECTS[connection.profile.protocol.dialect];
	return await updateResource(connection, 'User', user, userChange(changes), userChanges);
}
