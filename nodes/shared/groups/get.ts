import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateGroup, notFoundError, readLocator } from '../locate';
import { simplifyGroup } from '../simplify';

export async function getGroup(item: ItemContext): Promise<IDataObject> {
	const locator = readLocator(item.input, 'Group', parameter(item, 'groupId'));
	const group = await locateGroup(item.connection, item.input, locator);
	if (!group) throw notFoundError(item.connection, item.itemIndex, 'group', locator);
	return parameter(item, 'simplify', true) ? simplifyGroup(group) : group;
}
