import type { IDataObject } from 'n8n-workflow';

import { groupLocator } from '../../descriptions/locators';
import { passOn } from '../../transport/errors';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateGroup, notFoundError, readLocator } from '../locate';
import type { ScimGroup } from '../../scim/types';
import { replaceAttributes } from '../../scim/update';
import type { Operation } from '../operation';
import { checkGroupName, isNameTaken, refusedAsDuplicate } from './names';

/** Renames a group. */
async function renameGroup(item: ItemContext): Promise<IDataObject> {
	const { input, connection } = item;
	const locator = readLocator(input, 'Group', parameter(item, 'groupId'));
	const displayName = input.requiredText('New Display Name', parameter(item, 'displayName'));
	checkGroupName(item, 'New Display Name', displayName);
	const group = await locateGroup(connection, input, locator);
	if (!group) throw notFoundError(connection, item.itemIndex, 'group', locator);
	let updated: ScimGroup | undefined;
	try {
		updated = await replaceAttributes(connection, 'Group', group, { displayName });
	} catch (error) {
		if (isNameTaken(item, error))
			return await refusedAsDuplicate(item, 'New Display Name', displayName, error, group.id);
		throw passOn(connection.ctx.getNode(), error);
	}
	if (!updated) throw notFoundError(connection, item.itemIndex, 'group', locator);
	return { outcome: 'updated', ...updated };
}

export const rename: Operation = {
	name: 'Rename',
	action: 'Rename a group',
	description: 'Change a group’s display name',
	properties: () => [
		groupLocator(),
		{
			displayName: 'New Display Name',
			name: 'displayName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Sales EMEA',
		},
	],
	run: { perItem: renameGroup },
	write: {},
};
