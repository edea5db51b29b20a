import type { IExecuteFunctions } from 'n8n-workflow';

import type { ScimGroup, ScimUser } from '../../../scim/types';
import { updateUserAttributes } from '../../../scim/update';
import { runWithSlots } from '../../../transport/concurrency';
import type { Park } from '../../../transport/concurrency';
import { dryRunConnection } from '../../../transport/connection';
import type { PlannedRequest, ScimConnection } from '../../../transport/connection';
import { hasStatus } from '../../../transport/errors';
import { createNamedGroup } from '../../group/create';
import { changeGroups } from '../../group/membership';
import { InputReader } from '../../input';
import type { ItemContext } from '../../item';
import { createAccount, PLANNED_ID } from '../create';
import { checkWholeName } from '../fields';
import { writeActive } from '../setActive';
import { keyOf } from './match';
import type { Plan, PlanEntry, PlannedGroup } from './types';

/** What became of one entry's writes. */
export interface Applied {
	state: 'done' | 'failed' | 'notAttempted';
	error?: string;
	/** The account's id after a create (absent on a dry run, where none is given yet). */
	id?: string;
	/** On a dry run, the requests the entry would send. */
	plannedRequests?: PlannedRequest[];
}

/** The steps of the writes, in the order they run across everyone. */
type Step = 'leave' | 'reactivate' | 'create' | 'update' | 'groups';

/** One entry on its way through the steps. */
interface Run {
	readonly entry: PlanEntry;
	readonly connection: ScimConnection;
	readonly steps: readonly Step[];
	readonly done: Set<Step>;
	user?: ScimUser;
	error?: unknown;
}

const isLeaving = (entry: PlanEntry) => entry.reason === 'leaver' || entry.reason === 'notInList';

/** The steps an entry takes: a leaver leaves; anyone else is created or reactivated, updated, and regrouped. */
function stepsOf(entry: PlanEntry): Step[] {
	if (isLeaving(entry)) return ['leave'];
	const steps: Step[] = [];
	if (entry.action === 'reactivate') steps.push('reactivate');
	if (entry.action === 'create') steps.push('create');
	else if (entry.writes.length > 0) steps.push('update');
	if (entry.groupsAdded.length + entry.groupsRemoved.length > 0) steps.push('groups');
	return steps;
}

/** How an entry ended: done, failed (with why), or never tried because the credential was refused. */
function ending(run: Run): Pick<Applied, 'state' | 'error'> {
	if (run.error !== undefined) return { state: 'failed', error: (run.error as Error).message };
	if (run.done.size === run.steps.length) return { state: 'done' };
	if (run.done.size === 0) return { state: 'notAttempted' };
	return {
		state: 'failed',
		error: `Only partly done: another write was refused for the credential (401 or 403), so the ${run.steps.filter((step) => !run.done.has(step)).join(' and ')} step was not attempted`,
	};
}

