import type { IDataObject } from 'n8n-workflow';

import { ignoreNotFoundToggle } from '../../descriptions/common';
import { userLocator } from '../../descriptions/locators';
import { passOn } from '../../transport/errors';
import type { GroupProgress } from '../group/membership';
import { rejoinGroups } from '../group/rejoin';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import type { Operation } from '../operation';
import { failedAfter, namesInWords } from '../partial';
import { setActive } from './setActive';

/** Reactivate, and with Restore Groups put the user back into the groups named (an undone offboarding, a rehire). */
async function reactivateUser(item: ItemContext): Promise<IDataObject> {
	const { answer, user } = await setActive(item, true);
	const restore = parameter<unknown>(item, 'restoreGroups', '');
	const empty = restore === '' || (Array.isArray(restore) && restore.length === 0);
	if (!user || empty) return answer;
	const progress: GroupProgress = { done: [] };
	try {
		return { ...answer, ...(await rejoinGroups(item, user, restore, progress)) };
	} catch (error) {
		throw failedAfterReactivating(item, error, answer, progress);
	}
}

/** Restore Groups failed: the item says what the reactivation and the groups joined did, then what failed. */
function failedAfterReactivating(
	item: ItemContext,
	error: unknown,
	answer: IDataObject,
	{ done, failedOn }: GroupProgress,
) {
	const reactivated = answer.outcome === 'reactivated';
	// A dry run wrote nothing, whatever it planned.
	if (item.connection.planned || (!reactivated && done.length === 0))
		return passOn(item.ctx.getNode(), error);
	const vendor = item.connection.profile.identity.displayName;
	const who = String(answer.userName);
	const joined = done.length > 0 ? namesInWords(done) : undefined;
	return failedAfter(item, error, {
		done: reactivated
			? `Reactivated ${who} in ${vendor}${joined ? ` and put them back in ${joined}` : ''}`
			: `${who} was already active in ${vendor}; put them back in ${joined}`,
		failing: failedOn ? `putting them back in ${failedOn.displayName}` : 'restoring their groups',
		now: `${who} is active${joined ? ` and in ${joined}` : ''}. Running the node again does only what is left.`,
	});
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
