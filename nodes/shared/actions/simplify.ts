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

/**
 * A user in short, with the group ids given (see `membership.ts`); where they are not
 * known the key is left out, never shown empty.
 */
export function simplifyUser(user: ScimUser, groups: string[] | undefined): IDataObject {
	const simplified: IDataObject = {
		id: user.id,
		userName: user.userName,
		active: user.active ?? true,
		givenName: user.name?.givenName ?? null,
		familyName: user.name?.familyName ?? null,
		displayName: user.displayName ?? null,
		email: primaryEmail(user) ?? null,
		externalId: user.externalId ?? null,
	};
	if (groups) simplified.groups = groups;
	return simplified;
}

/** A group in short; `memberCount` as counted from the users where given, else from its members, else null (not known). */
export function simplifyGroup(group: ScimGroup, memberCount: number | null): IDataObject {
	return {
		id: group.id,
		displayName: group.displayName,
		externalId: group.externalId ?? null,
		memberCount,
	};
}
