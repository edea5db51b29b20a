import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ignoreNotFoundToggle } from '../../descriptions/common';
import { userLocator } from '../../descriptions/locators';
import { passOn } from '../../transport/errors';
import type { VendorProfile } from '../../vendors/profile';
import { leaveAllGroups } from '../group/membership';
import type { GroupProgress } from '../group/membership';
import { flag } from '../item';
import type { ItemContext } from '../item';
import type { Operation } from '../operation';
import { failedAfter, namesInWords } from '../partial';
import { setActive } from './setActive';

/** Offboarding in one step, where the vendor lets members be removed. */
function removeFromGroupsToggle(profile: VendorProfile): INodeProperties[] {
	if (profile.operations.unsupported.includes('group.removeMember')) return [];
	const single = profile.groups.singleGroupPerUser;
	const fallback = single
		? ` (they stay in ${profile.identity.displayName}’s ${single.defaultGroupName} group, which every user belongs to)`
		: '';
	return [
		{
			displayName: 'Remove From All Groups',
			name: 'removeFromGroups',
			type: 'boolean',
			default: false,
			description: `Whether to also take the user out of every group they are in, as an offboarding does${fallback}. The output lists the groups left in “removedFromGroups”.`,
		},
	];
}

/** Deactivate, and with “Remove From All Groups” also leave every group (again, on a re-run). */
async function deactivateUser(item: ItemContext): Promise<IDataObject> {
	const { answer, user } = await setActive(item, false);
	if (!user || !flag(item, 'removeFromGroups', 'Remove From All Groups', false)) return answer;
	const progress: GroupProgress = { done: [] };
	try {
		return { ...answer, removedFromGroups: await leaveAllGroups(item, user, progress) };
	} catch (error) {
		throw failedAfterDeactivating(item, error, answer, progress);
	}
}

/**
 * The group step failed: the item says what the deactivation and the groups left did
 * (computed from them), then what failed. Where nothing was written, the error goes on as it is.
 */
function failedAfterDeactivating(
	item: ItemContext,
	error: unknown,
	answer: IDataObject,
	{ done, failedOn }: GroupProgress,
) {
	const deactivated = answer.outcome === 'deactivated';
	// A dry run wrote nothing, whatever it planned.
	if (item.connection.planned || (!deactivated && done.length === 0))
		return passOn(item.ctx.getNode(), error);
	const vendor = item.connection.profile.identity.displayName;
	const who = String(answer.userName);
	const left = done.length > 0 ? namesInWords(done) : undefined;
	// A failed write may have landed in part (a whole list's replacement did, its additions not): not "still in".
	const stand = `${who} is inactive${left ? ` and out of ${left}` : ''}${failedOn ? `, not confirmed out of ${failedOn.displayName}` : ''}.`;
	return failedAfter(item, error, {
		done: deactivated
			? `Deactivated ${who} in ${vendor}${left ? ` and removed them from ${left}` : ''}`
			: `${who} was already inactive in ${vendor}; removed them from ${left}`,
		failing: failedOn ? `removing them from ${failedOn.displayName}` : '“Remove From All Groups”',
		now: `${stand} Running the node again does only what is left.`,
	});
}

export const deactivate: Operation = {
	name: 'Deactivate',
	action: 'Deactivate a user',
	description: 'Block sign-in and free the seat, keeping the user’s data',
	properties: (profile) => [
		userLocator(),
		ignoreNotFoundToggle,
		...removeFromGroupsToggle(profile),
	],
	run: { perItem: deactivateUser },
	write: { changeLimited: true },
};
