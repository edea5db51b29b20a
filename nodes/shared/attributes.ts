import type { IDataObject } from 'n8n-workflow';

import type { InputReader } from './input';
import type { PatchOperation, ScimValue } from './types';

/** How an n8n field maps onto a SCIM attribute. */
export interface AttributeSpec {
	/** SCIM attribute path, e.g. "name.givenName" or an extension URN path. */
	path: string;
	kind: 'text' | 'email' | 'boolean';
	/** The SCIM value for the field's value, when it is not the value itself. */
	toScim?: (value: string | boolean) => ScimValue;
}

export const USER_ATTRIBUTES: Record<string, AttributeSpec> = {
	userName: { path: 'userName', kind: 'text' },
	givenName: { path: 'name.givenName', kind: 'text' },
	familyName: { path: 'name.familyName', kind: 'text' },
	displayName: { path: 'displayName', kind: 'text' },
	email: {
		path: 'emails',
		kind: 'email',
		toScim: (value) => [{ value, type: 'work', primary: true }],
	},
	externalId: { path: 'externalId', kind: 'text' },
	title: { path: 'title', kind: 'text' },
	active: { path: 'active', kind: 'boolean' },
};

export interface AttributeChange {
	path: string;
	value: ScimValue;
}

/** Validated SCIM changes for the fields a user filled in; unknown or empty fields are skipped. */
export function readAttributeChanges(
	input: InputReader,
	specs: Record<string, AttributeSpec>,
	fields: IDataObject,
): AttributeChange[] {
	const changes: AttributeChange[] = [];
	for (const [field, raw] of Object.entries(fields)) {
		const spec = specs[field];
		if (!spec) continue;
		const value =
			spec.kind === 'boolean'
				? input.optionalBoolean(field, raw)
				: spec.kind === 'email'
					? input.optionalEmail(field, raw)
					: input.optionalText(field, raw);
		if (value === undefined) continue;
		changes.push({ path: spec.path, value: spec.toScim ? spec.toScim(value) : value });
	}
	return changes;
}

/** Extension URNs contain dots of their own: "urn:…:2.0:User:department" splits at the last colon. */
function splitPath(path: string): string[] {
	if (path.startsWith('urn:')) {
		const at = path.lastIndexOf(':');
		return [path.slice(0, at), ...path.slice(at + 1).split('.')];
	}
	return path.split('.');
}

/** Writes the changes into a resource object (for POST and PUT bodies). */
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

export function toPatchOperations(changes: AttributeChange[]): PatchOperation[] {
	return changes.map(({ path, value }) => ({ op: 'replace', path, value }));
}
