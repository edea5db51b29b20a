import { NodeOperationError } from 'n8n-workflow';

import type { ScimConnection } from '../transport/connection';
import { listResources } from './list';
import type { VendorProfile } from '../vendors/profile';
import type { ScimGroup, ScimMultiValue, ScimUser } from './types';

/**
 * Who is in which group, read from wherever the service tells it: a group's `members`
 * (RFC 7643 §4.2), or a user's read-only `groups` (§4.1.2), which a service may leave
 * out. Where neither side tells, membership is unknown, never "none".
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

/** Whether the user is in the group: from the group's members where it lists them, else from the user's groups; undefined when neither tells. */
export function isMember(
	profile: VendorProfile,
	group: ScimGroup,
	user: ScimUser,
): boolean | undefined {
	return membersListed(profile, group)?.includes(user.id) ?? groupsListed(user)?.includes(group.id);
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

/**
 * Each user's group ids (of the groups given), from one listing of each: from the groups
 * where every one shows its members, else from the users where any shows its `groups`
 * (a user in no group may leave the attribute out). Undefined when neither side tells.
 */
export function membershipIndex(
	profile: VendorProfile,
	users: ScimUser[],
	groups: ScimGroup[],
): Map<string, string[]> | undefined {
	const fromGroups = groupsByMember(profile, groups);
	if (fromGroups) return fromGroups;
	if (users.length > 0 && !users.some((user) => Array.isArray(user.groups))) return undefined;
	const known = new Set(groups.map((group) => group.id));
	return new Map(
		users.map((user) => [user.id, (groupsListed(user) ?? []).filter((id) => known.has(id))]),
	);
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
