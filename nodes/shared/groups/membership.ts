import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateGroup, locateUser, readLocator } from '../locate';
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
	if (memberNow === !adding) {
		item.input.fail(
			'User',
			`is ${adding ? 'still not' : 'still'} a member of ${JSON.stringify(group.displayName)}: the service accepted the change but did not apply it`,
			`Check in ${connection.profile.displayName} whether this membership can be changed through SCIM.`,
		);
	}
	return result(adding ? 'added' : 'removed', group, user);
}

export const addMember = async (item: ItemContext) => await changeMembership(item, true);
export const removeMember = async (item: ItemContext) => await changeMembership(item, false);
