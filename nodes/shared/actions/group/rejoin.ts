import type { IDataObject } from 'n8n-workflow';

import { isMember, membershipView } from '../../scim/membership';
import type { ScimGroup, ScimUser } from '../../scim/types';
import type { ItemContext } from '../item';
import { locateGroup } from '../locate';
import type { Outcome } from '../outcome';
import { membershipWriter } from './memberWriters';
import { applyChanges, failUnlessApplied, leaveCurrentGroup } from './membership';
import type { GroupProgress } from './membership';

/** A group named in Restore Groups: an id or a name, or an entry of an earlier “removedFromGroups”. */
function readGroupReferences(item: ItemContext, value: unknown): string[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[\n,]/)
			: value === undefined || value === null
				? []
				: [value];
	return entries
		.map((entry) =>
			entry && typeof entry === 'object'
				? ((entry as IDataObject).id ??
					(entry as IDataObject).value ??
					(entry as IDataObject).displayName)
				: entry,
		)
		.map((entry) => item.input.optionalText('Restore Groups', entry))
		.filter((entry): entry is string => entry !== undefined);
}

/** A group by id, else by its name (where the text cannot be an id, by name only). */
async function findGroup(item: ItemContext, reference: string): Promise<ScimGroup | undefined> {
	const { connection, input } = item;
	const byId =
		reference === '.' || reference === '..'
			? undefined
			: await locateGroup(connection, input, { by: 'id', value: reference });
	return byId ?? (await locateGroup(connection, input, { by: 'name', value: reference }));
}

/**
 * Puts a user back into groups (Restore Groups, after a reactivation): each one found is
 * joined unless the user is in it already; the ones that no longer exist are named. On a
 * failure part-way, `progress` tells which groups were joined, and the one that failed.
 */
export async function rejoinGroups(
	item: ItemContext,
	user: ScimUser,
	references: unknown,
	progress: GroupProgress = { done: [] },
): Promise<IDataObject> {
	const writer = await membershipWriter(item.connection);
	const restoredGroups: IDataObject[] = [];
	const notFoundGroups: string[] = [];
	for (const reference of readGroupReferences(item, references)) {
		const group = await findGroup(item, reference);
		if (!group) {
			notFoundGroups.push(reference);
			continue;
		}
		let outcome: Outcome = 'alreadyMember';
		const view = await membershipView(item.connection, { users: [user], groups: [group] });
		if (isMember(view, group, user) !== true) {
			progress.failedOn = { id: group.id, displayName: group.displayName };
			await leaveCurrentGroup(item, writer, group, user);
			const [changed] = await applyChanges(item, writer, user, [{ group, add: true }]);
			failUnlessApplied(item, group, true, changed);
			progress.failedOn = undefined;
			if (changed === 'changed') {
				outcome = 'added';
				progress.done.push({ id: group.id, displayName: group.displayName });
			}
		}
		restoredGroups.push({ id: group.id, displayName: group.displayName, outcome });
	}
	return { restoredGroups, notFoundGroups };
}
