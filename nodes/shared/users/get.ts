import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateUser, notFoundError, readLocator } from '../locate';
import { simplifyUser } from '../simplify';

export async function getUser(item: ItemContext): Promise<IDataObject> {
	const locator = readLocator(item.input, 'User', parameter(item, 'userId'));
	const user = await locateUser(item.connection, item.input, locator);
	if (!user) throw notFoundError(item.connection, item.itemIndex, 'user', locator);
	return parameter(item, 'simplify', true) ? simplifyUser(user) : user;
}
