import type { IDataObject } from 'n8n-workflow';

import { deleteById } from '../scim/resources';
import type { ResourceType, ScimGroup, ScimUser } from '../scim/types';
import { flag } from './item';
import type { ItemContext } from './item';
import { locateGroup, locateUser } from './locate';
import type { Locator } from './locate';
import { notFoundOutcome } from './outcome';
import { refuseProtected } from './safety';

/** DELETE a user or group picked by id or name; one that is already gone is "notFound" (or an error). */
export async function deleteByLocator(
	item: ItemContext,
	type: ResourceType,
	locator: Locator,
): Promise<IDataObject> {
	const noun = type === 'User' ? 'user' : 'group';
	let id = locator.value;
	let named: IDataObject = {};
	// With Ignore Not Found, a missing id is confirmed by a read: some services answer a
	// DELETE of nothing with a 500, which would be retried and then fail the item. A user is
	// read where accounts are protected, to know its userName.
	const guarded = type === 'User' && item.connection.protectedUsers.size > 0;
	if (locator.by === 'name' || guarded || flag(item, 'ignoreNotFound', 'Ignore Not Found', false)) {
		const found = await (type === 'User' ? locateUser : locateGroup)(
			item.connection,
			item.input,
			locator,
		);
		if (!found) return notFoundOutcome(item, noun, locator);
		if (type === 'User') refuseProtected(item, found as ScimUser, 'deleted');
		id = found.id;
		named =
			type === 'User'
				? { userName: (found as ScimUser).userName }
				: { displayName: (found as ScimGroup).displayName };
	}
	if (!(await deleteById(item.connection, type, id))) return notFoundOutcome(item, noun, locator);
	return { outcome: 'deleted', resourceType: type, id, ...named };
}
