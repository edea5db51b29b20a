import { primaryEmail } from '../actions/simplify';
import type { ScimGroup, ScimUser } from '../scim/types';
import { ENTERPRISE_USER } from '../vendors/userFields';

/** An attribute whose change is reported: its name in `changes`, and how to read it. */
interface WatchedField<T> {
	field: string;
	read: (resource: T) => unknown;
}

function enterprise(user: ScimUser, key: string): unknown {
	const extension = user[ENTERPRISE_USER] as Record<string, unknown> | undefined;
	const value = extension?.[key];
	// A reference (the manager) is compared by its id: `value` in RFC 7643, `managerId` at
	// Leapsome; never by its display name, which changes when the manager is renamed.
	if (value && typeof value === 'object') {
		const reference = value as { value?: unknown; managerId?: unknown };
		return reference.managerId ?? reference.value;
	}
	return value;
}

/** What a person cares about in a user: not `meta`, not `groups` (reported as membership changes). */
export const WATCHED_USER_FIELDS: Array<WatchedField<ScimUser>> = [
	{ field: 'userName', read: (user) => user.userName },
	{ field: 'givenName', read: (user) => user.name?.givenName },
	{ field: 'familyName', read: (user) => user.name?.familyName },
	{ field: 'displayName', read: (user) => user.displayName },
	{ field: 'email', read: (user) => primaryEmail(user) },
	{ field: 'title', read: (user) => user.title },
	{ field: 'externalId', read: (user) => user.externalId },
	{ field: 'department', read: (user) => enterprise(user, 'department') },
	{ field: 'manager', read: (user) => enterprise(user, 'manager') },
];

export const WATCHED_GROUP_FIELDS: Array<WatchedField<ScimGroup>> = [
	{ field: 'displayName', read: (group) => group.displayName },
	{ field: 'externalId', read: (group) => group.externalId },
];

/** A stable text for a value: the same value always gives the same text. */
export function canonical(value: unknown): string {
	if (value === undefined || value === null || value === '') return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}
