import type { INodeParameters } from 'n8n-workflow';

import { startScimServer } from '../servers/scimmyServer';
import type { RunningScimServer, ScimServerOptions } from '../servers/scimmyServer';
import { groupsOf, json, runScim, withScimServer } from './fixtures';
import { accountsNamed, changing, outcomes, syncParameters } from './sync.fixtures';
import type { HrRow } from './sync.fixtures';

/** A small company in a standards SCIM app: who has which account, and which team. */
function seedCompany(server: RunningScimServer) {
	const { store } = server;
	const ana = store.addUser({
		userName: 'ana@example.com',
		givenName: 'Ana',
		familyName: 'Lima',
		title: 'Account Executive',
	});
	const bo = store.addUser({
		userName: 'bo@example.com',
		givenName: 'Bo',
		familyName: 'Stone',
		title: 'Engineer',
	});
	const max = store.addUser({
		userName: 'max@example.com',
		givenName: 'Max',
		familyName: 'Turner',
		title: 'Account Executive',
	});
	const old = store.addUser({
		userName: 'old.contractor@example.com',
		givenName: 'Old',
		familyName: 'Contractor',
	});
	store.addUser({
		userName: 'julia@example.com',
		givenName: 'Julia',
		familyName: 'Weiss',
		active: false,
	});
	store.addGroup('Sales', [ana.id, max.id, old.id]);
	store.addGroup('Engineering', [bo.id]);
	store.addGroup('Board', [ana.id]);
	return { ana, bo, max, old };
}

/** The HR list: Ana promoted, Bo as he is, Max has left, Riley joins; the contractor is not on it. */
const HR: HrRow[] = [
	{
		email: 'ana@example.com',
		first: 'Ana',
		last: 'Lima',
		title: 'Senior Account Executive',
		team: 'Sales',
	},
	{ email: 'bo@example.com', first: 'Bo', last: 'Stone', title: 'Engineer', team: 'Engineering' },
	{ email: 'max@example.com', first: 'Max', last: 'Turner', team: 'Sales', left: true },
	{
		email: 'riley@example.com',
		first: 'Riley',
		last: 'Jordan',
		title: 'Account Executive',
		team: 'Sales',
	},
];

const DEACTIVATE: INodeParameters = { accountsNotInList: 'deactivate' };

async function sync(
	server: { baseUrl: string },
	rows: HrRow[],
	overrides: INodeParameters = {},
	options: { continueOnFail?: boolean; credentials?: Record<string, string> } = {},
) {
	return await runScim(server, syncParameters(overrides), rows, options);
}

