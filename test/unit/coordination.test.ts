import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { Meanwhile, runWithSlots } from '../../nodes/shared/transport/concurrency';
import type { ScimConnection } from '../../nodes/shared/transport/connection';
import { MembershipQueue } from '../../nodes/shared/actions/group/membershipQueue';
import type { WholeListModel } from '../../nodes/shared/actions/group/membershipQueue';
import { KeyedLock } from '../../nodes/shared/transport/keyedLock';
import { ListingGate } from '../../nodes/shared/transport/listingGate';
import { RateBudgets } from '../../nodes/shared/transport/rateBudget';

const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('one read-change-write at a time per key', () => {
	test('work on one key never overlaps, work on two keys does, and an idle key is released', async () => {
		const lock = new KeyedLock();
		const log: string[] = [];
		const step = async (key: string, name: string) =>
			await lock.run(key, async () => {
				log.push(`${name} start`);
				await pause(20);
				log.push(`${name} end`);
			});
		await Promise.all([step('a', 'a1'), step('a', 'a2'), step('b', 'b1')]);
		expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
		expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
		expect(lock.size).toBe(0);
	});

	test('a failure releases the key for the next one', async () => {
		const lock = new KeyedLock();
		await expect(
			lock.run('a', async () => {
				throw new Error('write failed');
			}),
		).rejects.toThrow('write failed');
		expect(await lock.run('a', async () => 'next')).toBe('next');
		expect(lock.size).toBe(0);
	});
});

describe('rate budgets shared by every execution', () => {
	test('two callers on one account share one budget; another account has its own; idle budgets are released', async () => {
		const budgets = new RateBudgets();
		const sent: Array<{ account: string; at: number }> = [];
		const request = (account: string) => async () => {
			sent.push({ account, at: Date.now() });
		};
		const start = Date.now();
		// Two "executions" on account a, three requests each, at 2 per second between them.
		const running = Promise.all([
			...Array.from({ length: 3 }, async () => await budgets.run('a', 2, request('a'))),
			...Array.from({ length: 3 }, async () => await budgets.run('a', 2, request('a'))),
			...Array.from({ length: 2 }, async () => await budgets.run('b', 2, request('b'))),
		]);
		expect(budgets.size).toBe(2);
		await running;
		const onA = sent.filter(({ account }) => account === 'a').map(({ at }) => at - start);
		const onB = sent.filter(({ account }) => account === 'b').map(({ at }) => at - start);
		// Six requests at two a second: the last two wait two seconds.
		expect(Math.max(...onA)).toBeGreaterThanOrEqual(2000);
		expect(Math.max(...onB)).toBeLessThan(500);
		await pause(1100);
		expect(budgets.size).toBe(0);
	});
});

describe('slots with parking', () => {
	test('a parked task frees its slot for the next one and gets it back before new tasks start', async () => {
		const order: string[] = [];
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const results = await runWithSlots(4, 1, async (index, park) => {
			order.push(`start ${index}`);
			if (index === 0) {
				await park(gate);
				order.push('0 back');
				return 0;
			}
			if (index === 1) release();
			await pause(5);
			return index;
		});
		expect(results).toEqual([0, 1, 2, 3]);
		// 1 ran in 0's slot while 0 waited; 0 came back before 2 started.
		expect(order).toEqual(['start 0', 'start 1', '0 back', 'start 2', 'start 3']);
	});

	test('it tells when every task has started and each one waits or is done, and when one comes back', async () => {
		const told: boolean[] = [];
		const gates = [0, 1, 2].map(() => {
			let open = () => {};
			const gate = new Promise<void>((resolve) => (open = resolve));
			return { gate, open };
		});
		const running = runWithSlots(
			3,
			2,
			async (index, park) => {
				await park(gates[index].gate);
				await pause(5);
			},
			(waiting) => told.push(waiting),
		);
		await pause(20);
		// All three started and parked: nothing more comes from them until a gate opens.
		expect(told).toEqual([true]);
		gates[0].open();
		await pause(1);
		expect(told).toEqual([true, false]);
		gates[1].open();
		gates[2].open();
		await running;
		expect(told).toEqual([true, false, true]);
	});
});

