import type { PlanEntry, Reason } from './types';

/**
 * Reasons that hold a person or account back from what the settings would otherwise do: shown
 * as changes. Not `deferred`: with Apply set to Only Leavers every other difference of a whole
 * HR list is one (thousands of items every 15 minutes); the summary counts them, and Output
 * Everyone lists them.
 */
const HOLDS: ReadonlySet<Reason> = new Set([
	'conflict',
	'possibleRename',
	'renameNotAllowed',
	'invalid',
	'missing',
	'inactive',
	'notInList',
	'scheduled',
]);

/** An entry that takes access away: a leaver, or an account not in the list. */
export const isLeaving = (entry: PlanEntry) =>
	entry.reason === 'leaver' || entry.reason === 'notInList';

/** Whether an entry belongs in the Changes output: a write, or a hold. */
export function isChangeOrHold(entry: PlanEntry): boolean {
	return (
		entry.action !== 'none' ||
		(entry.reason !== undefined && HOLDS.has(entry.reason)) ||
		(entry.reason === 'protected' && entry.detail !== undefined)
	);
}

export function entry(
	fields: Partial<PlanEntry> & Pick<PlanEntry, 'action' | 'userName'>,
): PlanEntry {
	return { changes: [], writes: [], groupsAdded: [], groupsRemoved: [], items: [], ...fields };
}

/** An entry that writes nothing, with why. */
export const hold = (
	reason: Reason,
	base: Pick<PlanEntry, 'userName'> & Partial<PlanEntry>,
	detail?: string,
): PlanEntry =>
	entry({
		...base,
		action: 'none',
		reason,
		detail,
		changes: [],
		writes: [],
		groupsAdded: [],
		groupsRemoved: [],
	});
