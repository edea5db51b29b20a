import type { IDataObject } from 'n8n-workflow';

import { listResources } from '../../scim/list';
import { membersListed } from '../../scim/membership';
import type { ScimGroup, ScimUser } from '../../scim/types';
import type { ScimConnection } from '../../transport/connection';
import { simplifyGroup } from '../simplify';

/** How many users are in each group, counted from every user's `groups` (one listing). */
async function countMembers(connection: ScimConnection): Promise<Map<string, number>> {
	const users = await listResources<ScimUser>(connection, 'User', { purpose: 'counting members' });
	const counts = new Map<string, number>();
	for (const user of users)
		for (const { value } of user.groups ?? [])
			if (typeof value === 'string') counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

/**
 * Groups in short. Where groups never list their members (Leapsome, whose groups show
 * `members: []` whatever they hold), the count comes from the users, listed once however
 * many groups are shown.
 */
export async function simplifyGroups(
	connection: ScimConnection,
	groups: ScimGroup[],
): Promise<IDataObject[]> {
	const { profile } = connection;
	const counts =
		!profile.groups.listsMembers && groups.length > 0 ? await countMembers(connection) : undefined;
	return groups.map((group) =>
		simplifyGroup(
			group,
			counts ? (counts.get(group.id) ?? 0) : (membersListed(profile, group)?.length ?? null),
		),
	);
}