/** A group service in memory, standing in for the network, counting reads and writes. */
function memoryModel(initial: Record<string, string[]>) {
	const groups = new Map(Object.entries(initial).map(([id, members]) => [id, [...members]]));
	const calls = { reads: 0, rewrites: 0, adds: 0 };
	const model: WholeListModel & { groups: typeof groups; calls: typeof calls } = {
		groups,
		calls,
		async rewrite(_connection, groupIds, plan) {
			calls.reads++;
			await pause(5);
			for (const id of groupIds) {
				const after = plan(id, groups.get(id) ?? []);
				if (after) {
					calls.rewrites++;
					groups.set(id, after);
				}
			}
			return { failed: new Map(), requests: 1 };
		},
		async add(_connection, groupId, userIds) {
			calls.adds++;
			groups.set(groupId, [...new Set([...(groups.get(groupId) ?? []), ...userIds])]);
		},
		async read(_connection, groupIds) {
			calls.reads++;
			return {
				members: new Map(groupIds.map((id) => [id, new Set(groups.get(id))])),
				requests: 1,
			};
		},
		versioned: async () => false,
	};
	return model;
}

const connection = { account: 'acct', memo: {} } as unknown as ScimConnection;

/** The model, logging its readings and writes, and the groups each one covers. */
function logged(model: ReturnType<typeof memoryModel>, log: string[]) {
	const { rewrite, read } = model;
	model.rewrite = async (c, ids, plan) => {
		log.push(`read and write ${ids.join()}`);
		return await rewrite(c, ids, plan);
	};
	model.read = async (c, ids) => {
		log.push(`read back ${ids.join()}`);
		return await read(c, ids);
	};
	return model;
}

describe('the membership queue', () => {
	test('changes waiting together become one read, one rewrite per group and one read back', async () => {
		const queue = new MembershipQueue();
		const model = memoryModel({ team: ['a', 'b', 'c', 'd', 'e'], other: ['a', 'x'] });
		const first = queue.submit(model, connection, 'team', 'a', false);
		// These arrive while the first round runs: they wait and share the second.
		await pause(1);
		const later = await Promise.all([
			queue.submit(model, connection, 'team', 'b', false),
			queue.submit(model, connection, 'team', 'c', false),
			queue.submit(model, connection, 'other', 'a', false),
			queue.submit(model, connection, 'team', 'z', true),
			queue.submit(model, connection, 'team', 'q', false),
		]);
		expect(await first).toBe('changed');
		expect(later).toEqual(['changed', 'changed', 'changed', 'changed', 'unchanged']);
		expect(model.groups.get('team')).toEqual(['d', 'e', 'z']);
		expect(model.groups.get('other')).toEqual(['x']);
		// Two rounds: each one read (with its rewrite) and one read back; three rewrites in all.
		expect(model.calls).toEqual({ reads: 4, rewrites: 3, adds: 0 });
		expect(queue.size).toBe(0);
	});

	test('only additions are written without reading first', async () => {
		const queue = new MembershipQueue();
		const model = memoryModel({ team: ['a'] });
		expect(
			await Promise.all([
				queue.submit(model, connection, 'team', 'b', true),
				queue.submit(model, connection, 'team', 'c', true),
			]),
		).toEqual(['changed', 'changed']);
		expect(model.groups.get('team')).toEqual(['a', 'b', 'c']);
		expect(model.calls).toEqual({ reads: 1, rewrites: 0, adds: 1 });
	});

	test('a change the read-back does not show is written again; one that never holds is answered notApplied', async () => {
		const queue = new MembershipQueue();
		const model = memoryModel({ team: ['a', 'b'] });
		const stubborn = { ...model };
		let putBack = 0;
		stubborn.read = async (c, ids) => {
			// Another writer puts "a" back after each of the first two rewrites.
			if (putBack < 2) {
				putBack++;
				model.groups.set('team', [...(model.groups.get('team') ?? []), 'a']);
			}
			return await model.read(c, ids);
		};
		expect(await queue.submit(stubborn, connection, 'team', 'a', false)).toBe('changed');
		expect(model.groups.get('team')).toEqual(['b']);

		const always = { ...model };
		always.read = async (c, ids) => {
			model.groups.set('team', [...(model.groups.get('team') ?? []), 'a']);
			return await model.read(c, ids);
		};
		// Another service: a queue of its own (an account's changes all go to one service).
		expect(await new MembershipQueue().submit(always, connection, 'team', 'a', false)).toBe(
			'notApplied',
		);
	});

	test('a rewrite never drops a member no change asked to remove', async () => {
		const queue = new MembershipQueue();
		const members = Array.from({ length: 250 }, (_, index) => `u${index}`);
		const model = memoryModel({ team: members });
		await Promise.all(
			['u3', 'u100', 'u249'].map(
				async (id) => await queue.submit(model, connection, 'team', id, false),
			),
		);
		expect(model.groups.get('team')).toEqual(
			members.filter((id) => !['u3', 'u100', 'u249'].includes(id)),
		);
	});

	test('a stale rewrite from another process, landing just after ours, is waited for, seen and undone', async () => {
		const queue = new MembershipQueue();
		const model = memoryModel({ team: ['a', 'b', 'c'] });
		const rewrite = model.rewrite.bind(model);
		let staleWrites = 0;
		model.rewrite = async (c, ids, plan) => {
			const failed = await rewrite(c, ids, plan);
			// Another process read the team before our write and writes its own list 300 ms later.
			if (staleWrites++ === 0) setTimeout(() => model.groups.set('team', ['a', 'b', 'c']), 300);
			return failed;
		};
		expect(await queue.submit(model, connection, 'team', 'a', false)).toBe('changed');
		expect(model.groups.get('team')).toEqual(['b', 'c']);
		expect(staleWrites).toBe(2);
	});
});

