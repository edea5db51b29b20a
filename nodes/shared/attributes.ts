import type { IDataObject } from 'n8n-workflow';

import type { InputReader } from './input';
import type { PatchOperation, ScimUser, ScimValue } from './types';
import type { ResourceChange } from './update';
import type { UserField } from './userFields';

export interface AttributeChange {
	path: string;
	value: ScimValue;
}

export interface CustomAttribute {
	id?: string;
	value?: string;
}

/** Validated SCIM changes for the fields a user filled in; unknown or empty fields are skipped. */
export function readAttributeChanges(
	input: InputReader,
	fields: readonly UserField[],
	values: IDataObject,
): AttributeChange[] {
	const changes: AttributeChange[] = [];
	for (const spec of fields) {
		const raw = values[spec.name];
		const value =
			spec.kind === 'boolean'
				? input.optionalBoolean(spec.displayName, raw)
				: spec.kind === 'email'
					? input.optionalEmail(spec.displayName, raw)
					: spec.kind === 'date'
						? input.optionalDate(spec.displayName, raw)
						: input.optionalText(spec.displayName, raw);
		if (value === undefined) continue;
		changes.push({ path: spec.path, value: spec.toScim ? spec.toScim(value) : value });
	}
	return changes;
}

/** Custom attributes keyed by the vendor's attribute id, written under its extension schema. */
export function readCustomAttributes(
	input: InputReader,
	schema: string | undefined,
	values: IDataObject,
): AttributeChange[] {
	const entries = ((values.customAttributes as IDataObject | undefined)?.attribute ??
		[]) as CustomAttribute[];
	if (!schema) return [];
	return entries.map((entry) => {
		const id = input.requiredText('Custom Attribute ID', entry.id);
		if (!/^[A-Za-z0-9_-]+$/.test(id))
			input.fail(
				'Custom Attribute ID',
				`is not an attribute id: ${JSON.stringify(id)}`,
				'Copy the id from the vendor’s attribute settings.',
			);
		return {
			path: `${schema}:${id}`,
			value: input.optionalText('Custom Attribute Value', entry.value) ?? '',
		};
	});
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

export function toPatchOperations(changes: AttributeChange[]): PatchOperation[] {
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
