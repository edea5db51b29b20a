import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { Meanwhile } from '../../transport/concurrency';
import type { ScimConnection } from '../../transport/connection';
import { hasStatus, StaleWriteError } from '../../transport/errors';

/** What became of one membership change: done, already so, or not kept by the service. */
export type ChangeResult = 'changed' | 'unchanged' | 'notApplied';

/** A group's member ids as read, and the new list, or undefined when nothing changes. */
export type Plan = (groupId: string, members: string[]) => string[] | undefined;

/** Groups' member ids as read, and how many requests the reading took. */
export interface MemberReading {
	members: Map<string, Set<string>>;
	requests: number;
}

/** The groups whose write failed (with the error), and the requests each group's reading took. */
export interface Rewritten {
	failed: Map<string, unknown>;
	requests: number;
}

/** How a service whose groups take only a whole member list is read and written. */
export interface WholeListModel {
	/**
	 * Reads each group's members, asks `plan` for the new list and writes the groups
	 * whose list changes, each write sent within the fresh window of its reading
	 * (`freshWindow`) or not at all.
	 */
	rewrite(connection: ScimConnection, groupIds: string[], plan: Plan): Promise<Rewritten>;
	/** Adds members without reading the group, where the service allows it. */
	add?(connection: ScimConnection, groupId: string, userIds: string[]): Promise<void>;
	/** Reads the groups' members again, to check what the writes left. */
	read(connection: ScimConnection, groupIds: string[]): Promise<MemberReading>;
	/** Whether writes carry the version read (If-Match), so that a stale one is refused. */
	versioned(connection: ScimConnection): Promise<boolean>;
}

interface QueuedChange {
	readonly groupId: string;
	readonly userId: string;
	readonly add: boolean;
	readonly connection: ScimConnection;
	result?: 'changed' | 'unchanged';
	rounds: number;
	staleRounds: number;
	settle(result: ChangeResult): void;
	fail(error: unknown): void;
}

function newChange(
	connection: ScimConnection,
	groupId: string,
	userId: string,
	add: boolean,
	settle: (result: ChangeResult) => void = () => undefined,
	fail: (error: unknown) => void = () => undefined,
): QueuedChange {
	return { groupId, userId, add, connection, rounds: 0, staleRounds: 0, settle, fail };
}

/** A change not found in place on reading back is written again this often before the item fails. */
const ROUNDS = 3;
/** A round whose writes were too late to send is read and written again this often. */
const STALE_ROUNDS = 5;
const RETRY_WAIT_MS = { least: 100, spread: 400 };

/**
 * A group's members as read, as a dry run sees them: with what its earlier rounds
 * planned (the leavers' round before the rest), as the real run would read them then.
 * A real run's reading is what it is.
 */
export function asPlanned(
	connection: ScimConnection,
	groupId: string,
	members: string[],
): string[] {
	const earlier = connection.planned && connection.memo.plannedMembers?.get(groupId);
	if (!earlier) return members;
	return [
		...members.filter((id) => earlier.get(id) !== false),
		...[...earlier].filter(([id, add]) => add && !members.includes(id)).map(([id]) => id),
	];
}

/** The fresh window: a base, and per request of the reading two intervals of the rate limit (at least 50 ms each). */
const FRESH_MS = { least: 2000, perRequest: 50 };
/** Jitter added before reading back, so that two processes do not read back in step. */
const READ_BACK_SPREAD_MS = 300;

/**
 * How long after a reading began a whole list computed from it may still be sent. Every
 * process (every n8n worker) computes the same window for the same service and the same
 * size of reading, so a process that waits this long after its own write before reading
 * back sees any write another process computed from a list read before ours: a member
 * that write put back is seen, and removed again.
 */
export function freshWindow(connection: ScimConnection, requests: number): number {
	const interval = connection.requestsPerSecond > 0 ? 1000 / connection.requestsPerSecond : 0;
	return FRESH_MS.least + 2 * Math.max(1, requests) * Math.max(interval, FRESH_MS.perRequest);
}

