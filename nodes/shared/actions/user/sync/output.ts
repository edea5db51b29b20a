import type { IDataObject } from 'n8n-workflow';

import type { Applied } from './apply';
import type { Action, FieldChange, PlanEntry, Reason } from './types';

export type Outcome =
	| 'done'
	| 'failed'
	| 'notAttempted'
	| 'wouldCreate'
	| 'wouldReactivate'
	| 'wouldUpdate'
	| 'wouldRename'
	| 'wouldDeactivate'
	| 'wouldChangeGroups'
	| 'skipped';

const WOULD: Record<Exclude<Action, 'none'>, Outcome> = {
	create: 'wouldCreate',
	reactivate: 'wouldReactivate',
	update: 'wouldUpdate',
	rename: 'wouldRename',
	deactivate: 'wouldDeactivate',
	groups: 'wouldChangeGroups',
};

export function outcomeOf(
	entry: PlanEntry,
	applied: Applied | undefined,
	dryRun: boolean,
): Outcome {
	if (entry.action === 'none' || !applied) return 'skipped';
	if (applied.state === 'done' && dryRun) return WOULD[entry.action];
	return applied.state;
}

/** Why nothing is written, in words, where the entry has no detail of its own. */
const REASON_WORDS: Record<Reason, string> = {
	unchanged: 'up to date',
	protected: 'on the credential’s Protected Accounts',
	outOfScope: 'not in the list, and outside “Leaver Scope”',
	notInList: 'not in the list',
	leaver: 'a leaver with no active account',
	conflict: 'which account is meant is not known',
	possibleRename: 'possibly renamed',
	renameNotAllowed: 'renamed, which is not allowed',
	invalid: 'the input is invalid',
	missing: 'no account',
	inactive: 'inactive',
	scheduled: 'a change falls due later',
	deferred: 'deferred to a run that applies everything',
};

/** A verb in the tense of the outcome: "Deactivated", "Would deactivate", "deactivate". */
const VERBS: Record<Exclude<Action, 'none'>, [string, string]> = {
	create: ['create', 'created'],
	reactivate: ['reactivate', 'reactivated'],
	update: ['update', 'updated'],
	rename: ['rename', 'renamed'],
	deactivate: ['deactivate', 'deactivated'],
	groups: ['change the groups of', 'changed the groups of'],
};

const names = (groups: PlanEntry['groupsAdded']) =>
	groups.map((group) => group.displayName).join(', ');
const quoted = (value: FieldChange['from']) => (value === null ? 'none' : JSON.stringify(value));

/** The groups part of a line: "and add them to Sales, and remove them from EMEA". */
function groupWords(entry: PlanEntry, past: boolean): string {
	const parts = [
		entry.groupsAdded.length > 0
			? `${past ? 'added' : 'add'} them to ${names(entry.groupsAdded)}`
			: '',
		entry.groupsRemoved.length > 0
			? `${past ? 'removed' : 'remove'} them from ${names(entry.groupsRemoved)}`
			: '',
	].filter(Boolean);
	return parts.length > 0 ? ` and ${parts.join(', and ')}` : '';
}

/** One line a person reads: what was done, or would be done, or why nothing is. */
export function summaryOf(
	entry: PlanEntry,
	outcome: Outcome,
	vendor: string,
	error: string | undefined,
	partly = false,
): string {
	const who = entry.userName || 'this item';
	if (entry.reason === 'scheduled' && entry.detail) return `${who}: ${entry.detail}`;
	if (entry.action === 'none')
		return entry.detail
			? `${who} in ${vendor}: ${entry.detail}`
			: `${who} in ${vendor}: ${REASON_WORDS[entry.reason ?? 'unchanged']}, nothing to do`;
	const [verb, done] = VERBS[entry.action];
	const subject = entry.action === 'rename' ? `${entry.account?.userName ?? who} to ${who}` : who;
	const changes = entry.changes.filter((change) => change.field !== 'userName');
	const details =
		entry.action === 'create' || changes.length === 0
			? ''
			: ` (${changes.map((change) => `${change.field} ${quoted(change.from)} → ${quoted(change.to)}`).join(', ')})`;
	if (outcome === 'failed')
		return partly
			? `${who} in ${vendor}: ${error}`
			: `Could not ${verb} ${subject} in ${vendor}: ${error ?? 'it failed'}`;
	if (outcome === 'notAttempted')
		return `Did not ${verb} ${subject} in ${vendor}: another write was refused for the credential`;
	const past = outcome === 'done';
	const lead = past ? done.charAt(0).toUpperCase() + done.slice(1) : `Would ${verb}`;
	if (entry.action === 'groups') {
		const words = groupWords(entry, past).replace(/^ and /, '');
		return `${past ? words.charAt(0).toUpperCase() + words.slice(1) : `Would ${words}`} in ${vendor} (${who})`;
	}
	return `${lead} ${subject} in ${vendor}${details}${groupWords(entry, past)}`;
}

/** One output item for an entry: the outcome first, as a person reads it. */
export function entryItem(
	entry: PlanEntry,
	applied: Applied | undefined,
	context: { dryRun: boolean; planId: string; vendor: string },
): IDataObject {
	const outcome = outcomeOf(entry, applied, context.dryRun);
	const held = entry.reason === 'invalid' || entry.reason === 'conflict';
	const error = applied?.error ?? (held ? entry.detail : undefined);
	// A create answered "exists" shows what was done with the account found instead.
	const shown = applied?.adopted ?? entry;
	const summary = summaryOf(shown, outcome, context.vendor, applied?.error, applied?.partly);
	return {
		outcome,
		summary: applied?.adopted
			? `${entry.userName} already had an account in ${context.vendor} when it was to be created. ${summary}`
			: summary,
		action: entry.action,
		reason: entry.reason ?? null,
		userName: entry.userName || null,
		id: applied?.id ?? entry.account?.id ?? null,
		matchedBy: shown.matchedBy ?? null,
		changes: shown.changes,
		groupsAdded: shown.groupsAdded.map((group) => group.displayName),
		groupsRemoved: shown.groupsRemoved.map((group) => group.displayName),
		...(entry.effectiveAt ? { effectiveAt: entry.effectiveAt.toISO() } : {}),
		...(shown.warnings?.length || applied?.warnings?.length
			? { warnings: [...(shown.warnings ?? []), ...(applied?.warnings ?? [])] }
			: {}),
		// A write that went through in part names the steps that did: a leaver `deactivate`d
		// whose group removal failed has lost access all the same.
		...(applied?.stepsDone ? { stepsDone: applied.stepsDone } : {}),
		planId: context.planId,
		dryRun: context.dryRun,
		...(context.dryRun ? { plannedRequests: applied?.plannedRequests ?? [] } : {}),
		error: error ?? null,
	};
}
