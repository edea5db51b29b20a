import type { IDataObject } from 'n8n-workflow';

import type { ScimConnection } from '../../transport/connection';
import { passOn } from '../../transport/errors';
import { flag, parameter } from '../item';
import type { ItemContext } from '../item';
import { locateGroup, locateUser, readLocator } from '../locate';
import { getById } from '../../scim/resources';
import { notFoundOutcome } from '../outcome';
import { refuseProtected } from '../safety';
import type { Outcome } from '../outcome';
import type { ScimGroup, ScimResource, ScimUser } from '../../scim/types';
import { listResources } from '../../scim/list';
import {
	groupIdsOf,
	groupsOnce,
	isMember,
	membershipIndex,
	membershipUnknown,
	membershipView,
} from '../../scim/membership';
import { membershipWriter } from './memberWriters';
import type { Member, MembershipWriter } from './memberWriters';
import type { ChangeResult } from './membershipQueue';

/** A group as a person names it. */
type NamedGroup = { id: string; displayName: string };

function result(outcome: Outcome, group: ScimGroup, user: ScimUser): IDataObject {
	return {
		outcome,
		groupId: group.id,
		groupDisplayName: group.displayName,
		userId: user.id,
		userName: user.userName,
	};
}

type Found = { group: ScimGroup; user: ScimUser } | { missing: IDataObject };

async function findBoth(item: ItemContext): Promise<Found> {
	const { input, connection } = item;
	const groupLocator = readLocator(input, 'Group', parameter(item, 'groupId'));
	const userLocator = readLocator(input, 'User', parameter(item, 'userId'));
	const group = await locateGroup(connection, input, groupLocator);
	if (!group) return { missing: notFoundOutcome(item, 'group', groupLocator) };
	const user = await locateUser(connection, input, userLocator);
	if (!user) return { missing: notFoundOutcome(item, 'user', userLocator) };
	return { group, user };
}

/**
 * Makes the changes, in order. Where they wait in the shared queue, the item parks
 * meanwhile, so other items can run and their changes join the same round.
 */
export async function applyChanges(
	item: ItemContext,
	writer: MembershipWriter,
	user: Member,
	changes: Array<{ group: ScimResource; add: boolean }>,
): Promise<ChangeResult[]> {
	const { connection } = item;
	if (writer.queued) {
		return await item.park(
			Promise.all(
				changes.map(async ({ group, add }) => await writer.change(connection, group, user, add)),
			),
		);
	}
	const results: ChangeResult[] = [];
	for (const { group, add } of changes)
		results.push(await writer.change(connection, group, user, add));
	return results;
}

/** A service that answers success but leaves the membership as it was fails the item. */
export function failUnlessApplied(
	item: ItemContext,
	group: { displayName?: string },
	adding: boolean,
	changed: ChangeResult,
): void {
	if (changed !== 'notApplied') return;
	item.input.fail(
		'User',
		`is ${adding ? 'still not' : 'still'} a member of ${JSON.stringify(group.displayName)}: the service accepted the change but did not apply it`,
		`Check in ${item.connection.profile.identity.displayName} whether this membership can be changed through SCIM.`,
	);
}

/**
 * Where a user may belong to one group only, the user first leaves the group they
 * are in (the vendor's default group excepted), or the item fails naming it.
 */
export async function leaveCurrentGroup(
	item: ItemContext,
	writer: MembershipWriter,
	target: ScimGroup,
	user: ScimUser,
) {
	const { connection } = item;
	const single = connection.profile.groups.singleGroupPerUser;
	if (!single) return;
	const move = flag(item, 'moveFromCurrentGroup', 'Move From Current Group', true);
	const current = groupIdsOf(await membershipView(connection, { users: [user] }), user);
	if (!current) {
		if (!move) return;
		item.input.fail(
			'User',
			`has no "groups" in ${connection.profile.identity.displayName}’s answer, so the group they are in is not known: moving them out of it needs that`,
			'Turn off “Move From Current Group” if the user is in no group yet, or take them out of their group first.',
		);
	}
	for (const id of current) {
		if (id === target.id) continue;
		const group = await getById<ScimGroup>(connection, 'Group', id);
		if (!group || group.displayName.toLowerCase() === single.defaultGroupName.toLowerCase())
			continue;
		if (!move) {
			item.input.fail(
				'User',
				`already belongs to the group ${JSON.stringify(group.displayName)}, and ${connection.profile.identity.displayName} allows one group per user`,
				'Turn on “Move From Current Group”, or remove the user from that group first.',
			);
		}
		const [left] = await applyChanges(item, writer, user, [{ group, add: false }]);
		failUnlessApplied(item, group, false, left);
	}
}

export async function changeMembership(item: ItemContext, adding: boolean): Promise<IDataObject> {
	const found = await findBoth(item);
	if ('missing' in found) return found.missing;
	const { group, user } = found;
	if (!adding) refuseProtected(item, user, 'removed from a group');
	const writer = await membershipWriter(item.connection);
	const view = await membershipView(item.connection, { users: [user], groups: [group] });
	if (isMember(view, group, user) === adding) {
		return result(adding ? 'alreadyMember' : 'notMember', group, user);
	}
	if (adding) await leaveCurrentGroup(item, writer, group, user);
	const [changed] = await applyChanges(item, writer, user, [{ group, add: adding }]);
	failUnlessApplied(item, group, adding, changed);
	if (changed === 'unchanged') return result(adding ? 'alreadyMember' : 'notMember', group, user);
	return result(adding ? 'added' : 'removed', group, user);
}