/**
 * The error as the change's own node reports it: a new one for each change, since a round's
 * error is shared by its changes (of other executions too) and n8n marks an error with the
 * item it failed. Its HTTP status goes with it: a write refused for the credential stops the
 * run's writes not yet sent.
 */
function asOwnError(error: unknown, connection: ScimConnection): Error {
	const node = connection.ctx.getNode();
	const { message, description } = error as { message?: string; description?: string | null };
	const said = { message: message ?? String(error), description: description ?? undefined };
	if (error instanceof NodeApiError)
		return new NodeApiError(node, {}, { ...said, httpCode: error.httpCode ?? undefined });
	return new NodeOperationError(node, said.message, { description: said.description });
}

/** Each user's wanted membership after a group's changes, in queue order (the last one wins). */
function wanted(changes: QueuedChange[]): Map<string, boolean> {
	return new Map(changes.map((change) => [change.userId, change.add]));
}

/**
 * The new member list: everyone read, less the users these changes remove, plus the
 * ones they add. No member is dropped unless a change asked for it.
 */
function planFor(changes: QueuedChange[], members: string[]): string[] | undefined {
	const present = new Set(members);
	const final = wanted(changes);
	for (const change of changes)
		change.result ??= present.has(change.userId) === change.add ? 'unchanged' : 'changed';
	const after = [
		...members.filter((id) => final.get(id) !== false),
		...[...final].filter(([id, add]) => add && !present.has(id)).map(([id]) => id),
	];
	const same = after.length === members.length && after.every((id) => present.has(id));
	return same ? undefined : after;
}

/** The other steps of the executions whose changes make a round (see `ExecutionMemo.meanwhile`). */
function meanwhileOf(batch: QueuedChange[]): Meanwhile[] {
	const steps = new Set(batch.map((change) => change.connection.memo.meanwhile));
	return [...steps].filter((work): work is Meanwhile => work !== undefined);
}

function byGroup(changes: QueuedChange[]): Map<string, QueuedChange[]> {
	const groups = new Map<string, QueuedChange[]>();
	for (const change of changes)
		groups.set(change.groupId, [...(groups.get(change.groupId) ?? []), change]);
	return groups;
}

/** An account's changes: those waiting for a round, and those of the rounds under way. */
interface AccountQueue {
	readonly waiting: QueuedChange[];
	/**
	 * The pairs (group, user) of rounds not yet answered. A later change of the same pair
	 * waits for that round, so that each pair's changes are written and checked in the
	 * order asked: a round never checks what a later round of its own process undid.
	 */
	readonly underWay: Set<string>;
	/** Wakes a drain waiting for a change to come, an execution to wait or a round to be answered. */
	wake?: () => void;
}

const pairOf = (change: QueuedChange): string => `${change.groupId}\n${change.userId}`;

/**
 * Whether the executions of these changes bring no more for now: every item of theirs
 * has started and waits, or is done (see `ExecutionMemo.itemsWaiting`).
 */
function allBrought(batch: QueuedChange[]): boolean {
	return batch.every((change) => change.connection.memo.itemsWaiting === true);
}

/**
 * Membership changes on services that take only whole member lists (Leapsome's
 * `replaceMembers`, or PUT of a whole group where there is no PATCH), coordinated
 * across every execution in this n8n process. Changes waiting together for an account
 * become one round: one reading, one write per group, one reading back. A change the
 * reading back does not show (another process wrote over it) is written again, a few
 * times, before its item is answered.
 */
export class MembershipQueue {
	private readonly queues = new Map<string, AccountQueue>();

	async submit(
		model: WholeListModel,
		connection: ScimConnection,
		groupId: string,
		userId: string,
		add: boolean,
	): Promise<ChangeResult> {
		return await new Promise<ChangeResult>((settle, fail) => {
			const change = newChange(connection, groupId, userId, add, settle, fail);
			const existing = this.queues.get(connection.account);
			const queue = existing ?? { waiting: [], underWay: new Set<string>() };
			queue.waiting.push(change);
			connection.memo.whenItemsWaiting = () => this.queues.get(connection.account)?.wake?.();
			queue.wake?.();
			if (existing) return;
			this.queues.set(connection.account, queue);
			void this.drain(connection.account, queue, model);
		});
	}