describe('the next round, while the one before waits to read back', () => {
	/** An execution's connection; `waiting`: every item of it has started and waits. */
	function executionOf(waiting: boolean) {
		return { account: 'acct', memo: { itemsWaiting: waiting } } as unknown as ScimConnection;
	}

	test('starts once its execution brings no more, and keeps what the one before wrote', async () => {
		const log: string[] = [];
		const model = logged(memoryModel({ team: ['a', 'b', 'c'], other: ['a', 'x'] }), log);
		const queue = new MembershipQueue();
		const execution = executionOf(false);
		const first = queue.submit(model, execution, 'team', 'a', false);
		await pause(50);
		const second = queue.submit(model, execution, 'other', 'x', false);
		await pause(50);
		// Its items still run: the second change waits for the first round to be answered.
		expect(log).toEqual(['read and write team']);
		execution.memo.itemsWaiting = true;
		execution.memo.whenItemsWaiting?.();
		await pause(50);
		expect(log).toEqual(['read and write team', 'read and write other']);
		expect(await Promise.all([first, second])).toEqual(['changed', 'changed']);
		// Each reads back after its own window, in either order (the windows' jitter).
		expect(log.slice(2).sort()).toEqual(['read back other', 'read back team']);
		expect(model.groups.get('team')).toEqual(['b', 'c']);
		expect(model.groups.get('other')).toEqual(['a']);
		// The account is let go as its last round's answer is handed on.
		await pause(1);
		expect(queue.size).toBe(0);
	});

	test('waits while another execution may bring more, and never for a group and user the one before holds', async () => {
		const model = memoryModel({ team: ['a', 'b'] });
		const log: string[] = [];
		logged(model, log);
		const queue = new MembershipQueue();
		const done = executionOf(true);
		const first = queue.submit(model, done, 'team', 'a', false);
		await pause(20);
		// The same user back into the same team, asked for while the removal is read back.
		const back = queue.submit(model, done, 'team', 'a', true);
		await pause(50);
		expect(log).toEqual(['read and write team']);
		const running = executionOf(false);
		const meanwhile = queue.submit(model, running, 'team', 'b', false);
		await pause(50);
		expect(log).toEqual(['read and write team']);
		// In order: the removal checked as a removal, then the return and the other removal together.
		expect(await Promise.all([first, back, meanwhile])).toEqual(['changed', 'changed', 'changed']);
		expect(log).toEqual([
			'read and write team',
			'read back team',
			'read and write team',
			'read back team',
		]);
		expect(model.groups.get('team')).toEqual(['a']);
	});
});

