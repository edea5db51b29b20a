import type { IDataObject } from 'n8n-workflow';

import { flag } from './item';
import type { ItemContext } from './item';
import { notFoundError } from './locate';
import type { Locator } from './locate';

export type Outcome =
	| 'deactivated'
	| 'alreadyInactive'
	| 'reactivated'
	| 'alreadyActive'
	| 'deleted'
	| 'added'
	| 'alreadyMember'
	| 'removed'
	| 'notMember'
	| 'notFound';

/**
 * The answer for a user or group that does not exist: outcome "notFound" when
 * “Ignore Not Found” is on, otherwise an item error.
 */
export function notFoundOutcome(
	item: ItemContext,
	noun: 'user' | 'group',
	locator: Locator,
): IDataObject {
	if (!flag(item, 'ignoreNotFound', 'Ignore Not Found', false)) {
		throw notFoundError(item.connection, item.itemIndex, noun, locator, true);
	}
	return {
		outcome: 'notFound',
		resourceType: noun === 'user' ? 'User' : 'Group',
		lookup: locator.by === 'id' ? 'id' : 'name',
		value: locator.value,
	};
}
