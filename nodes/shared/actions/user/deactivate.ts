import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ignoreNotFoundToggle } from '../../descriptions/common';
import { userLocator } from '../../descriptions/locators';
import type { VendorProfile } from '../../vendors/profile';
import { leaveAllGroups } from '../group/membership';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import type { Operation } from '../operation';
import { setActive } from './setActive';

/** Offboarding in one step, where the vendor lets members be removed. */
function removeFromGroupsToggle(profile: VendorProfile): INodeProperties[] {
	if (profile.operations.unsupported.includes('group.removeMember')) return [];
	const single = profile.groups.singleGroupPerUser;
	const fallback = single
		? ` (they stay in ${profile.identity.displayName}’s ${single.defaultGroupName} group, which every user belongs to)`
		: '';
	return [
		{
			displayName: 'Remove From All Groups',
			name: 'removeFromGroups',
			type: 'boolean',
			default: false,
			description: `Whether to also take the user out of every group they are in, as an offboarding does${fallback}. The output lists the groups left in “removedFromGroups”.`,
		},
	];
}

/** Deactivate, and with “Remove From All Groups” also leave every group (again, on a re-run). */
async function deactivateUser(item: ItemContext): Promise<IDataObject> {
	const { answer, user } = await setActive(item, false);
	if (!user || !parameter(item, 'removeFromGroups', false)) return answer;
	return { ...answer, removedFromGroups: await leaveAllGroups(item, user) };
}

export const deactivate: Operation = {
	name: 'Deactivate',
	action: 'Deactivate a user',
	description: 'Block sign-in and free the seat, keeping the user’s data',
	properties: (profile) => [
		userLocator(),
		ignoreNotFoundToggle,
		...removeFromGroupsToggle(profile),
	],
	run: { perItem: deactivateUser },
	write: { changeLimited: true },
};
