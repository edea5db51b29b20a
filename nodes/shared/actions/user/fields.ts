import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { AttributeChange } from '../../scim/attributes';
import type { ScimUser } from '../../scim/types';
import { DIALECTS } from '../../vendors/dialects';
import type { VendorProfile } from '../../vendors/profile';
import { userNameRefusal } from '../../vendors/names';
import type { UserField } from '../../vendors/userFields';
import type { InputReader } from '../input';
import { parameter } from '../item';
import type { ItemContext } from '../item';

interface CustomAttribute {
	id?: string;
	value?: string;
}

function fieldProperty(field: UserField): INodeProperties {
	const type = field.kind === 'boolean' ? 'boolean' : field.kind === 'date' ? 'dateTime' : 'string';
	const property: INodeProperties = {
		displayName: field.displayName,
		name: field.name,
		type,
		default: field.kind === 'boolean' ? true : '',
	};
	if (field.description) property.description = field.description;
	if (field.placeholder) property.placeholder = field.placeholder;
	return property;
}

function customAttributesProperty(profile: VendorProfile): INodeProperties[] {
	if (!profile.users.customAttributeSchema) return [];
	return [
		{
			displayName: 'Custom Attributes',
			name: 'customAttributes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Custom Attribute',
			default: {},
			description: `${profile.identity.displayName} custom attributes, by the attribute ID shown in its settings`,
			options: [
				{
					name: 'attribute',
					displayName: 'Attribute',
					values: [
						{
							displayName: 'Attribute ID',
							name: 'id',
							type: 'string',
							default: '',
							placeholder: 'e.g. 6140868326541a4da586db0b',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
	];
}

/** The collections of user fields: Create's, Update's, and the fields of each person Sync With List keeps. */
const COLLECTIONS = {
	additionalFields: 'Additional Fields',
	updateFields: 'Update Fields',
	fields: 'Fields',
};

type FieldCollection = keyof typeof COLLECTIONS;

/** A collection of user fields, sorted by name as n8n lists them. */
export function userFieldCollection(
	profile: VendorProfile,
	collection: FieldCollection,
	fields: readonly UserField[],
	description?: string,
): INodeProperties {
	return {
		displayName: COLLECTIONS[collection],
		name: collection,
		...(description ? { description } : {}),
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...fields.map(fieldProperty), ...customAttributesProperty(profile)].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** A value given for one of the vendor's user fields, validated. */
export interface FieldValue {
	field: UserField;
	value: string | boolean;
}

/** The validated values of the fields a user filled in; unknown or empty fields are skipped. */
export function readFieldValues(
	input: InputReader,
	fields: readonly UserField[],
	values: IDataObject,
): FieldValue[] {
	const given: FieldValue[] = [];
	for (const field of fields) {
		const raw = values[field.name];
		const value =
			field.kind === 'boolean'
				? input.optionalBoolean(field.displayName, raw)
				: field.kind === 'email'
					? input.optionalEmail(field.displayName, raw)
					: field.kind === 'date'
						? input.optionalDate(field.displayName, raw)
						: input.optionalText(field.displayName, raw);
		if (value !== undefined) given.push({ field, value });
	}
	return given;
}

/** A field's value as the SCIM attribute it writes. */
export function asChange({ field, value }: FieldValue): AttributeChange {
	return { path: field.path, value: field.toScim ? field.toScim(value) : value };
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

/** The field name a user sees for an attribute path. */
export function label(fields: readonly UserField[], path: string): string {
	return (
		fields.find((field) => field.path === path)?.displayName ??
		path.slice(path.lastIndexOf(':') + 1)
	);
}

/** Services that key users by email refuse anything else; say so before sending. */
export function checkUserName(item: ItemContext, userName: string): void {
	const refusal = userNameRefusal(item.connection.profile, userName);
	if (refusal) item.input.fail('User Name', refusal.problem, refusal.hint);
}

/** The validated changes of a user-field collection: the profile's fields plus custom attributes. */
export function readUserChanges(
	item: ItemContext,
	collection: FieldCollection,
	fields: readonly UserField[],
): AttributeChange[] {
	const values = parameter<IDataObject>(item, collection, {});
	const { profile } = item.connection;
	const changes = [
		...readFieldValues(item.input, fields, values).map(asChange),
		...readCustomAttributes(item.input, profile.users.customAttributeSchema, values),
	];
	// Two fields that write one attribute (User Name and an Email that is the userName) must agree.
	const seen = new Map<string, AttributeChange>();
	for (const change of changes) {
		const earlier = seen.get(change.path);
		if (earlier && JSON.stringify(earlier.value) !== JSON.stringify(change.value)) {
			item.input.fail(
				label(fields, change.path),
				`must be the same as the other field that sets ${change.path}: ${JSON.stringify(earlier.value)} and ${JSON.stringify(change.value)} differ`,
				'Give one of the two fields, or the same value in both.',
			);
		}
		seen.set(change.path, change);
	}
	const userName = seen.get('userName');
	if (userName) checkUserName(item, String(userName.value));
	return [...seen.values()];
}

/** The changes the vendor lets an update make (e.g. LeadIQ: only the name). */
export function updatableOnly(
	profile: VendorProfile,
	changes: AttributeChange[],
): AttributeChange[] {
	const paths = new Set(profile.users.fields.update.map((field) => field.path));
	const custom = profile.users.customAttributeSchema
		? `${profile.users.customAttributeSchema}:`
		: undefined;
	return changes.filter(
		(change) => paths.has(change.path) || (custom && change.path.startsWith(custom)),
	);
}

/**
 * Where a change goes as a partial user (Leapsome), a name is sent with both parts, which
 * its API requires: the part not given here must be stored already, or the item fails
 * before anything is sent.
 */
export function checkWholeName(
	item: ItemContext,
	user: ScimUser,
	changes: AttributeChange[],
): void {
	const { profile } = item.connection;
	if (DIALECTS[profile.protocol.dialect].userChanges !== 'partialResource') return;
	if (!changes.some((change) => change.path.startsWith('name.'))) return;
	for (const part of ['givenName', 'familyName'] as const) {
		const stored = user.name?.[part];
		if (changes.some((change) => change.path === `name.${part}`)) continue;
		if (typeof stored === 'string' && stored.trim() !== '') continue;
		item.input.fail(
			label(profile.users.fields.update, `name.${part}`),
			`is needed too: ${profile.identity.displayName} takes a name only with both parts, and this user has none stored`,
			'Give both Given Name and Family Name.',
		);
	}
}
