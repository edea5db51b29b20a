import { NodeOperationError } from 'n8n-workflow';

import type { ScimConnection } from '../transport/connection';
import { returnedByDefault } from '../transport/schemas';
import { listResources } from './list';
import { getById } from './resources';
import { SCHEMA } from './types';
import type { ScimGroup, ScimMultiValue, ScimUser } from './types';

/**
 * Who is in which group, read from wherever the service tells it: a group's `members`
 * (RFC 7643 §4.2), or a user's read-only `groups` (§4.1.2), which a service may leave
 * out. An omitted multi-valued attribute is an empty one (§2.5), so where a service shows
 * a side, a group without `members` has none and a user without `groups` is in none
 * (scimgateway leaves both off when empty). Where a service never shows a side, its
 * omission says nothing. Where both sides tell, a membership either side shows counts:
 * some services cut long member lists short, and some show `members: []` whatever a
 * group holds. Where neither side tells, membership is unknown, never "none".
 *
 * Every reader of membership (Remove From All Groups, Add and Remove Member, the trigger,
 * Sync With List, Simplify) and Check Service's membership probe go through this file,
 * so a check cannot predict what an operation will not do.
 */

/**
 * How a service shows one side of membership:
 * - `shown`: it returns the attribute, so an omitted one is empty;
 * - `notShown`: it does not say it returns it, so an omitted one is unknown (a list shown counts);
 * - `untrusted`: a vendor's fact that the list shown means nothing (Leapsome's `members: []`).
 */
export type Showing = 'shown' | 'notShown' | 'untrusted';

/** Where that was learnt: the vendor's profile, the service's /Schemas, or the resources at hand. */
export type ShowingSource = 'vendor' | 'schemas' | 'data';

export interface MembershipView {
	/** Groups' `members`. */
	members: Showing;
	/** Users' `groups`. */
	groups: Showing;
	from: { members: ShowingSource; groups: ShowingSource };
}

/** The ids of a multi-valued reference attribute (`members`, `groups`). */
export function idsOf(values: ScimMultiValue[] | undefined): string[] {
	return (values ?? [])
		.map((entry) => entry?.value)
		.filter((id): id is string => typeof id === 'string');
}

/** One side's showing: an attribute shown counts; an omitted one is empty where the side is shown. */
function read(showing: Showing, values: unknown): string[] | undefined {
	if (showing === 'untrusted') return undefined;
	if (Array.isArray(values)) return idsOf(values as ScimMultiValue[]);
	return showing === 'shown' ? [] : undefined;
}

/** The group's member ids; undefined where the service does not tell. */
export function memberIdsOf(view: MembershipView, group: ScimGroup): string[] | undefined {
	return read(view.members, group.members);
}

/** The user's group ids; undefined where the service does not tell. */
export function groupIdsOf(view: MembershipView, user: ScimUser): string[] | undefined {
	return read(view.groups, user.groups);
}

/** Whether the user is in the group, as either side shows it; undefined when neither tells. */
export function isMember(
	view: MembershipView,
	group: ScimGroup,
	user: ScimUser,
): boolean | undefined {
	const onGroup = memberIdsOf(view, group)?.includes(user.id);
	const onUser = groupIdsOf(view, user)?.includes(group.id);
	return onGroup === undefined && onUser === undefined ? undefined : !!(onGroup || onUser);
}

/** Each user's group ids, from the groups' members; undefined unless every group's members are known. */
export function groupsByMember(
	view: MembershipView,
	groups: ScimGroup[],
): Map<string, string[]> | undefined {
	const listed = groups.map((group) => memberIdsOf(view, group));
	if (listed.some((members) => members === undefined)) return undefined;
	const byUser = new Map<string, string[]>();
	groups.forEach((group, index) => {
		for (const userId of listed[index] ?? [])
			byUser.set(userId, [...(byUser.get(userId) ?? []), group.id]);
	});
	return byUser;
}

/** Each user's group ids (of the groups given), from the users; undefined unless every user's groups are known. */
function groupsByUser(
	view: MembershipView,
	users: ScimUser[],
	groups: ScimGroup[],
): Map<string, string[]> | undefined {
	const listed = users.map((user) => groupIdsOf(view, user));
	if (listed.some((ids) => ids === undefined)) return undefined;
	const known = new Set(groups.map((group) => group.id));
	return new Map(
		users.map((user, index) => [user.id, (listed[index] ?? []).filter((id) => known.has(id))]),
	);
}

/**
 * Each user's group ids (of the groups given), from one listing of each: every membership
 * the groups' members show (where every group's are known) or the users' `groups` show
 * (where every user's are known). Undefined when neither side tells.
 */
