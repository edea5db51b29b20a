import type { IDataObject } from 'n8n-workflow';

import type { ScimGroup, ScimUser } from '../scim/types';

/** The user's primary email, else the first one listed. */
export function primaryEmail(user: ScimUser): string | undefined {
	const emails = Array.isArray(user.emails) ? user.emails : [];
	return (emails.find((email) => email?.primary === true) ?? emails[0])?.value;
}

/** What Simplify keeps, as its toggle says. */
export const USER_SHAPE = 'id, userName, active, names, email, externalId and group ids';
export const GROUP_SHAPE = 'id, displayName, externalId and member count';

export function simplifyUser(user: ScimUser): IDataObject {
	return {
		id: user.id,
		userName: user.userName,
		active: user.active ?? true,
		givenName: user.name?.givenName ?? null,
		familyName: user.name?.familyName ?? null,
		displayName: user.displayName ?? null,
		email: primaryEmail(user) ?? null,
		externalId: user.externalId ?? null,
		groups: (Array.isArray(user.groups) ? user.groups : [])
			.map((group) => group?.value)
			.filter((id): id is string => typeof id === 'string'),
	};
}

/** A group in short; `memberCount` from its members, else as counted elsewhere, else null (not known). */
export function simplifyGroup(group: ScimGroup, counted?: number): IDataObject {
	return {
		id: group.id,
		displayName: group.displayName,
		externalId: group.externalId ?? null,
		memberCount: Array.isArray(group.members) ? group.members.length : (counted ?? null),
	};
}
