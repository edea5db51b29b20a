import { readAttribute, topLevelAttribute } from '../../../scim/attributes';
import type { AttributeChange } from '../../../scim/attributes';
import type { ScimUser } from '../../../scim/types';
import { asChange } from '../fields';
import { currentValue, holds } from './compare';
import { employeeIdOf } from './match';
import type { ResolveUser } from './compare';
import type { FieldChange, Person, SyncSettings, VendorFacts } from './types';

/** What an entry writes to an account, as a person reads it and as SCIM attributes. */
export interface Writes {
	changes: FieldChange[];
	writes: AttributeChange[];
	/** Values the list gives that are not written, and why. */
	warnings?: string[];
}

/** Whether a reference to a user (a manager) names an account in the app or a person on the list. */
export type Referable = (reference: string) => boolean;

/**
 * The fields given that can be written: a field naming another user (Leapsome's manager)
 * only where that user is an account in the app or a person on the list; the vendor
 * refuses anyone else, and every run would fail on it (and the fields sent with it).
 */
function writableFields(
	person: Person,
	referable: Referable,
	vendor: VendorFacts,
): { fields: Person['fields']; warnings: string[] } {
	const fields = person.fields.filter(
		({ field, value }) => !field.refersToUser || referable(String(value)),
	);
	const warnings = person.fields
		.filter((given) => !fields.includes(given))
		.map(
			({ field, value }) =>
				`${field.displayName} ${JSON.stringify(value)} is neither an account in ${vendor.displayName} nor a person on the list: not set`,
		);
	return { fields, warnings };
}

const blank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** How a custom attribute is named in `changes`: by the vendor's attribute id. */
const customName = (attribute: AttributeChange) =>
	`customAttribute:${attribute.path.slice(topLevelAttribute(attribute.path).length + 1)}`;

const shown = (value: AttributeChange['value']): FieldChange['to'] =>
	typeof value === 'string' || typeof value === 'boolean' ? value : JSON.stringify(value);

/**
 * The employee ID stored on an account it was matched to that has none, so that a later
 * recycled address or a rename is told apart by it. An account holding another employee
 * ID never gets here (matching holds it as a conflict); with External ID kept in sync, a
 * spelling that differs is corrected too.
 */
export function linkWrites(
	person: Person,
	account: ScimUser,
	settings: SyncSettings,
	vendor: VendorFacts,
): Writes {
	const { employeeId } = person;
	const stored = employeeIdOf(account);
	const differs = settings.attributesToSync.has('externalId') && account.externalId !== employeeId;
	if (employeeId === undefined || !vendor.storesEmployeeId || !(stored === undefined || differs))
		return { changes: [], writes: [] };
	return {
		changes: [{ field: 'externalId', from: stored ?? null, to: employeeId }],
		writes: [{ path: 'externalId', value: employeeId }],
	};
}

/**
 * What an existing account needs: the fields kept in sync where they differ; any other
 * field the list gives where the account leaves it blank (a create whose second write
 * failed is finished so, and nothing there is overwritten); the employee ID where the
 * account has none. Fields the vendor cannot update are left alone.
 */
export function attributeChanges(
	person: Person,
	account: ScimUser,
	settings: SyncSettings,
	vendor: VendorFacts,
	resolve: ResolveUser,
	referable: Referable,
): Writes {
	const changes: FieldChange[] = [];
	const writes: AttributeChange[] = [];
	const { fields, warnings } = writableFields(person, referable, vendor);
	for (const given of fields) {
		const { field, value } = given;
		if (!vendor.updatable.has(field.name)) continue;
		const current = currentValue(account, field, resolve);
		if (!settings.attributesToSync.has(field.name) && !blank(current)) continue;
		if (holds(account, field, value, resolve)) continue;
		changes.push({ field: field.name, from: current, to: value });
		writes.push(asChange(given));
	}
	for (const attribute of person.createOnly) {
		if (blank(attribute.value) || !blank(readAttribute(account, attribute.path))) continue;
		changes.push({ field: customName(attribute), from: null, to: shown(attribute.value) });
		writes.push(attribute);
	}
	const link = linkWrites(person, account, settings, vendor);
	return { changes: [...changes, ...link.changes], writes: [...writes, ...link.writes], warnings };
}

/** What a new account is created with: every field given, custom attributes, and the employee ID as its externalId. */
export function createWrites(person: Person, referable: Referable, vendor: VendorFacts): Writes {
	const { fields, warnings } = writableFields(person, referable, vendor);
	const changes: FieldChange[] = [
		...fields.map(({ field, value }) => ({ field: field.name, from: null, to: value })),
		...person.createOnly.map((attribute) => ({
			field: customName(attribute),
			from: null,
			to: shown(attribute.value),
		})),
	];
	const writes = [...fields.map(asChange), ...person.createOnly];
	if (person.employeeId !== undefined) {
		changes.push({ field: 'externalId', from: null, to: person.employeeId });
		writes.push({ path: 'externalId', value: person.employeeId });
	}
	return { changes, writes, warnings };
}
