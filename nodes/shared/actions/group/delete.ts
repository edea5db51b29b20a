import { ignoreNotFoundToggle } from '../../descriptions/common';
import { groupLocator } from '../../descriptions/locators';
import { deleteByLocator } from '../deleteByLocator';
import { parameter } from '../item';
import { readLocator } from '../locate';
import type { Operation } from '../operation';

export const deleteGroup: Operation = {
	name: 'Delete',
	action: 'Delete a group',
	description: 'Delete a group',
	properties: () => [groupLocator(), ignoreNotFoundToggle],
	run: {
		perItem: async (item) =>
			await deleteByLocator(
				item,
				'Group',
				readLocator(item.input, 'Group', parameter(item, 'groupId')),
			),
	},
	write: { changeLimited: true },
};
