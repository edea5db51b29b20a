import type { INodeProperties } from 'n8n-workflow';

import { groupLocator, userLocator } from '../../descriptions/locators';
import type { VendorProfile } from '../../vendors/profile';
import type { Operation } from '../operation';
import { changeMembership } from './membership';

/** Only where a user may belong to one group at a time. */
function moveFromCurrentGroup(profile: VendorProfile): INodeProperties[] {
	if (!profile.groups.singleGroupPerUser) return [];
	return [
		{
			displayName: 'Move From Current Group',
			name: 'moveFromCurrentGroup',
			type: 'boolean',
			default: true,
			description: `Whether to take the user out of the group they are in first, since ${profile.identity.displayName} allows one group per user. Off: a user already in another group fails the item.`,
		},
	];
}

export const addMember: Operation = {
	name: 'Add Member',
	action: 'Add a member to a group',
	description: 'Add a user to a group',
	properties: (profile) => [
		groupLocator(),
		userLocator('The user to add to the group'),
		...moveFromCurrentGroup(profile),
	],
	run: { perItem: async (item) => await changeMembership(item, true) },
	write: {},
};
