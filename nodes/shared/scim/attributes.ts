import type { IDataObject } from 'n8n-workflow';

import type { ScimResource, ScimUser, ScimValue } from './types';
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

/** A resource body as the service would hold it: without the `schemas` of the request. */
export function withoutSchemas(body: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'schemas'));
}

/** The top-level attribute a path writes: "name" for "name.givenName", the URN for an extension path. */
export function topLevelAttribute(path: string): string {
	return splitPath(path)[0];
}

/** The value a resource holds at a path. */
export function readAttribute(resource: IDataObject, path: string): unknown {
	let value: unknown = resource;
	for (const key of splitPath(path))
		value = value && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	return value;
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

/**
 * A change of user attributes, for every shape. A partial resource always carries the
 * userName, and the whole name when part of it changes, since services that take
 * partial resources require both.
 */
export function userChange(changes: AttributeChange[]): ResourceChange<ScimUser> {
	return {
		operations: () => changes.map(({ path, value }) => ({ op: 'replace', path, value })),
		applyTo: (resource) => applyChanges(resource, changes),
		partial: (current) => {
			const base: IDataObject = { userName: current.userName };
			if (changes.some((change) => change.path.startsWith('name.')))
				base.name = { ...(current.name ?? {}) };
			return applyChanges(base, changes);
		},
	};
}

/**
 * A replace of top-level attributes (`active`, a group's `displayName`): one PatchOp
 * operation per attribute with its path, or, `withoutPath`, one `replace` naming them in
 * its value (with the resource's id where `idInValue`), as Okta's client writes it. A
 * partial user carries its userName.
 */
export function replaceChange<T extends ScimResource>(
	values: IDataObject,
	{ withoutPath, idInValue }: { withoutPath: boolean; idInValue: boolean },
): ResourceChange<T> {
	return {
		operations: (current) =>
			withoutPath
				? [{ op: 'replace', value: idInValue ? { id: current.id, ...values } : values }]
				: Object.entries(values).map(([path, value]) => ({ op: 'replace', path, value })),
		applyTo: (resource) => ({ ...resource, ...values }),
		partial: (current) =>
			typeof current.userName === 'string' ? { userName: current.userName, ...values } : values,
	};
}