describe('Sync With List · the generic SCIM node against a standards server', () => {
	test('applies every change from one read; the same list again sends zero writes, and a dry run after it plans nothing', async () => {
		await withScimServer({}, async (server) => {
			const { ana, max, old } = seedCompany(server);
			const run = await sync(server, HR, DEACTIVATE);
			expect(run.error).toBeUndefined();
			expect(outcomes(json(run))).toEqual({
				'ana@example.com': ['done', 'update', null],
				'max@example.com': ['done', 'deactivate', 'leaver'],
				'riley@example.com': ['done', 'create', null],
				'old.contractor@example.com': ['done', 'deactivate', 'notInList'],
			});
			expect(json(run)[0]).toMatchObject({
				changes: [{ field: 'title', from: 'Account Executive', to: 'Senior Account Executive' }],
				summary:
					'Updated ana@example.com in the SCIM service (title "Account Executive" → "Senior Account Executive")',
			});
			const { store } = server;
			expect(store.users.get(ana.id)?.title).toBe('Senior Account Executive');
			expect(groupsOf(store, ana.id)).toEqual(['Board', 'Sales']);
			for (const leaver of [max, old]) {
				expect(store.users.get(leaver.id)?.active).toBe(false);
				expect(groupsOf(store, leaver.id)).toEqual([]);
			}
			const [riley] = accountsNamed(store, 'riley@example.com');
			expect(riley).toMatchObject({
				name: { givenName: 'Riley', familyName: 'Jordan' },
				title: 'Account Executive',
			});
			expect(groupsOf(store, riley.id)).toEqual(['Sales']);

			const writesBefore = changing(server.requests).length;
			const again = await sync(server, HR, DEACTIVATE);
			expect(json(again)).toEqual([]);
			const preview = await sync(server, HR, { ...DEACTIVATE, options: { dryRun: true } });
			expect(json(preview)).toEqual([]);
			expect(changing(server.requests)).toHaveLength(writesBefore);
		});
	});

	test('a dry run sends no write, and its outcomes, plan id and planned requests are the real run’s, item for item', async () => {
		await withScimServer({}, async (server) => {
			seedCompany(server);
			const dry = json(await sync(server, HR, { ...DEACTIVATE, options: { dryRun: true } }));
			expect(changing(server.requests)).toEqual([]);
			const real = json(await sync(server, HR, DEACTIVATE));
			const created = accountsNamed(server.store, 'riley@example.com')[0].id;
			const sent = changing(server.requests).map(({ method, path, body }) =>
				JSON.parse(
					JSON.stringify({ method, path, body }).split(created).join('id-given-on-create'),
				),
			);
			const would: Record<string, string> = {
				wouldCreate: 'done',
				wouldUpdate: 'done',
				wouldDeactivate: 'done',
			};
			expect(
				dry.map((item) => [item.userName, item.action, would[String(item.outcome)], item.planId]),
			).toEqual(real.map((item) => [item.userName, item.action, item.outcome, item.planId]));
			const planned = dry.flatMap((item) =>
				(item.plannedRequests as unknown[]).map((request) =>
					JSON.parse(
						JSON.stringify(request).replace(/id-given-on-create-\d+/g, 'id-given-on-create'),
					),
				),
			);
			expect(new Set(planned.map((request) => JSON.stringify(request)))).toEqual(
				new Set(sent.map((request) => JSON.stringify(request))),
			);
			expect(planned).toHaveLength(sent.length);
			expect(real.every((item) => !('plannedRequests' in item))).toBe(true);
		});
	});

	test('an approved plan id applies that plan; after a change in the app it is refused as stale with zero writes', async () => {
		await withScimServer({}, async (server) => {
			const { ana } = seedCompany(server);
			const [approved] = json(await sync(server, HR, { options: { dryRun: true } }));
			server.store.users.get(ana.id)!.title = 'Sales Lead';
			const writesBefore = changing(server.requests).length;
			const stale = await sync(server, HR, {
				options: { expectedPlanId: String(approved.planId) },
			});
			expect(stale.error?.message).toMatch(
				new RegExp(
					`^The plan is stale: the SCIM service or the list changed since plan ${approved.planId} was made`,
				),
			);
			expect(changing(server.requests)).toHaveLength(writesBefore);
			expect(server.store.users.get(ana.id)?.title).toBe('Sales Lead');
			// With Continue On Fail the refusal is one item answering every input item, not the input passed on.
			const continuing = await sync(
				server,
				HR,
				{ options: { expectedPlanId: String(approved.planId) } },
				{ continueOnFail: true },
			);
			expect(continuing.items).toEqual([
				{
					json: { error: expect.stringMatching(/^The plan is stale/) },
					pairedItem: HR.map((_, item) => ({ item })),
				},
			]);
			expect(changing(server.requests)).toHaveLength(writesBefore);

			const [fresh] = json(await sync(server, HR, { options: { dryRun: true } }));
			const applied = await sync(server, HR, { options: { expectedPlanId: String(fresh.planId) } });
			expect(applied.error).toBeUndefined();
			expect(server.store.users.get(ana.id)?.title).toBe('Senior Account Executive');
		});
	});

	describe('brakes refuse the run before any write', () => {
		test('an input with no valid person is refused before any request at all', async () => {
			await withScimServer({}, async (server) => {
				seedCompany(server);
				const run = await sync(server, [{ email: '' }, { email: 'not an address' }], DEACTIVATE);
				expect(run.error?.message).toMatch(
					/^No input item is a valid person: a list with nobody in it is always refused/,
				);
				expect(run.error?.message).toContain('Item 1: “User Name” is empty');
				expect(server.requests).toEqual([]);
			});
		});

		test('the Change Limit counts accounts the plan takes something from, and names them', async () => {
			await withScimServer({}, async (server) => {
				seedCompany(server);
				const run = await sync(server, HR, { ...DEACTIVATE, options: { changeLimit: 1 } });
				expect(run.error?.message).toBe(
					'2 accounts would lose access or a group (2 deactivated), more than the Change Limit of 1: max@example.com, old.contractor@example.com. Nothing was changed',
				);
				expect(run.error?.description).toMatch(/raise “Change Limit” under Options to 2 or more/);
				expect(changing(server.requests)).toEqual([]);
			});
		});

		test('Max Share Deactivated (20% from 20 active accounts in scope) and a cut-off list', async () => {
			await withScimServer({}, async (server) => {
				const everyone = Array.from({ length: 30 }, (_, index) => `p${index}@example.com`);
				everyone.forEach((userName) => server.store.addUser({ userName }));
				const share = await sync(
					server,
					everyone.slice(0, 23).map((email) => ({ email })),
					DEACTIVATE,
				);
				expect(share.error?.message).toMatch(
					/^7 of 30 active accounts in scope \(23.3%\) would be deactivated, more than “Max Share Deactivated” of 20%/,
				);
				const cutOff = await sync(
					server,
					everyone.slice(0, 10).map((email) => ({ email })),
					{
						...DEACTIVATE,
						options: { maxShareDeactivated: 0, changeLimit: 0 },
					},
				);
				expect(cutOff.error?.message).toMatch(
					/^The list matches 10 of 30 active accounts in scope \(33.3%\): with “Accounts Not in the List” set to Deactivate, fewer than half looks like a cut-off export/,
				);
				expect(changing(server.requests)).toEqual([]);
				const reportOnly = await sync(
					server,
					everyone.slice(0, 10).map((email) => ({ email })),
				);
				expect(reportOnly.error).toBeUndefined();
				expect(json(reportOnly)).toHaveLength(20);
				expect(changing(server.requests)).toEqual([]);
			});
		});
	});

	test('a protected account absent from the list, written in any case, is never deactivated or removed', async () => {
		await withScimServer({}, async (server) => {
			seedCompany(server);
			const admin = server.store.addUser({ userName: 'it-breakglass@example.com' });
			server.store.groupByName('Sales')!.members.push({ value: admin.id });
			const run = await sync(server, HR, DEACTIVATE, {
				credentials: { protectedUsers: 'IT-Breakglass@EXAMPLE.com' },
			});
			expect(json(run).find((item) => item.userName === 'it-breakglass@example.com')).toMatchObject(
				{
					outcome: 'skipped',
					action: 'none',
					reason: 'protected',
				},
			);
			expect(server.store.users.get(admin.id)?.active).toBe(true);
			expect(groupsOf(server.store, admin.id)).toEqual(['Sales']);
			expect(
				changing(server.requests).filter((request) => JSON.stringify(request).includes(admin.id)),
			).toEqual([]);
		});
	});

	test('case-only differences make no write', async () => {
		await withScimServer({}, async (server) => {
			server.store.addUser({
				userName: 'Ana.Lima@Example.COM',
				givenName: 'Ana',
				familyName: 'Lima',
			});
			const run = await sync(
				server,
				[{ email: ' ana.lima@example.com ', first: 'Ana', last: 'Lima', team: '' }],
				DEACTIVATE,
			);
			expect(json(run)).toEqual([]);
			expect(changing(server.requests)).toEqual([]);
		});
	});

	test('renames by employee ID and by previous userName are one update each, in place', async () => {
		await withScimServer({}, async (server) => {
			const jane = server.store.addUser({
				userName: 'jane.doe@example.com',
				givenName: 'Jane',
				familyName: 'Doe',
				externalId: 'E-100',
			});
			const sam = server.store.addUser({
				userName: 'sam.old@example.com',
				givenName: 'Sam',
				familyName: 'Lee',
			});
			const rows = [
				{ email: 'jane.smith@example.com', first: 'Jane', last: 'Doe', employeeId: 'E-100' },
				{ email: 'sam@example.com', first: 'Sam', last: 'Lee', previous: 'Sam.Old@example.com' },
			];
			const held = await sync(server, rows, DEACTIVATE);
			expect(outcomes(json(held))).toEqual({
				'jane.doe@example.com': ['skipped', 'none', 'renameNotAllowed'],
				'sam.old@example.com': ['skipped', 'none', 'renameNotAllowed'],
			});
			expect(changing(server.requests)).toEqual([]);
			const renamed = await sync(server, rows, { ...DEACTIVATE, allowRenames: true });
			expect(outcomes(json(renamed))).toEqual({
				'jane.smith@example.com': ['done', 'rename', null],
				'sam@example.com': ['done', 'rename', null],
			});
			expect(changing(server.requests).map(({ method, path }) => `${method} ${path}`)).toEqual([
				`PATCH /Users/${jane.id}`,
				`PATCH /Users/${sam.id}`,
			]);
			expect(server.store.users.get(jane.id)?.userName).toBe('jane.smith@example.com');
			expect(server.store.users.get(sam.id)?.userName).toBe('sam@example.com');
			expect(server.store.users.size).toBe(2);
		});
	});

	test('a name-only match is held: the new address is not created and the old account not deactivated', async () => {
		await withScimServer({}, async (server) => {
			server.store.addUser({ userName: 'bo@example.com', givenName: 'Bo', familyName: 'Stone' });
			server.store.addUser({
				userName: 'jane.doe@example.com',
				givenName: 'Jane',
				familyName: 'Doe',
			});
			const run = await sync(
				server,
				[
					{ email: 'bo@example.com' },
					{ email: 'jane.smith@example.com', first: 'Jane', last: 'Doe' },
				],
				DEACTIVATE,
			);
			expect(outcomes(json(run))).toEqual({
				'jane.smith@example.com': ['skipped', 'none', 'possibleRename'],
				'jane.doe@example.com': ['skipped', 'none', 'possibleRename'],
			});
			expect(changing(server.requests)).toEqual([]);
		});
	});

	test('a recycled email (its account carries another employee ID) is a conflict: nothing is written to it', async () => {
		await withScimServer({}, async (server) => {
			const former = server.store.addUser({
				userName: 'alex@example.com',
				externalId: 'E-1',
				givenName: 'Alex',
				familyName: 'Old',
			});
			const run = await sync(
				server,
				[
					{
						email: 'alex@example.com',
						employeeId: 'E-2',
						first: 'Alex',
						last: 'New',
						title: 'Designer',
					},
				],
				DEACTIVATE,
			);
			// The person and the account are held as one item: the row's, naming the account.
			expect(run.items).toEqual([
				{
					json: expect.objectContaining({
						outcome: 'skipped',
						reason: 'conflict',
						id: former.id,
						error: expect.stringMatching(
							/belongs to employee ID "E-1", not "E-2" \(a recycled address\?\)/,
						),
					}),
					pairedItem: { item: 0 },
				},
			]);
			expect(changing(server.requests)).toEqual([]);
			expect(server.store.users.get(former.id)?.active).toBe(true);
		});
	});

	test('an account created meanwhile (409 on create) is adopted, never failed and never duplicated', async () => {
		let raced = false;
		const options: ScimServerOptions = {
			onRequest: (request, store) => {
				if (request.method === 'POST' && request.path === '/Users' && !raced) {
					raced = true;
					store.addUser({
						userName: 'riley@example.com',
						givenName: 'Riley',
						familyName: 'Jordan',
					});
				}
			},
		};
		await withScimServer(options, async (server) => {
			server.store.addGroup('Sales');
			const run = await sync(server, [
				{ email: 'riley@example.com', first: 'Riley', last: 'Jordan', team: 'Sales' },
			]);
			expect(run.error).toBeUndefined();
			const accounts = accountsNamed(server.store, 'riley@example.com');
			expect(accounts).toHaveLength(1);
			expect(json(run)).toEqual([
				expect.objectContaining({ outcome: 'done', action: 'create', id: accounts[0].id }),
			]);
			expect(groupsOf(server.store, accounts[0].id)).toEqual(['Sales']);
		});
	});

	test('an unmanaged group is untouched; Add Only never removes; an account on another domain is out of scope', async () => {
		await withScimServer({}, async (server) => {
			const { ana, bo } = seedCompany(server);
			const partner = server.store.addUser({ userName: 'partner@agency.example' });
			server.store.groupByName('Sales')!.members.push({ value: bo.id }, { value: partner.id });
			const rows = HR.filter((row) => row.email !== 'max@example.com');
			const addOnly = await sync(server, rows, { ...DEACTIVATE, groupMembership: 'addOnly' });
			expect(addOnly.error).toBeUndefined();
			expect(groupsOf(server.store, bo.id)).toEqual(['Engineering', 'Sales']);
			expect(groupsOf(server.store, ana.id)).toEqual(['Board', 'Sales']);
			expect(server.store.users.get(partner.id)?.active).toBe(true);
			expect(groupsOf(server.store, partner.id)).toEqual(['Sales']);
			const exact = await sync(server, rows, DEACTIVATE);
			expect(exact.error).toBeUndefined();
			expect(groupsOf(server.store, bo.id)).toEqual(['Engineering']);
			expect(groupsOf(server.store, ana.id)).toEqual(['Board', 'Sales']);
			expect(
				json(exact).find((item) => item.userName === 'partner@agency.example'),
			).toBeUndefined();
			expect(server.store.users.get(partner.id)?.active).toBe(true);
		});
	});

	test('bad input holds only the person concerned, naming the item and the field; everyone else is applied', async () => {
		await withScimServer({}, async (server) => {
			seedCompany(server);
			const rows: HrRow[] = [
				...HR,
				{ email: '' },
				{ email: 'two words@example.com' },
				{ email: 'sam@example.com', team: 'No Such Team' },
				{ email: 'kim@example.com', left: 'maybe' },
				{ email: 'old.contractor@example.com', left: 'perhaps' },
			];
			const run = await sync(server, rows, DEACTIVATE);
			expect(run.error).toBeUndefined();
			const held = json(run).filter((item) => item.reason === 'invalid');
			expect(held.map((item) => item.error)).toEqual(
				[
					'Item 5: “User Name” is empty',
					'Item 6: “User Name” has spaces or control characters: "two words@example.com"',
					'“Groups” names "No Such Team", which does not exist in the SCIM service: create it there, or turn on “Create Missing Groups”',
					'Item 8: “Leaver” must be true or false, not "maybe"',
					'Item 9: “Leaver” must be true or false, not "perhaps"',
				].map((message) => expect.stringContaining(message)),
			);
			// The contractor's account, which that row names, is held with it, on the row's one item.
			expect(held[4]).toMatchObject({
				userName: 'old.contractor@example.com',
				id: accountsNamed(server.store, 'old.contractor@example.com')[0].id,
			});
			// The contractor's row could not be read: their account is held, not deactivated.
			expect(accountsNamed(server.store, 'old.contractor@example.com')[0].active).toBe(true);
			expect(accountsNamed(server.store, 'sam@example.com')).toEqual([]);
			expect(accountsNamed(server.store, 'riley@example.com')).toHaveLength(1);
		});
	});

	test('each item’s expressions read as n8n reads them: plain ones together, text around an expression, a date, and one that fails holds only its item', async () => {
		await withScimServer({}, async (server) => {
			const run = await sync(
				server,
				[
					{ email: 'ana@example.com', first: 'Ana', last: 'Lima' },
					{ email: 'bo@example.com', first: 'Bo', last: 'Stone', broken: true },
				],
				{
					fields: {
						givenName: "={{ $json.broken ? $('No Such Node').item.json.first : $json.first }}",
						familyName: '={{ $json.last }}-Smith',
						title: "={{ DateTime.fromISO('2026-03-01').toISODate() }}",
					},
				},
			);
			expect(run.error).toBeUndefined();
			expect(json(run).map((item) => [item.userName, item.action, item.reason])).toEqual([
				['ana@example.com', 'create', null],
				['bo@example.com', 'none', 'invalid'],
			]);
			expect(json(run)[1].error).toBe(
				"Item 2: “Fields” could not be read: Referenced node doesn't exist",
			);
			expect(accountsNamed(server.store, 'ana@example.com')[0]).toMatchObject({
				name: { givenName: 'Ana', familyName: 'Lima-Smith' },
				title: '2026-03-01',
			});
		});
	});

	test('identical rows merge; rows naming one person differently are a conflict for both', async () => {
		await withScimServer({}, async (server) => {
			seedCompany(server);
			const run = await sync(server, [
				{ email: 'riley@example.com', first: 'Riley', team: 'Sales' },
				{ email: 'RILEY@example.com ', first: 'Riley', team: 'sales' },
				{ email: 'bo@example.com', title: 'Engineer' },
				{ email: 'bo@example.com', title: 'Lead Engineer' },
			]);
			const items = run.items;
			expect(items.map((item) => [item.json.userName, item.json.reason, item.pairedItem])).toEqual([
				['riley@example.com', null, [{ item: 0 }, { item: 1 }]],
				['bo@example.com', 'conflict', { item: 2 }],
				['bo@example.com', 'conflict', { item: 3 }],
				// Accounts no row names claim no row.
				['ana@example.com', 'notInList', []],
				['bo@example.com', 'conflict', []],
				['max@example.com', 'notInList', []],
				['old.contractor@example.com', 'notInList', []],
			]);
			expect(accountsNamed(server.store, 'riley@example.com')).toHaveLength(1);
			expect(
				server.store.users.get(accountsNamed(server.store, 'bo@example.com')[0].id)?.title,
			).toBe('Engineer');
		});
	});

	test('a write that fails fails the node at the end, naming who, after the rest was applied; with Continue On Fail it is that person’s item', async () => {
		for (const continueOnFail of [false, true]) {
			// Ana's account is removed by someone else just as her update arrives.
			const server = await startScimServer({
				onRequest: (request, store) => {
					const ana = store.userByName('ana@example.com');
					if (ana && request.method === 'PATCH' && request.path === `/Users/${ana.id}`)
						store.removeUser(ana.id);
				},
			});
			try {
				seedCompany(server);
				const run = await sync(server, HR, {}, { continueOnFail });
				expect(accountsNamed(server.store, 'max@example.com')[0].active).toBe(false);
				expect(accountsNamed(server.store, 'riley@example.com')).toHaveLength(1);
				if (!continueOnFail) {
					expect(run.error?.message).toMatch(
						/^1 change in the SCIM service did not go through: ana@example.com: SCIM PATCH \/Users\/[^ ]+ failed with 404/,
					);
					expect(run.error?.description).toMatch(/^Everything else was applied/);
				} else {
					expect(json(run)[0]).toMatchObject({
						outcome: 'failed',
						userName: 'ana@example.com',
						summary: expect.stringMatching(
							/^Could not update ana@example.com in the SCIM service: SCIM PATCH/,
						),
						error: expect.stringMatching(/failed with 404/),
					});
				}
			} finally {
				await server.close();
			}
		}
	});

	test('the summary output counts actions and outcomes, shows each brake with its limit, and the requests it took', async () => {
		await withScimServer({}, async (server) => {
			seedCompany(server);
			const run = await sync(server, HR, {
				...DEACTIVATE,
				options: { output: 'summary', dryRun: true },
			});
			const [summary] = json(run);
			expect(summary).toMatchObject({
				dryRun: true,
				counts: {
					actions: { update: 1, deactivate: 2, create: 1, none: 2 },
					outcomes: { wouldUpdate: 1, wouldDeactivate: 2, wouldCreate: 1, skipped: 2 },
				},
				brakes: [
					{ name: 'emptyInput', limit: 1, planned: 4, tripped: false },
					{ name: 'changeLimit', limit: 100, planned: 2, tripped: false },
					{ name: 'maxShareDeactivated', limit: 20, planned: 50, tripped: false },
					{ name: 'cutOffInput', limit: 50, planned: 75, tripped: false },
				],
				input: { items: 4, people: 4, leavers: 1, invalid: 0, conflicting: 0, merged: 0 },
				app: { accounts: 5, active: 4, activeInScope: 4, activeInScopeMatched: 3, groups: 3 },
				requests: { writes: 0, rateLimited: 0 },
			});
			expect(summary.planId).toMatch(/^[0-9a-f]{64}$/);
			expect((summary.requests as { reads: number }).reads).toBeGreaterThan(0);
			expect(run.items[0].pairedItem).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		});
	});
});