export function membershipIndex(
	view: MembershipView,
	users: ScimUser[],
	groups: ScimGroup[],
): Map<string, string[]> | undefined {
	const fromGroups = groupsByMember(view, groups);
	const fromUsers = groupsByUser(view, users, groups);
	if (!fromGroups || !fromUsers) return fromGroups ?? fromUsers;
	const both = new Map(fromUsers);
	for (const [userId, ids] of fromGroups)
		both.set(userId, [...new Set([...(both.get(userId) ?? []), ...ids])]);
	return both;
}

/** Memberships the users show that their groups' members leave out: a sign the groups' lists are not whole. */
export function membershipDisagreement(
	view: MembershipView,
	users: ScimUser[],
	groups: ScimGroup[],
): number {
	const fromGroups = groupsByMember(view, groups);
	const fromUsers = groupsByUser(view, users, groups);
	if (!fromGroups || !fromUsers) return 0;
	let missing = 0;
	for (const [userId, ids] of fromUsers)
		for (const id of ids) if (!fromGroups.get(userId)?.includes(id)) missing++;
	return missing;
}

/** A vendor's fact about one side: Leapsome's teams show `members: []` whatever they hold. */
function vendorShowing(
	connection: ScimConnection,
	side: 'members' | 'groups',
): Showing | undefined {
	return side === 'members' && !connection.profile.groups.listsMembers ? 'untrusted' : undefined;
}

/** What a generic service's /Schemas say of one side (vendor profiles speak only what their vendor is proven to take). */
async function schemasShowing(
	connection: ScimConnection,
	side: 'members' | 'groups',
): Promise<Showing | undefined> {
	if (!connection.profile.protocol.discoverCapabilities) return undefined;
	const returned =
		side === 'members'
			? await returnedByDefault(connection, SCHEMA.group, 'members')
			: await returnedByDefault(connection, SCHEMA.user, 'groups');
	return returned === undefined ? undefined : returned ? 'shown' : 'notShown';
}

/**
 * How the service shows membership, decided in order from: a vendor profile's fact; the
 * service's /Schemas (a generic service; read once per execution, and only where a
 * resource at hand leaves the attribute out, unless `askService`); the resources at hand
 * (any group showing `members`, any user showing `groups`).
 */
export async function membershipView(
	connection: ScimConnection,
	seen: { users?: ScimUser[]; groups?: ScimGroup[] },
	options: { askService?: boolean } = {},
): Promise<MembershipView> {
	const decide = async (
		side: 'members' | 'groups',
		resources: Array<ScimUser | ScimGroup>,
	): Promise<{ showing: Showing; from: ShowingSource }> => {
		const vendor = vendorShowing(connection, side);
		if (vendor) return { showing: vendor, from: 'vendor' };
		const shows = (resource: ScimUser | ScimGroup) => Array.isArray(resource[side]);
		// Where every resource at hand shows the attribute, there is nothing to decide.
		const schemas =
			options.askService || !resources.every(shows)
				? await schemasShowing(connection, side)
				: undefined;
		if (schemas === 'shown' && resources.length > 0 && !resources.some(shows)) {
			// /Schemas say it is returned, yet no resource listed has it: one read by id tells
			// a service that leaves it off lists (it is not empty then) from one where all are empty.
			const type = side === 'members' ? 'Group' : 'User';
			const read = await getById<ScimUser | ScimGroup>(connection, type, resources[0].id);
			if (read && Array.isArray(read[side]) && read[side].length > 0)
				return { showing: 'notShown', from: 'data' };
		}
		if (schemas) return { showing: schemas, from: 'schemas' };
		return { showing: resources.some(shows) ? 'shown' : 'notShown', from: 'data' };
	};
	const members = await decide('members', seen.groups ?? []);
	const groups = await decide('groups', seen.users ?? []);
	return {
		members: members.showing,
		groups: groups.showing,
		from: { members: members.from, groups: groups.from },
	};
}

/** A service whose users carry no `groups` and whose groups show no `members`: who is in a group is not known. */
export function membershipUnknown(connection: ScimConnection, purpose: string): NodeOperationError {
	const vendor = connection.profile.identity.displayName;
	return new NodeOperationError(
		connection.ctx.getNode(),
		`${vendor.charAt(0).toUpperCase()}${vendor.slice(1)} shows group members neither on its groups nor on its users, so who is in which group is not known: ${purpose} needs that`,
		{
			description:
				'Ask the service’s vendor whether its SCIM API can return groups with their “members” or users with their “groups”.',
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
