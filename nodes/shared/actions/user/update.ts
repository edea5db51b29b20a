import type { IDataObject } from 'n8n-workflow';

import { userLocator } from '../../descriptions/locators';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateUser, notFoundError, readLocator } from '../locate';
import { updateUserAttributes } from '../../scim/update';
import type { Operation } from '../operation';
import { checkWholeName, readUserChanges, userFieldCollection } from './fields';

async function updateUser(item: ItemContext): Promise<IDataObject> {
	const { input, connection } = item;
	const locator = readLocator(input, 'User', parameter(item, 'userId'));
	const changes = readUserChanges(item, 'updateFields', connection.profile.users.fields.update);
	if (changes.length === 0) {
		input.fail(
			'Update Fields',
			'has no value to change',
			'Add at least one field under “Update Fields” and give it a value.',
		);
	}
	const user = await locateUser(connection, input, locator);
	if (!user) throw notFoundError(connection, item.itemIndex, 'user', locator);
	checkWholeName(item, user, changes);
	const updated = await updateUserAttributes(connection, user, changes);
	if (!updated) throw notFoundError(connection, item.itemIndex, 'user', locator);
	return { outcome: 'updated', ...updated };
}

export const update: Operation = {
	name: 'Update',
	action: 'Update a user',
	description: 'Change a user’s attributes',
	properties: (profile) => [
		userLocator(),
		userFieldCollection(profile, 'updateFields', profile.users.fields.update),
	],
	run: { perItem: updateUser },
	write: {},
};
