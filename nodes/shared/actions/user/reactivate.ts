import type { IDataObject } from 'n8n-workflow';

import { ignoreNotFoundToggle } from '../../descriptions/common';
import { userLocator } from '../../descriptions/locators';
import { rejoinGroups } from '../group/membership';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import type { Operation } from '../operation';
import { setActive } from './setActive';

/** Reactivate, and with Restore Groups put the user back into the groups named (an undone offboarding, a rehire). */
async function reactivateUser(item: ItemContext): Promise<IDataObject> {
	const { answer, user } = await setActive(item, true);
	const restore = parameter<unknown>(item, 'restoreGroups', '');
	const empty = restore === '' || (Array.isArray(restore) && restore.length === 0);
	if (!user || empty) return answer;
	return { ...answer, ...(await rejoinGroups(item, user, restore)) };
}

export const reactivate: Operation = {
	name: 'Reactivate',
	action: 'Reactivate a user',
	description: 'Allow a deactivated user to sign in again',
	properties: () => [
		userLocator(),
		ignoreNotFoundToggle,
		{
			displayName: 'Restore Groups',
			name: 'restoreGroups',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.removedFromGroups }}',
			description:
				'Groups to put the user back into after reactivating: IDs or names, one per line or comma-separated, or the “removedFromGroups” of an earlier Deactivate. Groups the user is in already are left as they are; the output lists “restoredGroups” and, in “notFoundGroups”, any that no longer exist.',
		},
	],
	run: { perItem: reactivateUser },
	write: {},
};
