import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateGroup, locateUser, readLocator } from '../locate';
import type { ScimConnection } from '../connection';
import { listResources } from '../list';
import { getById } from '../lookup';
import { notFoundOutcome } from '../outcome';
import type { Outcome } from '../outcome';
import type { ScimGroup, ScimUser } from '../types';
import { membershipOperations } from './membershipModels';
import type { MembershipOperations } from './membershipModels';

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
 * Where a user may belong to one group only, the user first leaves the group they
 * are in (the vendor's default group excepted), or the item fails naming it.
 */
async function leaveCurrentGroup(
	item: ItemContext,
	operations: MembershipOperations,
	target: ScimGroup,
	user: ScimUser,
) {
	const { connection } = item;
	const single = connection.profile.singleGroupPerUser;
	if (!single) return;
	for (const entry of user.groups ?? []) {
		if (!entry.value || entry.value === target.id) continue;
		const current = await getById<ScimGroup>(connection, 'Group', entry.value);
		if (!current || current.displayName.toLowerCase() === single.defaultGroupName.toLowerCase())
			continue;
		if (!parameter(item, 'moveFromCurrentGroup', true)) {
			item.input.fail(
				'User',
				`already belongs to the group ${JSON.stringify(current.displayName)}, and ${connection.profile.displayName} allows one group per user`,
				'Turn on “Move From Current Group”, or remove the user from that group first.',
			);
		}
		await operations.remove(connection, current, user);
	}
}

async function changeMembership(item: ItemContext, adding: boolean): Promise<IDataObject> {
	const found = await findBoth(item);
	if ('missing' in found) return found.missing;
	const { group, user } = found;
	const { connection } = item;
	const operations = membershipOperations(connection.profile.membership);

	if (operations.isMember(group, user) === adding) {
		return result(adding ? 'alreadyMember' : 'notMember', group, user);
	}
	if (adding) await leaveCurrentGroup(item, operations, group, user);
	const memberNow = await (adding ? operations.add : operations.remove)(connection, group, user);
	failUnlessApplied(item, group, adding, memberNow);
	return result(adding ? 'added' : 'removed', group, user);
}

/** A service that answers success but leaves the membership as it was fails the item. */
function failUnlessApplied(
	item: ItemContext,
	group: ScimGroup,
	adding: boolean,
	memberNow: boolean | undefined,
): void {
	if (memberNow !== !adding) return;
	item.input.fail(
		'User',
		`is ${adding ? 'still not' : 'still'} a member of ${JSON.stringify(group.displayName)}: the service accepted the change but did not apply it`,
		`Check in ${item.connection.profile.displayName} whether this membership can be changed through SCIM.`,
	);
}

/** The groups a user is in: from the user's `groups`, or, where the service leaves it out, from the groups' members. */
async function groupsOf(connection: ScimConnection, user: ScimUser): Promise<ScimGroup[]> {
	if (!Array.isArray(user.groups)) {
		const groups = await listResources<ScimGroup>(connection, 'Group');
		return groups.filter((group) => group.members?.some((member) => member.value === user.id));
	}
	const groups: ScimGroup[] = [];
	for (const { value } of user.groups) {
		const group =
			typeof value === 'string' ? await getById<ScimGroup>(connection, 'Group', value) : undefined;
		if (group) groups.push(group);
	}
	return groups;
}

/**
 * Takes a user out of every group they are in, as an offboarding does, and answers the
 * groups they left. Where every user is in one group (LeadIQ), its fallback group stays.
 */
export async function leaveAllGroups(item: ItemContext, user: ScimUser): Promise<IDataObject[]> {
	const { connection } = item;
	const operations = membershipOperations(connection.profile.membership);
	const fallback = connection.profile.singleGroupPerUser?.defaultGroupName.toLowerCase();
	const left: IDataObject[] = [];
	for (const group of await groupsOf(connection, user)) {
		if (group.displayName?.toLowerCase() === fallback) continue;
		failUnlessApplied(item, group, false, await operations.remove(connection, group, user));
		left.push({ id: group.id, displayName: group.displayName });
	}
	return left;
}

export const addMember = async (item: ItemContext) => await changeMembership(item, true);
export const removeMember = async (item: ItemContext) => await changeMembership(item, false);
