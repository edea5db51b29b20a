import type { AttributeChange } from '../../../scim/attributes';
import type { ScimUser } from '../../../scim/types';
import type { PlannedRequest, ScimConnection } from '../../../transport/connection';
import { isLeaving } from './entry';
import { keyOf } from './match';
import type { PlanEntry } from './types';

/**
 * The steps an entry's writes go through, and how an entry ended, in words: what went
 * through, and what did not.
 */

/** What became of one entry's writes. */
export interface Applied {
	state: 'done' | 'failed' | 'notAttempted';
	/** Why not all of it went through, and what did ("deactivated; could not remove them from Sales: …"). */
	error?: string;
	/** The account's id after a create (absent on a dry run, where none is given yet). */
	id?: string;
	/** On a dry run, the requests the entry would send. */
	plannedRequests?: PlannedRequest[];
	/** Something went through before or beside what failed: `error` says what. */
	partly?: boolean;
	/** Where it went through partly, the steps that did, in their order ("deactivate" for a leaver still in a group). */
	stepsDone?: Step[];
	/** A create answered "exists": the account found, planned by the same rules as any other. */
	adopted?: PlanEntry;
	/** What went through but not wholly, in words. */
	warnings?: string[];
}

/** The steps of the writes, in the order they run across everyone. */
export type Step =
	'deactivate' | 'leaveGroups' | 'reactivate' | 'create' | 'update' | 'link' | 'groups';

/** The employee ID is written on its own: a service that refuses it blocks no other change. */
export const isLink = (write: AttributeChange) => write.path === 'externalId';

/** One entry on its way through the steps. */
export interface Run {
	/** The entry as planned: what the result answers. */
	readonly planned: PlanEntry;
	/** The entry as applied: the plan for the account found, after a create refused as existing. */
	entry: PlanEntry;
	readonly connection: ScimConnection;
	steps: Step[];
	readonly done: Set<Step>;
	readonly failed: Map<Step, unknown>;
	/** What went through but not wholly, in words (an employee ID the service would not store). */
	readonly warnings: string[];
	user?: ScimUser;
}

/**
 * The steps an entry takes. Someone leaving is deactivated first and then leaves their
 * groups, each whatever became of the other, so access never waits on a group write;
 * anyone else is created or reactivated, updated, and regrouped, each step after the last.
 * An employee ID linked to an account goes in a write of its own, after the others.
 */
export function stepsOf(entry: PlanEntry): Step[] {
	const steps: Step[] = [];
	const links = entry.action !== 'create' && entry.writes.some(isLink);
	if (isLeaving(entry)) {
		if (entry.action === 'deactivate') steps.push('deactivate');
		if (entry.groupsRemoved.length > 0) steps.push('leaveGroups');
		if (links) steps.push('link');
		return steps;
	}
	const inactive = entry.account?.active === false;
	if (inactive && (entry.action === 'reactivate' || entry.action === 'rename'))
		steps.push('reactivate');
	if (entry.action === 'create') steps.push('create');
	else if (entry.writes.some((write) => !isLink(write))) steps.push('update');
	if (links) steps.push('link');
	if (entry.groupsAdded.length + entry.groupsRemoved.length > 0) steps.push('groups');
	return steps;
}

const names = (groups: PlanEntry['groupsAdded']) =>
	groups.map((group) => group.displayName).join(', ');

/** A step that went through, in words. */
const WENT: Record<Step, (entry: PlanEntry) => string> = {
	deactivate: () => 'deactivated',
	leaveGroups: (entry) => `removed from ${names(entry.groupsRemoved)}`,
	reactivate: () => 'reactivated',
	create: (entry) => (entry.action === 'create' ? 'created' : 'found already there'),
	update: () => 'updated',
	link: () => 'employee ID stored',
	groups: () => 'groups changed',
};

/** A step that did not, in words. */
const NOT_DONE: Record<Step, (entry: PlanEntry) => string> = {
	deactivate: () => 'deactivate them',
	leaveGroups: (entry) => `remove them from ${names(entry.groupsRemoved)}`,
	reactivate: () => 'reactivate them',
	create: () => 'create the account',
	update: () => 'update them',
	link: () => 'store the employee ID on the account',
	groups: () => 'change their groups',
};

export const messageOf = (error: unknown) => (error as Error)?.message ?? String(error);

/**
 * How an entry ended, said from what was written: done; never tried (the credential was
 * refused); or failed, with what went through before or beside the step that failed.
 */
export function ending(run: Run): Pick<Applied, 'state' | 'error' | 'partly' | 'stepsDone'> {
	const { steps, done, failed, entry } = run;
	if (failed.size === 0 && done.size === steps.length) return { state: 'done' };
	if (failed.size === 0 && done.size === 0) return { state: 'notAttempted' };
	const went = steps.filter((step) => done.has(step)).map((step) => WENT[step](entry));
	if (went.length === 0 && failed.size === 1)
		return { state: 'failed', error: messageOf([...failed.values()][0]) };
	const problems = steps
		.filter((step) => !done.has(step))
		.flatMap((step) =>
			failed.has(step)
				? [`could not ${NOT_DONE[step](entry)}: ${messageOf(failed.get(step))}`]
				: failed.size === 0
					? [
							`did not ${NOT_DONE[step](entry)}: another write was refused for the credential (401 or 403)`,
						]
					: [],
		);
	return {
		state: 'failed',
		error: [...went, ...problems].join('; '),
		...(went.length > 0 ? { partly: true, stepsDone: steps.filter((step) => done.has(step)) } : {}),
	};
}

/** Creates whose reference to another user (a manager) names someone created in the same run wait for them. */
export function waves(runs: Run[]): Run[][] {
	const keysOf = (run: Run) =>
		[run.entry.userName, run.entry.person?.employeeId]
			.filter((key): key is string => !!key)
			.map(keyOf);
	const references = (run: Run) =>
		(run.entry.person?.fields ?? [])
			.filter(({ field }) => field.refersToUser)
			.map(({ value }) => keyOf(String(value)));
	const result: Run[][] = [];
	let remaining = runs;
	while (remaining.length > 0) {
		const pending = new Set(remaining.flatMap(keysOf));
		const ready = remaining.filter((run) =>
			references(run).every(
				(reference) => !pending.has(reference) || keysOf(run).includes(reference),
			),
		);
		const wave = ready.length > 0 ? ready : remaining;
		result.push(wave);
		remaining = remaining.filter((run) => !wave.includes(run));
	}
	return result;
}
