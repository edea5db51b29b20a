import type { IDataObject } from 'n8n-workflow';

import type { PatchOperation, ScimUser, ScimValue } from './types';
import type { ResourceChange } from './update';

/** One attribute's new value, by its SCIM path (e.g. "name.givenName" or an extension URN path). */
export interface AttributeChange {
	path: string;
	value: ScimValue;
}

/** Extension URNs contain dots and colons of their own: "urn:…:2.0:User:department" splits at the last colon. */
function splitPath(path: string): string[] {
	if (path.startsWith('urn:')) {
		const at = path.lastIndexOf(':');
		return [path.slice(0, at), ...path.slice(at + 1).split('.')];
	}
	return path.split('.');
}

/** Writes the changes into a resource object (for POST, PUT and partial-resource PATCH bodies). */
export function applyChanges<T extends IDataObject>(resource: T, changes: AttributeChange[]): T {
	for (const { path, value } of changes) {
		const keys = splitPath(path);
		let target: IDataObject = resource;
		for (const key of keys.slice(0, -1)) {
			const next = target[key];
			target[key] =
				next && typeof next === 'object' && !Array.isArray(next)
					? { ...(next as IDataObject) }
					: {};
			target = target[key] as IDataObject;
		}
		target[keys[keys.length - 1]] = value;
	}
	return resource;
}

function toPatchOperations(changes: AttributeChange[]): PatchOperation[] {
	return changes.map(({ path, value }) => ({ op: 'replace', path, value }));
}

/**
 * A change of user attributes in every dialect. A partial resource always carries the
 * userName, and the whole name when part of it changes, since services that take
 * partial resources require both.
 */
export function userChange(changes: AttributeChange[]): ResourceChange<ScimUser> {
	return {
		operations: toPatchOperations(changes),
		applyTo: (resource) => applyChanges(resource, changes),
		partial: (current) => {
			const base: IDataObject = { userName: current.userName };
			if (changes.some((change) => change.path.startsWith('name.')))
				base.name = { ...(current.name ?? {}) };
			return applyChanges(base, changes);
		},
	};
}
