import type { IExecuteFunctions } from 'n8n-workflow';

import type { AttributeChange } from '../../../scim/attributes';
import type { ScimUser } from '../../../scim/types';
import { updateUserAttributes } from '../../../scim/update';
import { Meanwhile, runWithSlots } from '../../../transport/concurrency';
import type { Park } from '../../../transport/concurrency';
import { dryRunConnection } from '../../../transport/connection';
import type { ScimConnection } from '../../../transport/connection';
import { hasStatus, passOn } from '../../../transport/errors';
import { changeGroups } from '../../group/membership';
import { membershipWriter } from '../../group/memberWriters';
import type { MembershipChange } from '../../group/memberWriters';
import { InputReader } from '../../input';
import type { ItemContext } from '../../item';
import { createAccount, PLANNED_ID } from '../create';
import { checkWholeName } from '../fields';
import { writeActive } from '../setActive';
import { isLeaving } from './entry';
import { createGroups, NO_NEW_GROUPS } from './newGroups';
import type { NewGroups } from './newGroups';
import { ending, isLink, messageOf, stepsOf, waves } from './steps';
import type { Applied, Run, Step } from './steps';
import type { Adopt, Plan, PlanEntry } from './types';

export type { Applied } from './steps';

/** A refusal of the request itself (400, 409, 422…), not of the credential or a passing fault. */
const refusedAsClientError = (error: unknown) =>
	[400, 409, 412, 422].some((status) => hasStatus(error, status));
/**
 * A create the service refused because the account exists (a 409, Leapsome's empty 201):
 * the account found is planned by the same rules as any other, so an account that belongs
 * to another employee is never taken over, and an inactive one is reactivated only as the
 * settings allow. Its reactivation is done here; its update and groups in their steps.
 */
async function takeOver(run: Run, item: ItemContext, found: ScimUser, adopt: Adopt): Promise<void> {
	const adopted = adopt(run.entry.person!, found);
	const vendor = run.connection.profile.identity.displayName;
	if (adopted.action === 'none' && adopted.reason !== 'unchanged')
		throw new Error(
			`${vendor} already has an account with userName ${JSON.stringify(found.userName)} (created meanwhile?), and it was not taken over: ${adopted.detail ?? adopted.reason}`,
		);
	run.entry = adopted;
	run.user = found;
	const later = stepsOf(adopted);
	if (later.includes('reactivate')) run.user = (await writeActive(item, found, true)) ?? found;
	run.steps = ['create', ...later.filter((step) => step !== 'reactivate')];
}

/**
 * Applies a plan, or on a dry run plans its requests, in the order that keeps access
 * tight: leavers first (deactivated, then out of their groups, neither waiting on the
 * other; where whole lists are written, the leavers' round reads back while the next
 * steps go on); then reactivations and creates (a create the service refuses as existing is
 * planned again for the account found); then updates and renames, in place; then group
 * additions and removals, through the membership writers (coalesced per group where the
 * service rewrites whole lists). Each entry succeeds or fails alone; a write refused for
 * the credential (401, 403) stops the writes not yet sent.
 */