describe('a round’s error, told to each change', () => {
	test('each change gets an error of its own, from its own node, with the HTTP status the service answered', async () => {
		// Two workflows whose nodes bear the same name; their changes meet in one round.
		const nodeOf = (workflow: string) =>
			({
				id: `node-of-${workflow}`,
				name: 'Leapsome',
				parameters: { workflow },
			}) as unknown as INode;
		const connectionOf = (workflow: string) =>
			({
				account: 'acct',
				memo: {},
				ctx: { getNode: () => nodeOf(workflow) },
			}) as unknown as ScimConnection;
		const refusing = memoryModel({ team: ['a', 'b', 'c'] });
		refusing.rewrite = async () => ({
			failed: new Map([
				['team', new NodeApiError(nodeOf('A'), {}, { message: 'Forbidden', httpCode: '403' })],
			]),
			requests: 1,
		});
		const queue = new MembershipQueue();
		const answers = await Promise.allSettled([
			queue.submit(refusing, connectionOf('A'), 'team', 'a', false),
			queue.submit(refusing, connectionOf('A'), 'team', 'b', false),
			queue.submit(refusing, connectionOf('B'), 'team', 'c', false),
		]);
		const errors = answers.map((answer) =>
			answer.status === 'rejected' ? (answer.reason as NodeApiError) : undefined,
		);
		expect(errors.map((error) => [error?.node.id, error?.httpCode, error?.message])).toEqual([
			['node-of-A', '403', 'Forbidden'],
			['node-of-A', '403', 'Forbidden'],
			['node-of-B', '403', 'Forbidden'],
		]);
		expect(new Set(errors).size).toBe(3);
	});
});

describe('an execution’s other steps while its round waits (Meanwhile)', () => {
	/** A connection of its own, whose other steps log when they run and take `ms`. */
	function withOtherSteps(log: string[], ms: number) {
		const steps = new Meanwhile(async () => {
			log.push('others start');
			await pause(ms);
			log.push('others end');
		});
		return {
			steps,
			connection: {
				account: 'acct',
				memo: { meanwhile: steps },
				ctx: { getNode: () => ({ name: 'Leapsome: sync' }) },
			} as unknown as ScimConnection,
		};
	}

	test('they start once the round has written and go on past its fresh window: the round answers without waiting for them', async () => {
		const log: string[] = [];
		const { steps, connection: own } = withOtherSteps(log, 6000);
		const model = logged(memoryModel({ team: ['a', 'b'] }), log);
		const started = Date.now();
		const removed = new MembershipQueue().submit(model, own, 'team', 'a', false);
		await pause(100);
		expect(log).toEqual(['read and write team', 'others start']);
		expect(await removed).toBe('changed');
		// The window (2.1 s and the spread), not the steps' 6 s: changes queued behind it wait no longer.
		expect(log).toEqual(['read and write team', 'others start', 'read back team']);
		expect(Date.now() - started).toBeLessThan(5000);
		// Started once: asking again waits for the same work.
		await steps.start();
		expect(log).toEqual(['read and write team', 'others start', 'read back team', 'others end']);
	});

	test('after a refused write they are not started by the round; a failure of theirs is not the round’s', async () => {
		const log: string[] = [];
		const { steps, connection: own } = withOtherSteps(log, 10);
		const refusing = logged(memoryModel({ team: ['a', 'b'] }), log);
		refusing.rewrite = async () => ({
			failed: new Map([['team', new Error('403 Forbidden')]]),
			requests: 1,
		});
		await expect(new MembershipQueue().submit(refusing, own, 'team', 'a', false)).rejects.toThrow(
			'403 Forbidden',
		);
		expect(log).toEqual([]);
		await steps.start();

		const failing = new Meanwhile(async () => {
			throw new Error('a create failed');
		});
		const model = memoryModel({ team: ['a', 'b'] });
		const other = { account: 'acct', memo: { meanwhile: failing } } as unknown as ScimConnection;
		expect(await new MembershipQueue().submit(model, other, 'team', 'a', false)).toBe('changed');
		await expect(failing.start()).rejects.toThrow('a create failed');
	});
});