	/**
	 * A dry run of changes made together, as a round writes them: one write per group for
	 * all of them. The writes go to the connection's plan; nothing waits in the queue, and
	 * nothing is read back. Answers each change's result, and the groups that failed.
	 */
	async plan(
		model: WholeListModel,
		connection: ScimConnection,
		changes: ReadonlyArray<{ groupId: string; userId: string; add: boolean }>,
	): Promise<{ results: ChangeResult[]; failed: Map<string, Error> }> {
		const queued = changes.map(({ groupId, userId, add }) =>
			newChange(connection, groupId, userId, add),
		);
		const { failed } = await this.write(model, connection, byGroup(queued));
		// A later round of the same dry run reads what this one planned (see `asPlanned`).
		const planned = (connection.memo.plannedMembers ??= new Map());
		for (const { groupId, userId, add } of queued)
			if (!failed.has(groupId))
				planned.set(groupId, (planned.get(groupId) ?? new Map()).set(userId, add));
		return {
			results: queued.map((change) => change.result ?? 'changed'),
			failed: new Map(
				[...failed].map(([groupId, error]) => [groupId, asOwnError(error, connection)]),
			),
		};
	}

	/** How many accounts have changes under way (an idle account holds nothing). */
	get size(): number {
		return this.queues.size;
	}

	/**
	 * Rounds one after another, each taking every change waiting whose pair has no round
	 * under way. The next round starts once the one before is answered or, when its changes'
	 * executions bring no more (their last changes), as soon as the one before has written
	 * and waits to read back: it reads after those writes, so its lists keep them, and their
	 * reading back sees them kept. No more than two rounds are under way.
	 */
	private async drain(account: string, queue: AccountQueue, model: WholeListModel) {
		let checking = 0;
		try {
			// Changes submitted in the same turn of the event loop (one leaver's groups, or every
			// item that parks as it submits, letting the next start) make the first round together.
			await sleep(0);
			for (;;) {
				if (checking === 0 && queue.waiting.length === 0) return;
				const batch = queue.waiting.filter((change) => !queue.underWay.has(pairOf(change)));
				if (batch.length === 0 || checking > 1 || (checking === 1 && !allBrought(batch))) {
					await this.woken(queue);
					continue;
				}
				const taken = new Set(batch);
				queue.waiting.splice(0, Infinity, ...queue.waiting.filter((change) => !taken.has(change)));
				for (const change of batch) queue.underWay.add(pairOf(change));
				const { checked } = await this.round(model, batch);
				checking++;
				void checked.then(async (again) => {
					if (again.length > 0)
						await sleep(RETRY_WAIT_MS.least + Math.random() * RETRY_WAIT_MS.spread);
					queue.waiting.unshift(...again);
					for (const change of batch) queue.underWay.delete(pairOf(change));
					checking--;
					queue.wake?.();
				});
			}
		} finally {
			this.queues.delete(account);
		}
	}

	/** Waits for a change to come, an execution to wait or a round to be answered. */
	private async woken(queue: AccountQueue): Promise<void> {
		await new Promise<void>((resolve) => (queue.wake = resolve));
		queue.wake = undefined;
	}

	/**
	 * Writes one batch, and answers once it has written, with its check to come: the
	 * changes to write again.
	 */
	private async round(
		model: WholeListModel,
		batch: QueuedChange[],
	): Promise<{ checked: Promise<QueuedChange[]> }> {
		const { connection } = batch[0];
		const groups = byGroup(batch);
		let written: Rewritten;
		try {
			written = await this.write(model, connection, groups);
		} catch (error) {
			for (const change of batch) change.fail(asOwnError(error, change.connection));
			return { checked: Promise.resolve([]) };
		}
		return { checked: this.check(model, batch, groups, { ...written, wroteAt: Date.now() }) };
	}

