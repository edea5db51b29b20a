import type { IDataObject } from 'n8n-workflow';

import { filterValuePath } from '../filter';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateGroup, locateUser, readLocator } from '../locate';
import { notFoundOutcome } from '../outcome';
import type { Outcome } from '../outcome';
import type { ResourceChange } from '../update';
import { updateResource } from '../update';
import type { ScimGroup, ScimUser } from '../types';

function isMember(group: ScimGroup, userId: string): boolean | undefined {
	if (!Array.isArray(group.members)) return undefined;
	return group.members.some((member) => member?.value === userId);
}

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

async function changeMembership(item: ItemContext, adding: boolean): Promise<IDataObject> {
	const found = await findBoth(item);
	if ('missing' in found) return found.missing;
	const { group, user } = found;

	if (isMember(group, user.id) === adding)
		return result(adding ? 'alreadyMember' : 'notMember', group, user);

	const change: ResourceChange<ScimGroup> = adding
		? {
				operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }],
				applyTo: (resource) => ({
					...resource,
					members: [...(resource.members ?? []), { value: user.id }],
				}),
			}
		: {
				operations: [{ op: 'remove', path: filterValuePath('members', user.id) }],
				applyTo: (resource) => ({
					...resource,
					members: (resource.members ?? []).filter((member) => member.value !== user.id),
				}),
			};
	const updated = await updateResource<ScimGroup>(
		item.connection,
		'Group',
		group.id,
		change,
		group,
	);
	if (updated && isMember(updated, user.id) === !adding) {
		item.input.fail(
			'User',
			`is ${adding ? 'still not' : 'still'} a member of ${JSON.stringify(group.displayName)}: the service accepted the change but did not apply it`,
			`Check in ${item.connection.profile.displayName} whether this membership can be changed through SCIM.`,
		);
	}
	return result(adding ? 'added' : 'removed', updated ?? group, user);
}

export const addMember = async (item: ItemContext) => await changeMembership(item, true);
export const removeMember = async (item: ItemContext) => await changeMembership(item, false);
