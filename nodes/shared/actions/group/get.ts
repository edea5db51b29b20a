import type { IDataObject } from 'n8n-workflow';

import { simplifyToggle } from '../../descriptions/common';
import { groupLocator } from '../../descriptions/locators';
import { flag, parameter } from '../item';
import type { ItemContext } from '../item';
import { locateGroup, notFoundError, readLocator } from '../locate';
import type { Operation } from '../operation';
import { GROUP_SHAPE } from '../simplify';
import { simplifyGroups } from './simplified';

async function getGroup(item: ItemContext): Promise<IDataObject> {
	const locator = readLocator(item.input, 'Group', parameter(item, 'groupId'));
	const group = await locateGroup(item.connection, item.input, locator);
	if (!group) throw notFoundError(item.connection, item.itemIndex, 'group', locator);
	if (!flag(item, 'simplify', 'Simplify', true)) return group;
	const [simplified] = await simplifyGroups(item.connection, [group]);
	return simplified;
}

export const get: Operation = {
	name: 'Get',
	action: 'Get a group',
	description: 'Get one group',
	properties: () => [groupLocator(), simplifyToggle(GROUP_SHAPE)],
	run: { perItem: getGroup },
};
