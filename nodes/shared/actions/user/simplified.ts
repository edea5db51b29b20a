import type { IDataObject } from 'n8n-workflow';

import { groupIdsOf, groupsOnce, membershipIndex, membershipView } from '../../scim/membership';
import type { ScimUser } from '../../scim/types';
import type { ScimConnection } from '../../transport/connection';
import { simplifyUser } from '../simplify';

/**
 * Users in short. RFC 7643 lets a service leave the read-only `groups` off its users;
 * where it shows them, a user without `groups` is in none. Otherwise each one's groups
 * come from the groups' members (one listing per execution), or, where the groups do not
 * tell either, `groups` is left out: never shown empty for a user who may be in groups.
 */
export async function simplifyUsers(
	connection: ScimConnection,
	users: ScimUser[],
): Promise<IDataObject[]> {
	const own = await membershipView(connection, { users });
	if (users.every((user) => groupIdsOf(own, user) !== undefined))
		return users.map((user) => simplifyUser(user, groupIdsOf(own, user)));
	const groups = await groupsOnce(connection, 'showing the users’ groups');
	const index = membershipIndex(await membershipView(connection, { users, groups }), users, groups);
	return users.map((user) => simplifyUser(user, index ? (index.get(user.id) ?? []) : undefined));
}
