import { ignoreNotFoundToggle } from '../../descriptions/common';
import { userLocator } from '../../descriptions/locators';
import { deleteByLocator } from '../deleteByLocator';
import { parameter } from '../item';
import { readLocator } from '../locate';
import type { Operation } from '../operation';

export const deleteUser: Operation = {
	name: 'Delete',
	action: 'Delete a user',
	description: 'Delete the user for good',
	properties: () => [userLocator(), ignoreNotFoundToggle],
	run: {
		perItem: async (item) =>
			await deleteByLocator(
				item,
				'User',
				readLocator(item.input, 'User', parameter(item, 'userId')),
			),
	},
	write: { changeLimited: true },
};
