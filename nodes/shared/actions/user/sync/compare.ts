import type { IDataObject } from 'n8n-workflow';

import { readAttribute } from '../../../scim/attributes';
import type { ScimUser } from '../../../scim/types';
import type { UserField } from '../../../vendors/userFields';
import { primaryEmail } from '../../simplify';
import { keyOf } from './match';

/** Finds the account a reference names: by id, userName, email or externalId. */
export type ResolveUser = (reference: string) => ScimUser | undefined;

/** Accounts by every value a reference to them may be written with. */
export function userResolver(accounts: readonly ScimUser[]): ResolveUser {
	const byKey = new Map<string, ScimUser>();
	const add = (value: unknown, account: ScimUser) => {
		if (typeof value === 'string' && value.trim() !== '' && !byKey.has(keyOf(value)))
			byKey.set(keyOf(value), account);
	};
	for (const account of accounts) add(account.id, account);
	for (const account of accounts) add(account.userName, account);
	for (const account of accounts) add(account.externalId, account);
	for (const account of accounts)
		for (const email of account.emails ?? []) add(email?.value, account);
	return (reference) => byKey.get(keyOf(reference));
}

/** The id a stored reference holds: a plain id, `{ value }` (RFC 7643) or `{ managerId }` (Leapsome). */
function referencedId(stored: unknown): string | undefined {
	if (typeof stored === 'string') return stored;
	if (stored && typeof stored === 'object') {
		const reference = stored as IDataObject;
		const id = reference.managerId ?? reference.value;
		return typeof id === 'string' ? id : undefined;
	}
	return undefined;
}

/** An account's value of a field, as a person would give it (a referenced user by userName). */
export function currentValue(
	account: ScimUser,
	field: UserField,
	resolve: ResolveUser,
): string | boolean | null {
	if (field.path === 'emails') return primaryEmail(account) ?? null;
	const stored = readAttribute(account, field.path);
	if (field.refersToUser) {
		const id = referencedId(stored);
		return id === undefined ? null : (resolve(id)?.userName ?? id);
	}
	if (field.kind === 'boolean') return typeof stored === 'boolean' ? stored : null;
	if (typeof stored === 'number') return String(stored);
	return typeof stored === 'string' ? stored : null;
}

/**
 * Whether the account holds the value given: emails and referenced users compared as
 * keys (case aside), dates by the day, text exactly (a title's case is the title's).
 */
export function holds(
	account: ScimUser,
	field: UserField,
	given: string | boolean,
	resolve: ResolveUser,
): boolean {
	if (field.refersToUser) {
		const id = referencedId(readAttribute(account, field.path));
		return id !== undefined && resolve(String(given))?.id === id;
	}
	const current = currentValue(account, field, resolve);
	if (current === null) return false;
	if (field.kind === 'email') return keyOf(String(current)) === keyOf(String(given));
	if (field.kind === 'date') return String(current).slice(0, 10) === String(given).slice(0, 10);
	return typeof given === 'boolean' ? current === given : String(current).trim() === given;
}