/** Creates whose reference to another user (a manager) names someone created in the same run wait for them. */
function waves(runs: Run[]): Run[][] {
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

/**
 * Applies a plan, or on a dry run plans its requests, in the order that keeps access
 * tight: leavers first (out of their groups, then deactivated); then reactivations and
 * creates (a create the service refuses as existing adopts the account); then updates
 * and renames, in place; then group additions and removals, through the membership
 * writers (coalesced per group where the service rewrites whole lists). Each entry
 * succeeds or fails alone; a write refused for the credential (401, 403) stops the
 * writes not yet sent.
 */
export async function applyPlan(
	ctx: IExecuteFunctions,
	shared: ScimConnection,
	plan: Plan,
	dryRun: boolean,
): Promise<Map<PlanEntry, Applied>> {
	const { profile } = shared;
	const runs = plan.entries
		.filter((entry) => entry.action !== 'none')
		.map((entry): Run => ({
			entry,
			connection: dryRun ? dryRunConnection(shared) : shared,
			steps: stepsOf(entry),
			done: new Set(),
			user: entry.account,
		}));
	let stopped = false;
	const refusesCredential = (error: unknown) =>
		hasStatus(error, 403) ||
		hasStatus(error, profile.protocol.invalidTokenStatus) ||
		(hasStatus(error, 401) && profile.groups.missingStatus !== 401);

	const itemOf = (run: Run, park: Park): ItemContext => {
		const itemIndex = run.entry.items[0] ?? 0;
		const subject = run.entry.person ? undefined : `Account ${JSON.stringify(run.entry.userName)}`;
		return {
			ctx,
			connection: run.connection,
			itemIndex,
			input: new InputReader(ctx.getNode(), itemIndex, subject),
			park,
		};
	};
	/** One step for every run that takes it, in parallel up to Parallel Requests, each alone. */
	const step = async (
		name: Step,
		work: (run: Run, item: ItemContext) => Promise<void>,
		selected = runs.filter((run) => run.steps.includes(name)),
	): Promise<void> => {
		await runWithSlots(selected.length, shared.parallelRequests, async (index, park) => {
			const run = selected[index];
			if (run.error !== undefined || stopped) return;
			try {
				await work(run, itemOf(run, park));
				run.done.add(name);
			} catch (error) {
				run.error = error;
				if (refusesCredential(error)) stopped = true;
			}
		});
	};
	const regroup = async (run: Run, item: ItemContext, groups: NewGroups) =>
		await changeGroups(item, run.user!, [
			...run.entry.groupsRemoved.map((group) => ({ group: groups.of(group), add: false })),
			...run.entry.groupsAdded.map((group) => ({ group: groups.of(group), add: true })),
		]);

	await step('leave', async (run, item) => {
		if (run.entry.groupsRemoved.length > 0) await regroup(run, item, NO_NEW_GROUPS);
		if (run.entry.action === 'deactivate') await writeActive(item, run.user!, false);
	});
	await step('reactivate', async (run, item) => {
		run.user = (await writeActive(item, run.user!, true)) ?? run.user;
	});
	for (const wave of waves(runs.filter((run) => run.steps.includes('create'))))
		await step(
			'create',
			async (run, item) => {
				const { user } = await createAccount(
					item,
					run.entry.userName,
					run.entry.writes,
					'returnExisting',
				);
				run.user = user;
			},
			wave,
		);
	await step('update', async (run, item) => {
		checkWholeName(item, run.user!, run.entry.writes);
		run.user =
			(await updateUserAttributes(run.connection, run.user!, run.entry.writes)) ?? run.user;
	});
	const groups = stopped
		? NO_NEW_GROUPS
		: await createGroups(plan.groupsToCreate, shared, dryRun, ctx);
	await step('groups', async (run, item) => {
		groups.plannedFor(run);
		await regroup(run, item, groups);
	});

	return new Map(
		runs.map((run): [PlanEntry, Applied] => {
			const id =
				run.entry.action === 'create' && run.user?.id !== PLANNED_ID ? run.user?.id : undefined;
			const planned = run.connection.planned;
			return [
				run.entry,
				{ ...ending(run), ...(id ? { id } : {}), ...(planned ? { plannedRequests: planned } : {}) },
			];
		}),
	);
}

/** The groups a plan created, for the entries that join them. */
interface NewGroups {
	/** The group to write to: as planned, or as created; throws where its creation failed. */
	of(group: PlannedGroup): ScimGroup;
	/** On a dry run, shows a group's planned creation on the first entry that joins it. */
	plannedFor(run: Run): void;
}

const NO_NEW_GROUPS: NewGroups = {
	of: (group) => ({ id: group.id ?? PLANNED_ID, displayName: group.displayName }),
	plannedFor: () => undefined,
};

/** Creates the groups the plan names that do not exist yet; one that fails fails those who were to join it. */
async function createGroups(
	names: readonly string[],
	shared: ScimConnection,
	dryRun: boolean,
	ctx: IExecuteFunctions,
): Promise<NewGroups> {
	const created = new Map<
		string,
		{ group?: ScimGroup; error?: unknown; planned?: PlannedRequest[] }
	>();
	for (const name of names) {
		const connection = dryRun ? dryRunConnection(shared) : shared;
		const item: ItemContext = {
			ctx,
			connection,
			itemIndex: 0,
			input: new InputReader(ctx.getNode(), 0, `Group ${JSON.stringify(name)}`),
			park: async (waiting) => await waiting,
		};
		try {
			const group = await createNamedGroup(item, name);
			created.set(keyOf(name), {
				group: { ...group, id: group.id ?? PLANNED_ID },
				planned: connection.planned,
			});
		} catch (error) {
			created.set(keyOf(name), { error });
		}
	}
	return {
		of(group) {
			if (group.id !== undefined) return NO_NEW_GROUPS.of(group);
			const made = created.get(keyOf(group.displayName));
			if (made?.group) return made.group;
			throw new Error(
				`The group ${JSON.stringify(group.displayName)} could not be created: ${(made?.error as Error | undefined)?.message ?? 'it was not attempted'}`,
			);
		},
		plannedFor(run) {
			for (const group of run.entry.groupsAdded) {
				const made = group.id === undefined ? created.get(keyOf(group.displayName)) : undefined;
				if (!made?.planned || !run.connection.planned) continue;
				run.connection.planned.push(...made.planned.splice(0));
			}
		},
	};
}