export async function applyPlan(
	ctx: IExecuteFunctions,
	shared: ScimConnection,
	plan: Plan,
	options: { dryRun: boolean; adopt: Adopt },
): Promise<Map<PlanEntry, Applied>> {
	const { profile } = shared;
	const { dryRun, adopt } = options;
	const runs = plan.entries
		.filter((entry) => entry.action !== 'none')
		.map((entry): Run => ({
			planned: entry,
			entry,
			connection: dryRun ? dryRunConnection(shared) : shared,
			steps: stepsOf(entry),
			done: new Set(),
			failed: new Map(),
			warnings: [],
			user: entry.account,
		}));
	let stopped = false;
	let plannedUsers = 0;
	const refusesCredential = (error: unknown) =>
		hasStatus(error, 403) ||
		hasStatus(error, profile.protocol.invalidTokenStatus) ||
		(hasStatus(error, 401) && profile.groups.missingStatus !== 401);

	// Once: n8n copies the node, with all its parameters, at each getNode().
	const node = ctx.getNode();
	const itemOf = (run: Run, park: Park): ItemContext => {
		const itemIndex = run.entry.items[0] ?? 0;
		const subject = run.entry.person ? undefined : `Account ${JSON.stringify(run.entry.userName)}`;
		return {
			ctx,
			connection: run.connection,
			itemIndex,
			input: new InputReader(node, itemIndex, subject),
			park,
		};
	};
	/** A run goes on after a failure only while it is leaving: each of those steps takes access away. */
	const goesOn = (run: Run) => run.failed.size === 0 || isLeaving(run.entry);
	/** One step for every run that takes it, in parallel up to Parallel Requests, each alone. */
	const step = async (
		name: Step,
		work: (run: Run, item: ItemContext) => Promise<void>,
		selected = runs.filter((run) => run.steps.includes(name)),
	): Promise<void> => {
		await runWithSlots(selected.length, shared.parallelRequests, async (index, park) => {
			const run = selected[index];
			if (!goesOn(run) || stopped) return;
			try {
				await work(run, itemOf(run, park));
				run.done.add(name);
			} catch (error) {
				run.failed.set(name, error);
				if (refusesCredential(error)) stopped = true;
			}
		});
	};
	/** A run's membership changes, leaving before joining (as a one-group-per-person service needs). */
	const changesOf = (run: Run, groups: NewGroups, joining: boolean) => [
		...run.entry.groupsRemoved.map((group) => ({ group: groups.of(group), add: false })),
		...(joining ? run.entry.groupsAdded : []).map((group) => ({
			group: groups.of(group),
			add: true,
		})),
	];
	const writer = await membershipWriter(shared);
	/**
	 * A step of membership changes. Where the service takes whole lists, the real run's
	 * round writes each group once for everyone in the step; a dry run plans it so, and
	 * shows each group's write on the first person it changes.
	 */
	const regroup = async (name: Step, groups: NewGroups, joining: boolean) => {
		if (!(dryRun && writer.planRound))
			return await step(name, async (run, item) => {
				run.connection.planned?.push(...groups.plannedFor(run.entry.groupsAdded));
				await changeGroups(item, run.user!, changesOf(run, groups, joining));
			});
		const changes = new Map<Run, MembershipChange[]>();
		if (stopped) return;
		for (const run of runs.filter(
			(candidate) => candidate.steps.includes(name) && goesOn(candidate),
		)) {
			try {
				const user = { id: run.user!.id, userName: run.user!.userName };
				changes.set(
					run,
					changesOf(run, groups, joining).map((change) => ({ ...change, user })),
				);
			} catch (error) {
				run.failed.set(name, error);
			}
		}
		const round = await writer.planRound(shared, [...changes.values()].flat());
		const shown = new Set<string>();
		for (const [run, mine] of changes) {
			const failure = mine
				.map(({ group }) => round.get(group.id))
				.find((group) => group && 'error' in group);
			if (failure && 'error' in failure) {
				run.failed.set(name, failure.error);
				continue;
			}
			run.connection.planned?.push(...groups.plannedFor(run.entry.groupsAdded));
			for (const { group } of mine) {
				const writes = round.get(group.id);
				if (shown.has(group.id) || !writes || 'error' in writes) continue;
				shown.add(group.id);
				run.connection.planned?.push(...writes.requests);
			}
			run.done.add(name);
		}
	};

	await step('deactivate', async (run, item) => {
		run.user = (await writeActive(item, run.user!, false)) ?? run.user;
	});
	// Everyone else's steps touch no member list: where the leavers' round rewrites whole
	// lists, they start once it has written and go on while it waits and reads back.
	const others = new Meanwhile(async () => {
		await step('reactivate', async (run, item) => {
			run.user = (await writeActive(item, run.user!, true)) ?? run.user;
		});
		for (const wave of waves(runs.filter((run) => run.steps.includes('create'))))
			await step(
				'create',
				async (run, item) => {
					const { user, created } = await createAccount(
						item,
						run.entry.userName,
						run.entry.writes,
						'returnExisting',
					);
					if (!created) await takeOver(run, item, user, adopt);
					// On a dry run each new account stands under an id of its own, as the real run's will.
					else run.user = dryRun ? { ...user, id: `${PLANNED_ID}-${++plannedUsers}` } : user;
				},
				wave,
			);
		const write = async (item: ItemContext, run: Run, writes: AttributeChange[]) => {
			checkWholeName(item, run.user!, writes);
			run.user = (await updateUserAttributes(run.connection, run.user!, writes)) ?? run.user;
		};
		await step('update', async (run, item) => {
			await write(
				item,
				run,
				run.entry.writes.filter((change) => !isLink(change)),
			);
		});
		// A service that will not take the employee ID (some keep externalId as set on create)
		// leaves the account as it was: said on the item, and no failure for every run to come.
		await step('link', async (run, item) => {
			try {
				await write(item, run, run.entry.writes.filter(isLink));
			} catch (error) {
				if (refusesCredential(error) || !refusedAsClientError(error)) throw passOn(node, error);
				run.warnings.push(
					`the employee ID was not stored (${messageOf(error)}): a recycled address is told apart on this account only by what the app holds`,
				);
			}
		});
	});
	shared.memo.meanwhile = others;
	try {
		await regroup('leaveGroups', NO_NEW_GROUPS, false);
		await others.start();
	} finally {
		delete shared.memo.meanwhile;
	}
	const groups = stopped
		? NO_NEW_GROUPS
		: await createGroups(plan.groupsToCreate, shared, dryRun, ctx);
	await regroup('groups', groups, true);

	return new Map(
		runs.map((run): [PlanEntry, Applied] => {
			const id = run.user?.id.startsWith(PLANNED_ID) ? undefined : run.user?.id;
			const planned = run.connection.planned;
			return [
				run.planned,
				{
					...ending(run),
					...(run.planned.action === 'create' && id ? { id } : {}),
					...(planned ? { plannedRequests: planned } : {}),
					...(run.entry !== run.planned ? { adopted: run.entry } : {}),
					...(run.warnings.length > 0 ? { warnings: run.warnings } : {}),
				},
			];
		}),
	);
}
