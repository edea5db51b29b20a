import { NodeOperationError } from 'n8n-workflow';

import type { ScimConnection } from '../transport/connection';
import { listResources } from './list';
import type { VendorProfile } from '../vendors/profile';
import type { ScimGroup, ScimMultiValue, ScimUser } from './types';

/**
 * Who is in which group, read from wherever the service tells it: a group's `members`
 * (RFC 7643 §4.2), or a user's read-only `groups` (§4.1.2), which a service may leave
 * out. Where both sides tell, a membership either side shows counts: some services cut
 * long member lists short, and some show `members: []` whatever a group holds. Where
 * neither side tells, membership is unknown, never "none".
 */

/** The ids of a multi-valued reference attribute (`members`, `groups`). */
export function idsOf(values: ScimMultiValue[] | undefined): string[] {
	return (values ?? [])
		.map((entry) => entry?.value)
		.filter((id): id is string => typeof id === 'string');
}

/** The group's member ids, where its `members` can be trusted (a vendor may serve `members: []` whatever it holds). */
export function membersListed(profile: VendorProfile, group: ScimGroup): string[] | undefined {
	return profile.groups.listsMembers && Array.isArray(group.members)
		? idsOf(group.members)
		: undefined;
}

/** The user's group ids, where the service shows them on the user. */
export function groupsListed(user: ScimUser): string[] | undefined {
	return Array.isArray(user.groups) ? idsOf(user.groups) : undefined;
}

/** Whether the user is in the group, as either side shows it; undefined when neither tells. */
export function isMember(
	profile: VendorProfile,
	group: ScimGroup,
	user: ScimUser,
): boolean | undefined {
	const onGroup = membersListed(profile, group)?.includes(user.id);
	const onUser = groupsListed(user)?.includes(group.id);
	return onGroup === undefined && onUser === undefined ? undefined : !!(onGroup || onUser);
}

/** Each user's group ids, from the groups' members; undefined unless every group shows them. */
export function groupsByMember(
	profile: VendorProfile,
	groups: ScimGroup[],
): Map<string, string[]> | undefined {
	const listed = groups.map((group) => membersListed(profile, group));
	if (listed.some((members) => members === undefined)) return undefined;
	const byUser = new Map<string, string[]>();
	groups.forEach((group, index) => {
		for (const userId of listed[index] ?? [])
			byUser.set(userId, [...(byUser.get(userId) ?? []), group.id]);
	});
	return byUser;
}

/** Each user's group ids (of the groups given), from the users; undefined where no user shows `groups`. */
function groupsByUser(users: ScimUser[], groups: ScimGroup[]): Map<string, string[]> | undefined {
	// A user in no group may leave the attribute out; none showing it means the service never does.
	if (users.length > 0 && !users.some((user) => Array.isArray(user.groups))) return undefined;
	const known = new Set(groups.map((group) => group.id));
	return new Map(
		users.map((user) => [user.id, (groupsListed(user) ?? []).filter((id) => known.has(id))]),
	);
}

/**
 * Each user's group ids (of the groups given), from one listing of each: every membership
 * the groups' members show (where every group shows them) or the users' `groups` show.
 * Undefined when neither side tells.
 */
export function membershipIndex(
	profile: VendorProfile,
	users: ScimUser[],
	groups: ScimGroup[],
): Map<string, string[]> | undefined {
	const fromGroups = groupsByMember(profile, groups);
	const fromUsers = groupsByUser(users, groups);
	if (!fromGroups || !fromUsers) return fromGroups ?? fromUsers;
	const both = new Map(fromUsers);
	for (const [userId, ids] of fromGroups)
		both.set(userId, [...new Set([...(both.get(userId) ?? []), ...ids])]);
	return both;
}

/** Memberships the users show that their groups' members leave out: a sign the groups' lists are not whole. */
export function membershipDisagreement(
	profile: VendorProfile,
	users: ScimUser[],
	groups: ScimGroup[],
): number {
	const fromGroups = groupsByMember(profile, groups);
	const fromUsers = groupsByUser(users, groups);
	if (!fromGroups || !fromUsers) return 0;
	let missing = 0;
	for (const [userId, ids] of fromUsers)
		for (const id of ids) if (!fromGroups.get(userId)?.includes(id)) missing++;
	return missing;
}

/** A service whose users carry no `groups` and whose groups show no `members`: who is in a group is not known. */
export function membershipUnknown(connection: ScimConnection, purpose: string): NodeOperationError {
	const vendor = connection.profile.identity.displayName;
	return new NodeOperationError(
		connection.ctx.getNode(),
		`${vendor.charAt(0).toUpperCase()}${vendor.slice(1)} shows group members neither on its groups nor on its users, so who is in which group is not known: ${purpose} needs that`,
		{
			description:
				'Nothing was changed. Ask the service’s vendor whether its SCIM API can return groups with their “members” or users with their “groups”.',
		},
	);
}

/** Every group, listed once per execution: its items, and a dry run's, share the one listing. */
export async function groupsOnce(
	connection: ScimConnection,
	purpose: string,
): Promise<ScimGroup[]> {
	connection.memo.groups ??= listResources<ScimGroup>(connection, 'Group', { purpose });
	return (await connection.memo.groups) as ScimGroup[];
}
