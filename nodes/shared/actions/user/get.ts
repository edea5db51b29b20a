import type { IDataObject } from 'n8n-workflow';

import { simplifyToggle } from '../../descriptions/common';
import { userLocator } from '../../descriptions/locators';
import { flag, parameter } from '../item';
import type { ItemContext } from '../item';
import { locateUser, notFoundError, readLocator } from '../locate';
import type { Operation } from '../operation';
import { USER_SHAPE } from '../simplify';
import { simplifyUsers } from './simplified';

async function getUser(item: ItemContext): Promise<IDataObject> {
	const locator = readLocator(item.input, 'User', parameter(item, 'userId'));
	const user = await locateUser(item.connection, item.input, locator);
	if (!user) throw notFoundError(item.connection, item.itemIndex, 'user', locator);
	if (!flag(item, 'simplify', 'Simplify', true)) return user;
	const [simplified] = await simplifyUsers(item.connection, [user]);
	return simplified;
}

export const get: Operation = {
	name: 'Get',
	action: 'Get a user',
	description: 'Get one user',
	properties: () => [userLocator(), simplifyToggle(USER_SHAPE)],
	run: { perItem: getUser },
};
