import type { IDataObject } from 'n8n-workflow';

import { groupsByMember, groupsListed, groupsOnce } from '../../scim/membership';
import type { ScimUser } from '../../scim/types';
import type { ScimConnection } from '../../transport/connection';
import { simplifyUser } from '../simplify';

/**
 * Users in short. RFC 7643 lets a service leave the read-only `groups` off its users;
 * then each one's groups come from the groups' members (one listing per execution), or,
 * where the groups do not show their members either, `groups` is left out: never shown
 * empty for a user who may be in groups.
 */
export async function simplifyUsers(
	connection: ScimConnection,
	users: ScimUser[],
): Promise<IDataObject[]> {
	if (users.every((user) => groupsListed(user) !== undefined))
		return users.map((user) => simplifyUser(user));
	const groups = await groupsOnce(connection, 'showing the users’ groups');
	const byUser = groupsByMember(connection.profile, groups);
	if (!byUser) return users.map((user) => simplifyUser(user));
	return users.map((user) => simplifyUser(user, groupsListed(user) ?? byUser.get(user.id) ?? []));
}
