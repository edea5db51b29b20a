import type { IDataObject } from 'n8n-workflow';

import { listResources } from '../../scim/list';
import { memberIdsOf, membershipIndex, membershipView } from '../../scim/membership';
import type { MembershipView } from '../../scim/membership';
import type { ScimGroup, ScimUser } from '../../scim/types';
import type { ScimConnection } from '../../transport/connection';
import { simplifyGroup } from '../simplify';

/** How many users are in each group, counted from every user's `groups` (one listing); undefined where they do not tell. */
async function countMembers(
	connection: ScimConnection,
	groups: ScimGroup[],
): Promise<Map<string, number> | undefined> {
	const users = await listResources<ScimUser>(connection, 'User', { purpose: 'counting members' });
	const index = membershipIndex(await membershipView(connection, { users, groups }), users, groups);
	if (!index) return undefined;
	const counts = new Map<string, number>();
	for (const ids of index.values()) for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
	return counts;
}

/**
 * Groups in short. Where groups never list their members (Leapsome, whose groups show
 * `members: []` whatever they hold), the count comes from the users, listed once however
 * many groups are shown; where the service shows members, a group without them has none.
 */
export async function simplifyGroups(
	connection: ScimConnection,
	groups: ScimGroup[],
): Promise<IDataObject[]> {
	const view: MembershipView = await membershipView(connection, { groups });
	const counts =
		view.members === 'untrusted' && groups.length > 0
			? await countMembers(connection, groups)
			: undefined;
	return groups.map((group) =>
		simplifyGroup(
			group,
			view.members === 'untrusted'
				? (counts?.get(group.id) ?? (counts ? 0 : null))
				: (memberIdsOf(view, group)?.length ?? null),
		),
	);
}
