import fc from 'fast-check';
import type { IDataObject, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import type { NodeRun } from '../harness/runNode';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import { startFaultProxy } from '../servers/faultProxy';
import type { FaultKind } from '../servers/faultProxy';
import { startScimServer } from '../servers/scimmyServer';
import type {
	RecordedRequest,
	RunningScimServer,
	ScimServerOptions,
} from '../servers/scimmyServer';
import type { ScimStore } from '../servers/scimStore';
import { CREDENTIAL_OF, json, scimCredentials } from './fixtures';
import type { PackageNode } from './fixtures';
import {
	caseArbitrary,
	HOME_DOMAIN,
	hrRowOf,
	keyOf,
	reverseListing,
	seed,
	syncOverrides,
	UNMANAGED_GROUP,
} from './sync.generators';
import type { SyncCase } from './sync.generators';
import { syncParameters } from './sync.fixtures';
import type { HrRow } from './sync.fixtures';

/**
 * Sync With List's invariants, checked on generated apps and lists against a standards
 * SCIM server (SCIMMY, with PATCH or without, ETags or not, users with or without their
 * groups, empty lists left off or not). SYNC_PROPERTY_RUNS multiplies the number of cases (e.g. 20 for a long local
 * run); a failing case prints its seed and its shrunk counterexample.
 */
const RUNS = Math.max(1, Number(process.env.SYNC_PROPERTY_RUNS ?? 1));
const PLANNED_ID = 'id-given-on-create';

const writesOf = (requests: RecordedRequest[]) =>
	requests.filter((request) => request.method !== 'GET');

/** The input rows each item answers. */
function pairedRows(items: INodeExecutionData[]): number[] {
	return items.flatMap(({ pairedItem }) =>
		(Array.isArray(pairedItem) ? pairedItem : pairedItem === undefined ? [] : [pairedItem]).map(
			(paired) => (typeof paired === 'number' ? paired : (paired as IPairedItemData).item),
		),
	);
}

/** JSON with every object's keys in order. */
const canonical = (value: unknown): string =>
	Array.isArray(value)
		? `[${value.map(canonical).join(',')}]`
		: value && typeof value === 'object'
			? `{${Object.keys(value)
					.sort()
					.map((key) => `${JSON.stringify(key)}:${canonical((value as IDataObject)[key])}`)
					.join(',')}}`
			: JSON.stringify(value ?? null);

/** Requests as sent or planned, with ids the app gave on create written as a dry run writes them. */
function comparable(
	requests: Array<{ method: string; path: string; body?: unknown; membersSent?: unknown }>,
	given: string[],
) {
	return requests
		.map(({ method, path, body, membersSent }) => {
			// A group read back carries what the service added to its members (their display
			// names); a dry run cannot know those, and a whole group PUT back keeps them. A long
			// whole list is shown by its count (membersSent), as a dry run shows it.
			const members = (body as { members?: IDataObject[] } | undefined)?.members;
			const long = Array.isArray(members) && members.length > 20;
			const sent = !members
				? body
				: long
					? Object.fromEntries(
							Object.entries(body as IDataObject).filter(([key]) => key !== 'members'),
						)
					: { ...(body as IDataObject), members: members.map(({ value }) => ({ value })) };
			const count = long ? members.length : membersSent;
			let text = canonical({ method, path, body: sent ?? null, membersSent: count ?? null });
			for (const id of given) text = text.split(id).join(PLANNED_ID);
			// A dry run's new accounts and groups stand under ids of their own (id-given-on-create-1, …).
			return text.replace(/id-given-on-create-(group-)?\d+/g, PLANNED_ID);
		})
		.sort();
}

/** Accounts by id, with what Sync may change about them. */
function snapshot(store: ScimStore) {
	return new Map(
		[...store.users.values()].map((user) => [
			user.id,
			{
				userName: user.userName,
				active: user.active !== false,
				externalId: user.externalId,
				emails: (user.emails ?? []).map((email) => email.value),
				groups: [...store.groups.values()]
					.filter((group) => group.members.some((member) => member.value === user.id))
					.map((group) => group.displayName)
					.sort(),
			},
		]),
	);
}
type Snapshot = ReturnType<typeof snapshot>;

/** The accounts a row names by any of its keys, as the app was before the run. */
function namedBy(row: HrRow, before: Snapshot): Set<string> {
	const keys = [row.email, row.previous].filter((key): key is string => !!key).map(keyOf);
	const named = new Set<string>();
	for (const [id, account] of before) {
		const addresses = [account.userName, ...account.emails].map(keyOf);
		if (keys.some((key) => addresses.includes(key))) named.add(id);
		if (row.employeeId && account.externalId && keyOf(account.externalId) === keyOf(row.employeeId))
			named.add(id);
	}
	return named;
}

/** People on the list (valid rows), as the keys they are known by. */
function peopleOf(rows: HrRow[]) {
	return rows
		.filter((row) => row.email && !/\s/.test(row.email) && row.left !== 'maybe')
		.map((row) => ({
			userName: keyOf(row.email),
			employeeId: row.employeeId && keyOf(row.employeeId),
		}));
}

const holds = (
	person: ReturnType<typeof peopleOf>[number],
	account: { userName: string; externalId?: string },
) =>
	keyOf(account.userName) === person.userName ||
	(!!person.employeeId && !!account.externalId && keyOf(account.externalId) === person.employeeId);

/** No person has more active accounts than before (one at most where they had none), and no account answers more people. */
function expectNoDoubles(rows: HrRow[], before: Snapshot, after: Snapshot) {
	const people = peopleOf(rows);
	for (const person of people) {
		const count = (state: Snapshot) =>
			[...state.values()].filter((account) => account.active && holds(person, account)).length;
		expect(count(after)).toBeLessThanOrEqual(Math.max(count(before), 1));
	}
	for (const [id, account] of after) {
		const keysOf = (state: Snapshot) => {
			const shown = state.get(id);
			return shown
				? new Set(people.filter((person) => holds(person, shown)).map((person) => person.userName))
						.size
				: 0;
		};
		expect(keysOf(after)).toBeLessThanOrEqual(Math.max(keysOf(before), 1));
		expect(account).toBeDefined();
	}
}

interface Runner {
	(
		rows: HrRow[],
		options?: IDataObject,
		runOptions?: { continueOnFail?: boolean },
	): Promise<NodeRun>;
}

/** The node under test and where it runs: the generic node on SCIMMY, or a vendor's on its simulator. */
type Target = { baseUrl: string; node?: PackageNode };

function runnerFor(target: Target, testCase: SyncCase, protectedUsers: string[]): Runner {
	const node = target.node ?? 'scim';
	const guarded = { protectedUsers: protectedUsers.join('\n') };
	const credentials =
		node === 'scim'
			? scimCredentials(target, guarded)
			: {
					[CREDENTIAL_OF[node]]: { baseUrl: target.baseUrl, token: SIMULATOR_TOKEN, ...guarded },
				};
	return async (rows, options = {}, runOptions = {}) =>
		await runNode({
			type: node,
			parameters: syncParameters({
				...syncOverrides(testCase.settings),
				options: {
					changeLimit: 0,
					maxShareDeactivated: 0,
					output: 'everyone',
					timeZone: 'UTC',
					createBeforeStartDays: 7,
					...options,
				},
			}),
			items: rows,
			continueOnFail: runOptions.continueOnFail,
			credentials,
		});
}

/** Only a brake that cannot be turned off, or a list with nobody valid on it, stops a whole run. */
async function expectRefusedAlike(run: Runner, rows: HrRow[], dry: NodeRun, server: App) {
	expect(dry.error?.message).toMatch(/looks like a cut-off export|No input item is a valid person/);
	const real = await run(rows);
	expect(real.error?.message).toBe(dry.error?.message);
	expect(writesOf(server.requests)).toEqual([]);
}

/** An app the node talks to: where it listens, what it holds, and what it was sent. */
type App = Pick<RunningScimServer, 'baseUrl' | 'store' | 'requests'> & Target;

async function checkCase(server: App, testCase: SyncCase): Promise<void> {
	const protectedUsers = seed(server.store, testCase.accounts);
	const run = runnerFor(server, testCase, protectedUsers);
	const rows = testCase.rows.map(hrRowOf);
	const before = snapshot(server.store);
	const groupsBefore = new Set(server.store.groups.keys());

	const dry = await run(rows, { dryRun: true });
	if (dry.error) return await expectRefusedAlike(run, rows, dry, server);
	expect(writesOf(server.requests)).toEqual([]);
	const planId = String(json(dry)[0]?.planId);
	// Every input row is answered by exactly one item paired to it.
	expect(pairedRows(dry.items).sort((a, b) => a - b)).toEqual(rows.map((_, index) => index));

	// The same plan in any order of the rows, of each person's groups, and of the app's pages.
	reverseListing(server.store);
	const reordered = [...rows].reverse().map((row) => ({
		...row,
		team: String(row.team ?? '')
			.split(', ')
			.reverse()
			.join(', '),
	}));
	const [summary] = json(await run(reordered, { dryRun: true, output: 'summary' }));
	expect(summary.planId).toBe(planId);
	// Back as the dry run read it: a whole group PUT back keeps its members in the order read.
	reverseListing(server.store);

	const real = await run(rows, { expectedPlanId: planId });
	expect(real.error).toBeUndefined();
	const items = json(real);
	expect(items.every((item) => item.planId === planId)).toBe(true);
	expect(pairedRows(real.items).sort((a, b) => a - b)).toEqual(rows.map((_, index) => index));

	// The real run sent exactly what the dry run planned.
	const after = snapshot(server.store);
	const given = [
		...[...after.keys()].filter((id) => !before.has(id)),
		...[...server.store.groups.keys()].filter((id) => !groupsBefore.has(id)),
	];
	expect(comparable(writesOf(server.requests), given)).toEqual(
		comparable(
			json(dry).flatMap((item) => item.plannedRequests as RecordedRequest[]),
			given,
		),
	);

	// No account a row names by any key is deactivated as not in the list.
	const named = new Set(rows.flatMap((row) => [...namedBy(row, before)]));
	for (const item of items)
		if (item.reason === 'notInList' && item.action === 'deactivate')
			expect(named.has(String(item.id))).toBe(false);

	// Nothing touches a protected account, an unnamed account outside the scope, or an unmanaged group.
	const untouchable = [...before]
		.filter(
			([id, account]) =>
				protectedUsers.map(keyOf).includes(keyOf(account.userName)) ||
				(!named.has(id) &&
					testCase.settings.leaverScope === 'listDomains' &&
					!keyOf(account.userName).endsWith(`@${HOME_DOMAIN}`) &&
					!rows.some((row) => keyOf(row.email).endsWith(keyOf(account.userName).split('@')[1]))),
		)
		.map(([id]) => id);
	const board = server.store.groupByName(UNMANAGED_GROUP)!.id;
	// (A whole group PUT back names its members; what counts is that theirs is unchanged.)
	for (const request of writesOf(server.requests)) {
		expect(request.path).not.toContain(board);
		for (const id of untouchable) expect(request.path).not.toContain(id);
	}
	for (const id of untouchable) expect(after.get(id)).toEqual(before.get(id));

	// No person ends with two active accounts, and no account answers two people.
	expectNoDoubles(rows, before, after);

	// A leaver reported done has no active account.
	for (const item of items)
		if (item.outcome === 'done' && item.reason === 'leaver')
			expect(after.get(String(item.id))?.active).toBe(false);

	// The same list again sends no write, and a dry run plans none.
	const writes = writesOf(server.requests).length;
	const again = await run(rows);
	expect(again.error).toBeUndefined();
	expect(writesOf(server.requests)).toHaveLength(writes);
	const preview = json(await run(rows, { dryRun: true }));
	expect(preview.filter((item) => item.action !== 'none')).toEqual([]);
}

/**
 * Servers with PATCH (ETags or not), or without PATCH but with ETags. Whole groups PUT
 * back without versions wait out their fresh window before reading back (about 2 s a
 * round), so that model is left to the concurrency tests.
 */
const SERVERS: fc.Arbitrary<ScimServerOptions> = fc
	.record({
		patch: fc.boolean(),
		etag: fc.boolean(),
		omitUserGroups: fc.boolean(),
		// Empty members and groups left off, as scimgateway does.
		omitEmptyMembership: fc.boolean(),
	})
	.map((options) => (options.patch ? options : { ...options, etag: true }));

describe('Sync With List · invariants on generated cases', () => {
	test('on a standards server: the plan is order-free, the run is its dry run, a second run writes nothing, nothing out of scope is touched, every row is answered once', async () => {
		await fc.assert(
			fc.asyncProperty(caseArbitrary(), SERVERS, async (testCase, options) => {
				const server = await startScimServer(options);
				try {
					await checkCase(server, testCase);
				} finally {
					await server.close();
				}
			}),
			{ numRuns: 150 * RUNS },
		);
	}, 240_000);
});

/** What a run leaves, by userName: who is active, their attributes and groups (ids aside). */
function state(store: ScimStore) {
	const groupsOf = (id: string) =>
		[...store.groups.values()]
			.filter((group) => group.members.some((member) => member.value === id))
			.map((group) => group.displayName)
			.sort();
	return {
		users: Object.fromEntries(
			[...store.users.values()].map((user) => [
				keyOf(user.userName),
				{
					active: user.active !== false,
					externalId: user.externalId ?? null,
					name: user.name ?? null,
					title: user.title ?? null,
					displayName: user.displayName ?? null,
					groups: groupsOf(user.id),
				},
			]),
		),
		groups: [...store.groups.values()].map((group) => group.displayName).sort(),
	};
}

describe('Sync With List · Apply: Only Leavers on generated cases', () => {
	test('whatever the list and the app, Only Leavers only takes access away (no account created, reactivated or changed but deactivated, no group created or joined), and a leaver due loses access', async () => {
		let cutOff = 0;
		await fc.assert(
			fc.asyncProperty(caseArbitrary(), SERVERS, async (testCase, options) => {
				const server = await startScimServer(options);
				try {
					const rows = testCase.rows.map(hrRowOf);
					const protectedUsers = seed(server.store, testCase.accounts);
					// Beside the generated ones, someone certainly due: active, in Sales, a leaver on the list.
					const due = server.store.addUser({
						userName: `due.leaver@${HOME_DOMAIN}`,
						givenName: 'Dua',
						familyName: 'Leaver',
					});
					server.store.groupByName('Sales')!.members.push({ value: due.id });
					rows.push({ email: due.userName, first: 'Dua', last: 'Leaver', left: true, team: '' });
					const before = state(server.store);
					const run = await runnerFor(
						server,
						testCase,
						protectedUsers,
					)(rows, {
						apply: 'leaversOnly',
					});
					const after = state(server.store);
					expect(Object.keys(after.users).sort()).toEqual(Object.keys(before.users).sort());
					expect(after.groups).toEqual(before.groups);
					for (const [userName, was] of Object.entries(before.users)) {
						const now = after.users[userName];
						expect({ ...now, active: was.active, groups: was.groups }).toEqual(was);
						if (now.active) expect(was.active).toBe(true);
						expect(was.groups).toEqual(expect.arrayContaining(now.groups));
					}
					if (run.error) {
						// Only a cut-off list stops the run (the other brakes are off here), before any write.
						expect(run.error.message).toMatch(/looks like a cut-off export/);
						expect(writesOf(server.requests)).toEqual([]);
						cutOff++;
						return;
					}
					expect(after.users[keyOf(due.userName)].active).toBe(false);
				} finally {
					await server.close();
				}
			}),
			{ numRuns: 60 * RUNS },
		);
		// Most lists were not cut off.
		expect(cutOff).toBeLessThan(45 * RUNS);
	}, 240_000);
});

const FAULTS = fc.record({
	seed: fc.integer(),
	rate: fc.constantFrom(0.2, 0.4),
	kinds: fc.subarray<FaultKind>(['500', '503', '429', 'drop', 'lost'], { minLength: 1 }),
});

describe('Sync With List · convergence after faults', () => {
	test('with faults on the writes of one run, the next run without faults reaches the plan’s target and the one after plans nothing; a leaver reported done is inactive', async () => {
		let injected = 0;
		await fc.assert(
			fc.asyncProperty(caseArbitrary(), SERVERS, FAULTS, async (testCase, options, faults) => {
				const reference = await startScimServer(options);
				const faulty = await startScimServer(options);
				const proxy = await startFaultProxy(faulty.baseUrl, {
					...faults,
					methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
				});
				try {
					const rows = testCase.rows.map(hrRowOf);
					const protectedUsers = seed(reference.store, testCase.accounts);
					seed(faulty.store, testCase.accounts);
					const first = await runnerFor(reference, testCase, protectedUsers)(rows);
					if (first.error) return;
					const target = state(reference.store);

					const flaky = await runnerFor({ baseUrl: proxy.baseUrl }, testCase, protectedUsers)(
						rows,
						{},
						{ continueOnFail: true },
					);
					for (const item of json(flaky))
						if (
							item.outcome === 'done' &&
							['leaver', 'notInList'].includes(String(item.reason)) &&
							item.action === 'deactivate'
						)
							expect(faulty.store.users.get(String(item.id))?.active).toBe(false);

					proxy.enabled = false;
					const run = runnerFor(faulty, testCase, protectedUsers);
					const mended = await run(rows);
					expect(mended.error).toBeUndefined();
					expect(state(faulty.store)).toEqual(target);
					const writes = writesOf(faulty.requests).length;
					expect((await run(rows)).error).toBeUndefined();
					expect(writesOf(faulty.requests)).toHaveLength(writes);
				} finally {
					injected += Object.values(proxy.injected).reduce((sum, count) => sum + count, 0);
					await proxy.close();
					await faulty.close();
					await reference.close();
				}
			}),
			{ numRuns: 60 * RUNS },
		);
		// The cases did meet faults.
		expect(injected).toBeGreaterThan(0);
	}, 240_000);
});

describe('Sync With List · invariants on generated cases, on Leapsome', () => {
	test('the same invariants against the Leapsome simulator: whole member lists, partial-resource PATCH, its OpenAPI', async () => {
		await fc.assert(
			fc.asyncProperty(caseArbitrary({ domains: [HOME_DOMAIN], ascii: true }), async (testCase) => {
				const leapsome = await startLeapsomeSimulator();
				try {
					await checkCase({ ...leapsome, node: 'leapsome' }, testCase);
					expect(leapsome.violations).toEqual([]);
				} finally {
					await leapsome.close();
				}
			}),
			{ numRuns: 12 * RUNS },
		);
	}, 240_000);
});