	/** Reads a written batch back; answers the changes to write again. */
	private async check(
		model: WholeListModel,
		batch: QueuedChange[],
		groups: Map<string, QueuedChange[]>,
		written: Rewritten & { wroteAt: number },
	): Promise<QueuedChange[]> {
		const { connection } = batch[0];
		const { failed } = written;
		const checked = [...groups.keys()].filter((id) => !failed.has(id));
		let seen: Map<string, Set<string>>;
		try {
			if (checked.length === 0) seen = new Map();
			else if (await model.versioned(connection))
				seen = (await model.read(connection, checked)).members;
			else
				seen = await this.readBack(
					model,
					connection,
					checked,
					written,
					// After a refused write (the credential, say) they start once the round is answered.
					failed.size === 0 ? meanwhileOf(batch) : [],
				);
		} catch (error) {
			for (const change of batch) change.fail(asOwnError(error, change.connection));
			return [];
		}
		const again: QueuedChange[] = [];
		for (const [groupId, changes] of groups) {
			const error = failed.get(groupId);
			const final = wanted(changes);
			for (const change of changes) {
				// Too late to send: nothing was written, so the round is read and written again.
				if (error instanceof StaleWriteError && ++change.staleRounds < STALE_ROUNDS) {
					again.push(change);
					continue;
				}
				change.rounds++;
				// 412: the group moved on between reading and writing; read it again.
				if (error !== undefined && !(hasStatus(error, 412) && change.rounds < ROUNDS)) {
					change.fail(asOwnError(error, change.connection));
				} else if (
					error === undefined &&
					seen.get(groupId)?.has(change.userId) === final.get(change.userId)
				) {
					change.settle(change.result ?? 'changed');
				} else if (change.rounds < ROUNDS) {
					again.push(change);
				} else {
					change.settle('notApplied');
				}
			}
		}
		return again;
	}

	/**
	 * Reads back once every write another process computed from a list read before ours
	 * was answered has landed: those are sent within their fresh window, so the reading
	 * waits that long after `wroteAt`. Additions read nothing first; the reading back
	 * shows how large a reading is, and is made again if the window proves longer. The
	 * executions' other steps (`meanwhile`) start with the wait and go on past it; the
	 * reading, a whole listing, holds back their creates while it pages (`listComplete`).
	 */
	private async readBack(
		model: WholeListModel,
		connection: ScimConnection,
		groupIds: string[],
		written: { wroteAt: number; requests: number },
		meanwhile: Meanwhile[],
	): Promise<Map<string, Set<string>>> {
		let { requests } = written;
		// Their failures are their own steps' to answer, not this round's.
		for (const work of meanwhile) void work.start().catch(() => undefined);
		for (;;) {
			const due = written.wroteAt + freshWindow(connection, requests);
			await sleep(Math.max(0, due - Date.now()) + Math.random() * READ_BACK_SPREAD_MS);
			const reading = await model.read(connection, groupIds);
			if (reading.requests <= requests) return reading.members;
			requests = reading.requests;
		}
	}

	private async write(
		model: WholeListModel,
		connection: ScimConnection,
		groups: Map<string, QueuedChange[]>,
	): Promise<Rewritten> {
		const onlyAdds = [...groups.values()].every((changes) => changes.every((change) => change.add));
		if (!model.add || !onlyAdds) {
			return await model.rewrite(connection, [...groups.keys()], (groupId, members) =>
				planFor(groups.get(groupId) ?? [], members),
			);
		}
		// Adding needs no reading where the service can add without replacing.
		const failed = new Map<string, unknown>();
		for (const [groupId, changes] of groups) {
			for (const change of changes) change.result ??= 'changed';
			try {
				await model.add(connection, groupId, [...wanted(changes).keys()]);
			} catch (error) {
				failed.set(groupId, error);
			}
		}
		// Nothing was read: the reading back finds out how large a reading is.
		return { failed, requests: 1 };
	}
}

export const membershipQueue = new MembershipQueue();
