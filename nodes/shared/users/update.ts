import type { IDataObject } from 'n8n-workflow';

import { userChange } from '../attributes';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateUser, notFoundError, readLocator } from '../locate';
import type { ScimUser } from '../types';
import { updateResource } from '../update';
import { readUserChanges } from './fields';

export async function updateUser(item: ItemContext): Promise<IDataObject> {
	const { input, connection } = item;
	const locator = readLocator(input, 'User', parameter(item, 'userId'));
	const changes = readUserChanges(item, 'updateFields', connection.profile.userFields.update);
	if (changes.length === 0) {
		input.fail(
			'Update Fields',
			'has no value to change',
			'Add at least one field under “Update Fields” and give it a value.',
		);
	}
	const user = await locateUser(connection, input, locator);
	if (!user) throw notFoundError(connection, item.itemIndex, 'user', locator);
	const updated = await updateResource<ScimUser>(connection, 'User', user, userChange(changes));
	if (!updated) throw notFoundError(connection, item.itemIndex, 'user', locator);
	return updated;
}