/** Every group's name by id, listed once per execution. */
async function groupNames(connection: ScimConnection): Promise<Map<string, string>> {
	const groups = await groupsOnce(connection, 'naming the groups left');
	return new Map(groups.map((group) => [group.id, group.displayName]));
}

/** The user's group ids: from the user, else from every group's members, else from every user's groups. */
async function groupIdsOfUser(connection: ScimConnection, user: ScimUser): Promise<string[]> {
	const purpose = '“Remove From All Groups”';
	const own = groupIdsOf(await membershipView(connection, { users: [user] }), user);
	if (own) return own;
	const groups = await groupsOnce(connection, purpose);
	const index =
		membershipIndex(await membershipView(connection, { users: [user], groups }), [user], groups) ??
		(await judgedFromEveryone(connection, user, groups));
	if (!index) throw membershipUnknown(connection, purpose);
	return index.get(user.id) ?? [];
}

/**
 * The user's membership where neither they nor the groups tell: every user is listed once,
 * and where any of them shows `groups`, the service shows them, so this user's are none.
 */
async function judgedFromEveryone(connection: ScimConnection, user: ScimUser, groups: ScimGroup[]) {
	const users = await listResources<ScimUser>(connection, 'User', {
		purpose: '“Remove From All Groups”',
	});
	const view = await membershipView(connection, { users: [user, ...users], groups });
	return membershipIndex(view, [user], groups);
}

/**
 * The groups a user is in, by id and name: names from the user's `groups` entries, else
 * from one listing of the groups (a group neither knows is gone already).
 */
async function groupsOf(connection: ScimConnection, user: ScimUser): Promise<NamedGroup[]> {
	const ids = await groupIdsOfUser(connection, user);
	const display = new Map(
		(user.groups ?? []).flatMap(({ value, display: name }) =>
			typeof value === 'string' && typeof name === 'string' ? [[value, name] as const] : [],
		),
	);
	const groups: NamedGroup[] = [];
	for (const id of ids) {
		const displayName =
			display.get(id) ??
			(await groupNames(connection)).get(id) ??
			(await getById<ScimGroup>(connection, 'Group', id))?.displayName;
		if (displayName !== undefined) groups.push({ id, displayName });
	}
	return groups;
}

/** Groups changed so far by a step that may fail part-way, and the group it failed on. */
export interface GroupProgress {
	done: NamedGroup[];
	failedOn?: NamedGroup;
}

/**
 * Makes the changes as `applyChanges` does, failing on one the service accepts but does
 * not keep, and records each change made in `progress` before a failure is thrown on.
 */
async function applyTracked(
	item: ItemContext,
	writer: MembershipWriter,
	user: Member,
	changes: Array<{ group: NamedGroup; add: boolean }>,
	progress: GroupProgress,
): Promise<void> {
	const one = async ({ group, add }: { group: NamedGroup; add: boolean }) => {
		try {
			failUnlessApplied(item, group, add, await writer.change(item.connection, group, user, add));
		} catch (error) {
			progress.failedOn ??= { id: group.id, displayName: group.displayName };
			throw passOn(item.ctx.getNode(), error);
		}
	};
	const made = ({ group }: { group: NamedGroup }) =>
		progress.done.push({ id: group.id, displayName: group.displayName });
	if (!writer.queued) {
		for (const change of changes) {
			await one(change);
			made(change);
		}
		return;
	}
	const settled = await item.park(Promise.allSettled(changes.map(one)));
	changes.forEach((change, index) => settled[index].status === 'fulfilled' && made(change));
	const failure = settled.find((result) => result.status === 'rejected');
	if (failure) throw passOn(item.ctx.getNode(), failure.reason);
}

/**
 * Takes a user out of every group they are in, as an offboarding does, and answers the
 * groups they left. Where every user is in one group (LeadIQ), its fallback group stays.
 * On a failure part-way, `progress` tells which groups were left.
 */
export async function leaveAllGroups(
	item: ItemContext,
	user: ScimUser,
	progress: GroupProgress = { done: [] },
): Promise<IDataObject[]> {
	const { connection } = item;
	const writer = await membershipWriter(connection);
	const fallback = connection.profile.groups.singleGroupPerUser?.defaultGroupName.toLowerCase();
	const groups = (await groupsOf(connection, user)).filter(
		(group) => group.displayName.toLowerCase() !== fallback,
	);
	await applyTracked(
		item,
		writer,
		user,
		groups.map((group) => ({ group, add: false })),
		progress,
	);
	return groups.map(({ id, displayName }) => ({ id, displayName }));
}

/**
 * Changes one user's membership of several groups, in order (leaving before joining, as a
 * one-group-per-person service needs), the way the service takes it: through the shared
 * queue where it rewrites whole lists, the item parked meanwhile. A change the service
 * accepts but does not keep fails the item.
 */
export async function changeGroups(
	item: ItemContext,
	user: Member,
	changes: Array<{ group: ScimGroup; add: boolean }>,
): Promise<void> {
	const writer = await membershipWriter(item.connection);
	const results = await applyChanges(item, writer, user, changes);
	results.forEach((changed, index) =>
		failUnlessApplied(item, changes[index].group, changes[index].add, changed),
	);
}