describe('whole listings kept apart from the creates and deletes that move their total', () => {
	test('a listing waits for the creates already sent and holds back new ones while it pages; creates go side by side, and so do listings', async () => {
		const gate = new ListingGate();
		const log: string[] = [];
		const timed = (kind: 'moving' | 'reading', name: string, ms: number, key = 'acct User') =>
			gate[kind](key, async () => {
				log.push(`${name} start`);
				await pause(ms);
				log.push(`${name} end`);
				return name;
			});
		const create1 = timed('moving', 'create1', 60);
		const create2 = timed('moving', 'create2', 60);
		await pause(10);
		const listing1 = timed('reading', 'listing1', 60);
		const listing2 = timed('reading', 'listing2', 60);
		await pause(10);
		const create3 = timed('moving', 'create3', 10);
		const elsewhere = timed('moving', 'other account', 10, 'other User');
		expect(await Promise.all([create1, create2, listing1, listing2, create3, elsewhere])).toEqual([
			'create1',
			'create2',
			'listing1',
			'listing2',
			'create3',
			'other account',
		]);
		const at = (entry: string) => log.indexOf(entry);
		// Creates side by side; each listing after both; the two listings side by side.
		expect(at('create2 start')).toBeLessThan(at('create1 end'));
		expect(at('listing1 start')).toBeGreaterThan(Math.max(at('create1 end'), at('create2 end')));
		expect(at('listing2 start')).toBeLessThan(at('listing1 end'));
		// The create asked for while the listings waited goes after both of them.
		expect(at('create3 start')).toBeGreaterThan(Math.max(at('listing1 end'), at('listing2 end')));
		// Another account's total is not held back.
		expect(at('other account end')).toBeLessThan(at('listing1 start'));
		expect(gate.size).toBe(0);
	});

	test('the two kinds take turns in the order asked: a listing asked for after a waiting create waits behind it, however the listings overlap', async () => {
		const gate = new ListingGate();
		const started = Date.now();
		let createdAt = -1;
		const listings: Array<Promise<unknown>> = [gate.reading('k', async () => await pause(60))];
		await pause(5);
		const create = gate.moving('k', async () => {
			createdAt = Date.now() - started;
		});
		// A listing every 40 ms, each paging 60 ms: always one under way, were they let in.
		for (let at = 40; at < 600; at += 40) {
			await pause(40);
			listings.push(gate.reading('k', async () => await pause(60)));
		}
		await Promise.all([...listings, create]);
		expect(createdAt).toBeGreaterThanOrEqual(55);
		expect(createdAt).toBeLessThan(200);
		expect(gate.size).toBe(0);
	});

	test('listings ending together let the waiting create in, and a listing asked for next waits for it', async () => {
		const gate = new ListingGate();
		let lastPage!: () => void;
		const answered = new Promise<void>((resolve) => (lastPage = resolve));
		const first = gate.reading('k', async () => await answered);
		const second = gate.reading('k', async () => await answered);
		let creating = false;
		const create = gate.moving('k', async () => {
			creating = true;
			await pause(50);
			creating = false;
		});
		lastPage();
		await Promise.all([first, second]);
		let overlapped: boolean | undefined;
		const next = gate.reading('k', async () => {
			overlapped = creating;
		});
		await Promise.all([create, next]);
		expect(overlapped).toBe(false);
		expect(gate.size).toBe(0);
	});

	test('a failure on either side lets the other go on', async () => {
		const gate = new ListingGate();
		await expect(
			gate.moving('k', async () => {
				throw new Error('create refused');
			}),
		).rejects.toThrow('create refused');
		await expect(
			gate.reading('k', async () => {
				throw new Error('listing failed');
			}),
		).rejects.toThrow('listing failed');
		expect(await gate.moving('k', async () => 'next')).toBe('next');
		expect(await gate.reading('k', async () => 'listed')).toBe('listed');
		expect(gate.size).toBe(0);
	});
});
