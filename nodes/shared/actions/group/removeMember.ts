import { ignoreNotFoundToggle } from '../../descriptions/common';
import { groupLocator, userLocator } from '../../descriptions/locators';
import type { Operation } from '../operation';
import { changeMembership } from './membership';

export const removeMember: Operation = {
	name: 'Remove Member',
	action: 'Remove a member from a group',
	description: 'Remove a user from a group',
	properties: () => [
		groupLocator(),
		userLocator('The user to remove from the group'),
		ignoreNotFoundToggle,
	],
	run: { perItem: async (item) => await changeMembership(item, false) },
	write: { changeLimited: true },
};
