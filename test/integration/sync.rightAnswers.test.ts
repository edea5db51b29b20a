import type { INodeParameters } from 'n8n-workflow';

import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import type { RunningScimServer, ScimServerOptions } from '../servers/scimmyServer';
import { groupsOf, json, runScim, runVendor, withScimServer } from './fixtures';
import { accountsNamed, changing, outcomes, syncParameters } from './sync.fixtures';
import type { HrRow } from './sync.fixtures';
import { useSimulator } from './vendors.fixtures';

/**
 * Eleven answers Sync With List once got wrong, each as it must behave: the employee ID
 * linked on every account it matches, rows that cannot be used still protecting their
 * accounts, leavers deactivated whatever a group write does, half-finished creates
 * finished, inactive renames reactivated, plan IDs covering every value and no order,
 * namesakes that do not block for ever, items paired to their rows, 409s adopting only
 * the account meant, and sheets' TRUE and FALSE.
 */

const DEACTIVATE: INodeParameters = { accountsNotInList: 'deactivate' };

async function sync(
	server: { baseUrl: string },
	rows: HrRow[],
	overrides: INodeParameters = {},
	options: { continueOnFail?: boolean } = {},
) {
	return await runScim(server, syncParameters(overrides), rows, options);
}

async function withServer(body: (server: RunningScimServer) => Promise<void>) {
	await withScimServer({}, body);
}

describe('Sync With List · the employee ID is stored on every account it is matched to', () => {
	test('an account that predates Sync is linked by a planned, shown update; after its owner leaves, a new hire given the address is a conflict, not a reactivation', async () => {
		await withServer(async (server) => {
			const { store } = server;
			const alex = store.addUser({
				userName: 'alex@example.com',
				givenName: 'Alex',
				familyName: 'Old',
			});
			store.addGroup('Finance', [alex.id]);
			const row = { email: 'alex@example.com', employeeId: 'E-1', first: 'Alex', last: 'Old' };

			const preview = json(await sync(server, [row], { options: { dryRun: true } }));
			expect(preview).toEqual([
				expect.objectContaining({
					outcome: 'wouldUpdate',
					action: 'update',
					changes: [{ field: 'externalId', from: null, to: 'E-1' }],
				}),
			]);
			const linked = await sync(server, [row], {
				options: { expectedPlanId: String(preview[0].planId) },
			});
			expect(outcomes(json(linked))).toEqual({ 'alex@example.com': ['done', 'update', null] });
			expect(store.users.get(alex.id)?.externalId).toBe('E-1');

			await sync(server, [{ ...row, left: true }]);
			expect(store.users.get(alex.id)?.active).toBe(false);

			const writesBefore = changing(server.requests).length;
			const rehired = await sync(server, [
				{ email: 'alex@example.com', employeeId: 'E-2', first: 'Alex', last: 'New' },
			]);
			expect(json(rehired)).toEqual([
				expect.objectContaining({
					outcome: 'skipped',
					reason: 'conflict',
					id: alex.id,
					error: expect.stringMatching(/belongs to employee ID "E-1", not "E-2"/),
				}),
			]);
			expect(changing(server.requests)).toHaveLength(writesBefore);
			expect(store.users.get(alex.id)).toMatchObject({ active: false, externalId: 'E-1' });
			expect(groupsOf(store, alex.id)).toEqual(['Finance']);
		});
	});

	test('a marriage rename of an account that predates Sync is one rename, not a create and a deactivation', async () => {
		await withServer(async (server) => {
			const { store } = server;
			const jane = store.addUser({
				userName: 'jane.doe@example.com',
				givenName: 'Jane',
				familyName: 'Doe',
			});
			store.addUser({ userName: 'bo@example.com', givenName: 'Bo', familyName: 'Stone' });
			const bo = { email: 'bo@example.com', employeeId: 'E-2', first: 'Bo', last: 'Stone' };
			await sync(
				server,
				[{ email: 'jane.doe@example.com', employeeId: 'E-1', first: 'Jane', last: 'Doe' }, bo],
				DEACTIVATE,
			);
			expect(store.users.get(jane.id)?.externalId).toBe('E-1');

			const writesBefore = changing(server.requests).length;
			const married = await sync(
				server,
				[{ email: 'jane.smith@example.com', employeeId: 'E-1', first: 'Jane', last: 'Smith' }, bo],
				{ ...DEACTIVATE, allowRenames: true },
			);
			expect(outcomes(json(married))).toEqual({
				'jane.smith@example.com': ['done', 'rename', null],
			});
			expect(
				changing(server.requests)
					.slice(writesBefore)
					.map(({ method, path }) => `${method} ${path}`),
			).toEqual([`PATCH /Users/${jane.id}`]);
			expect(store.users.get(jane.id)).toMatchObject({
				userName: 'jane.smith@example.com',
				active: true,
				name: { givenName: 'Jane', familyName: 'Smith' },
			});
			expect(store.users.size).toBe(2);
		});
	});

	test('where a service’s /Schemas make externalId immutable, nothing is linked and an inactive account found only by its address is held', async () => {
		await withScimServer({ immutableExternalId: true }, async (server) => {
			const former = server.store.addUser({ userName: 'sam@example.com', active: false });
			server.store.addUser({ userName: 'kim@example.com' });
			const run = await sync(server, [
				{ email: 'sam@example.com', employeeId: 'E-7' },
				{ email: 'kim@example.com', employeeId: 'E-8' },
			]);
			expect(run.error).toBeUndefined();
			expect(outcomes(json(run))).toEqual({ 'sam@example.com': ['skipped', 'none', 'conflict'] });
			expect(changing(server.requests)).toEqual([]);
			expect(server.store.users.get(former.id)?.active).toBe(false);
		});
	});

	describe('where the vendor cannot store an employee ID on an existing account (LeadIQ)', () => {
		const leadIq = useSimulator(async () => await startLeadIqSimulator());

		test('nothing is linked, and an inactive account found only by its address is held, not reactivated', async () => {
			const former = leadIq().addUser({
				userName: 'sam@example.com',
				givenName: 'Sam',
				familyName: 'Lee',
				active: false,
			});
			const active = leadIq().addUser({
				userName: 'kim@example.com',
				givenName: 'Kim',
				familyName: 'Park',
			});
			const run = await runVendor(
				'leadIq',
				leadIq(),
				syncParameters({ attributesToSync: ['givenName', 'familyName'] }),
				[
					{ email: 'sam@example.com', employeeId: 'E-7', first: 'Sam', last: 'Lee' },
					{ email: 'kim@example.com', employeeId: 'E-8', first: 'Kim', last: 'Park' },
				],
			);
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([
				expect.objectContaining({
					userName: 'sam@example.com',
					outcome: 'skipped',
					reason: 'conflict',
					summary: expect.stringMatching(
						/Not reactivated: the account was found by its address only, and LeadIQ cannot store an Employee ID on an existing account/,
					),
				}),
			]);
			expect(changing(leadIq().requests)).toEqual([]);
			expect(leadIq().store.users.get(former.id)?.active).toBe(false);
			expect(leadIq().store.users.get(active.id)?.externalId).toBeUndefined();
		});
	});
});

describe('Sync With List · a row that cannot be used still protects every account it names', () => {
	test('a blank userName with an Employee ID, an invalid one with Previous User Names, and a Leaver that does not read: their accounts are held, not deactivated as not in the list', async () => {
		await withServer(async (server) => {
			const { store } = server;
			const byId = store.addUser({ userName: 'ana@example.com', externalId: 'E-5' });
			const byPrevious = store.addUser({ userName: 'bo.old@example.com' });
			const byName = store.addUser({ userName: 'cy@example.com' });
			const gone = store.addUser({ userName: 'gone@example.com' });
			const rows: HrRow[] = [
				{ email: 'stays@example.com' },
				{ email: '', employeeId: 'E-5' },
				{ email: 'bo new@example.com', previous: 'bo.old@example.com' },
				{ email: 'cy@example.com', left: 'perhaps' },
			];
			const run = await sync(server, rows, {
				...DEACTIVATE,
				options: { maxShareDeactivated: 0 },
			});
			expect(run.error).toBeUndefined();
			expect(
				run.items.map(({ json: item, pairedItem }) => [
					item.userName,
					item.reason,
					item.id,
					pairedItem,
				]),
			).toEqual([
				['stays@example.com', null, expect.any(String), { item: 0 }],
				[null, 'invalid', byId.id, { item: 1 }],
				['bo new@example.com', 'invalid', byPrevious.id, { item: 2 }],
				['cy@example.com', 'invalid', byName.id, { item: 3 }],
				['gone@example.com', 'notInList', gone.id, []],
			]);
			for (const held of [byId, byPrevious, byName])
				expect(store.users.get(held.id)?.active).toBe(true);
			expect(store.users.get(gone.id)?.active).toBe(false);
		});
	});
});

describe('Sync With List · a leaver is deactivated even when a group write fails', () => {
	test('a 5xx on the group write: deactivated anyway, the item says both, and the next run finishes the removal', async () => {
		let refuseGroupWrites = true;
		const options: ScimServerOptions = {
			onRequest: (request) =>
				refuseGroupWrites && request.method !== 'GET' && request.path.startsWith('/Groups/')
					? { status: 503 }
					: undefined,
		};
		await withScimServer(options, async (server) => {
			const { store } = server;
			const max = store.addUser({ userName: 'max@example.com' });
			const ana = store.addUser({ userName: 'ana@example.com' });
			store.addGroup('Sales', [max.id, ana.id]);
			const rows: HrRow[] = [
				{ email: 'max@example.com', team: 'Sales', left: true },
				{ email: 'ana@example.com', team: 'Sales' },
			];
			const run = await sync(server, rows, {}, { continueOnFail: true });
			expect(json(run)).toEqual([
				expect.objectContaining({
					userName: 'max@example.com',
					outcome: 'failed',
					action: 'deactivate',
					error: expect.stringMatching(/^deactivated; could not remove them from Sales: /),
					// What went through, as data: the deactivation.
					stepsDone: ['deactivate'],
					summary: expect.stringMatching(
						/^max@example.com in the SCIM service: deactivated; could not remove them from Sales: /,
					),
				}),
			]);
			expect(store.users.get(max.id)?.active).toBe(false);
			expect(groupsOf(store, max.id)).toEqual(['Sales']);

			refuseGroupWrites = false;
			const next = await sync(server, rows);
			expect(outcomes(json(next))).toEqual({ 'max@example.com': ['done', 'groups', 'leaver'] });
			expect(groupsOf(store, max.id)).toEqual([]);
			expect(json(await sync(server, rows))).toEqual([]);
		});
	});

	test('without Continue On Fail the node fails at the end, saying the leaver was deactivated', async () => {
		let refuse = true;
		await withScimServer(
			{
				onRequest: (request) =>
					refuse && request.method === 'PATCH' && request.path.startsWith('/Groups/')
						? { status: 503 }
						: undefined,
			},
			async (server) => {
				const max = server.store.addUser({ userName: 'max@example.com' });
				const ana = server.store.addUser({ userName: 'ana@example.com' });
				server.store.addGroup('Sales', [max.id, ana.id]);
				const run = await sync(server, [
					{ email: 'max@example.com', left: true },
					{ email: 'ana@example.com', team: 'Sales' },
				]);
				refuse = false;
				expect(run.error?.message).toMatch(
					/^1 change in the SCIM service did not go through: max@example.com: deactivated; could not remove them from Sales/,
				);
				expect(server.store.users.get(max.id)?.active).toBe(false);
			},
		);
	});
});

describe('Sync With List · Leapsome: a half-finished create is finished by the next run', () => {
	let refuseFirstPatch = true;
	const leapsome = useSimulator(async () => {
		refuseFirstPatch = true;
		return await startLeapsomeSimulator({
			onRequest: (request) => {
				if (refuseFirstPatch && request.method === 'PATCH' && request.path.startsWith('/Users/')) {
					refuseFirstPatch = false;
					return { status: 400 };
				}
				return undefined;
			},
		});
	});
	const FIELDS: INodeParameters = {
		fields: {
			givenName: "={{ $json.first ?? '' }}",
			familyName: "={{ $json.last ?? '' }}",
			department: "={{ $json.department ?? '' }}",
			manager: "={{ $json.manager ?? '' }}",
		},
	};
	const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

	test('the department and manager the second write did not set are filled in; a value that is there is never overwritten', async () => {
		const store = leapsome().store;
		const lead = leapsome().addUser({
			userName: 'lead@example.com',
			givenName: 'Lea',
			familyName: 'Lead',
		});
		const ops = leapsome().addUser({
			userName: 'ops@example.com',
			givenName: 'Oli',
			familyName: 'Ops',
		});
		(store.users.get(ops.id) as Record<string, unknown>)[ENTERPRISE] = { department: 'Operations' };
		const rows: HrRow[] = [
			{ email: 'lead@example.com', first: 'Lea', last: 'Lead' },
			{ email: 'ops@example.com', first: 'Oli', last: 'Ops', department: 'Sales' },
			{
				email: 'neo@example.com',
				first: 'Neo',
				last: 'New',
				department: 'Sales',
				manager: 'lead@example.com',
			},
		];
		const first = await runVendor('leapsome', leapsome(), syncParameters(FIELDS), rows, {
			continueOnFail: true,
		});
		expect(outcomes(json(first))).toEqual({ 'neo@example.com': ['failed', 'create', null] });
		const [neo] = accountsNamed(store, 'neo@example.com');
		expect(neo[ENTERPRISE]).toBeUndefined();

		const second = await runVendor('leapsome', leapsome(), syncParameters(FIELDS), rows);
		expect(second.error).toBeUndefined();
		expect(json(second)).toEqual([
			expect.objectContaining({
				userName: 'neo@example.com',
				outcome: 'done',
				action: 'update',
				changes: [
					{ field: 'department', from: null, to: 'Sales' },
					{ field: 'manager', from: null, to: 'lead@example.com' },
				],
			}),
		]);
		expect(store.users.get(neo.id)?.[ENTERPRISE]).toMatchObject({
			department: 'Sales',
			manager: lead.id,
		});
		// Department is not kept in sync: the value Ops has stays.
		expect(store.users.get(ops.id)?.[ENTERPRISE]).toMatchObject({ department: 'Operations' });
		expect(json(await runVendor('leapsome', leapsome(), syncParameters(FIELDS), rows))).toEqual([]);
	});
});

describe('Sync With List · a rename of an inactive account also reactivates it, in one run', () => {
	test('the dry run says so, the run does both, and the same run again sends nothing', async () => {
		await withServer(async (server) => {
			const { store } = server;
			const jo = store.addUser({
				userName: 'jo.old@example.com',
				externalId: 'E-9',
				givenName: 'Jo',
				familyName: 'Lin',
				active: false,
			});
			const rows = [{ email: 'jo@example.com', employeeId: 'E-9', first: 'Jo', last: 'Lin' }];
			const preview = json(
				await sync(server, rows, { allowRenames: true, options: { dryRun: true } }),
			);
			expect(preview).toEqual([
				expect.objectContaining({
					outcome: 'wouldRename',
					changes: [
						{ field: 'userName', from: 'jo.old@example.com', to: 'jo@example.com' },
						{ field: 'active', from: false, to: true },
					],
					summary:
						'Would rename jo.old@example.com to jo@example.com in the SCIM service (active false → true)',
				}),
			]);
			const run = await sync(server, rows, { allowRenames: true });
			expect(outcomes(json(run))).toEqual({ 'jo@example.com': ['done', 'rename', null] });
			expect(store.users.get(jo.id)).toMatchObject({ userName: 'jo@example.com', active: true });
			const writesBefore = changing(server.requests).length;
			expect(json(await sync(server, rows, { allowRenames: true }))).toEqual([]);
			expect(changing(server.requests)).toHaveLength(writesBefore);
		});
	});
});

describe('Sync With List · the plan ID', () => {
	const leapsome = useSimulator(async () => await startLeapsomeSimulator());
	const COST_CENTRE = (value: string): INodeParameters => ({
		fields: {
			givenName: "={{ $json.first ?? '' }}",
			familyName: "={{ $json.last ?? '' }}",
			customAttributes: { attribute: [{ id: 'costCentre', value }] },
		},
	});

	test('covers every value a real run writes: a custom attribute set only at create changes it', async () => {
		const rows: HrRow[] = [{ email: 'neo@example.com', first: 'Neo', last: 'New' }];
		const [approved] = json(
			await runVendor(
				'leapsome',
				leapsome(),
				syncParameters({ ...COST_CENTRE('CC-1'), options: { dryRun: true } }),
				rows,
			),
		);
		expect(approved.changes).toContainEqual({
			field: 'customAttribute:costCentre',
			from: null,
			to: 'CC-1',
		});
		const other = await runVendor(
			'leapsome',
			leapsome(),
			syncParameters({
				...COST_CENTRE('CC-999'),
				options: { expectedPlanId: String(approved.planId) },
			}),
			rows,
		);
		expect(other.error?.message).toMatch(/^The plan is stale/);
		expect(changing(leapsome().requests)).toEqual([]);
	});

	test('does not depend on the order of the rows or of a person’s groups', async () => {
		await withServer(async (server) => {
			server.store.addGroup('Sales');
			server.store.addGroup('Engineering');
			server.store.addUser({ userName: 'ana@example.com' });
			const rows: HrRow[] = [
				{ email: 'ana@example.com', team: 'Sales, Engineering' },
				{ email: 'bo@example.com', team: 'Engineering' },
				{ email: 'cy@example.com', team: ['Sales', 'Engineering'] },
			];
			const shuffled: HrRow[] = [
				{ email: 'cy@example.com', team: ['Engineering', 'Sales'] },
				{ email: 'ana@example.com', team: 'Engineering, Sales' },
				{ email: 'bo@example.com', team: 'Engineering' },
			];
			const planOf = async (input: HrRow[]) =>
				json(await sync(server, input, { options: { dryRun: true, output: 'summary' } }))[0].planId;
			const approved = await planOf(rows);
			expect(await planOf(shuffled)).toBe(approved);
			const applied = await sync(server, shuffled, {
				options: { expectedPlanId: String(approved) },
			});
			expect(applied.error).toBeUndefined();
			expect(groupsOf(server.store, accountsNamed(server.store, 'cy@example.com')[0].id)).toEqual([
				'Engineering',
				'Sales',
			]);
		});
	});
});

describe('Sync With List · a plan step and an apply step with different settings', () => {
	test('the apply is refused as stale, saying the settings differ, not that the app or the list changed', async () => {
		await withServer(async (server) => {
			server.store.addUser({ userName: 'ana@example.com' });
			const rows: HrRow[] = [{ email: 'bo@example.com' }];
			const [approved] = json(await sync(server, rows, { options: { dryRun: true } }));
			const refused = await sync(server, rows, {
				accountsNotInList: 'deactivate',
				options: { expectedPlanId: String(approved.planId), maxShareDeactivated: 0 },
			});
			expect(refused.error?.message).toMatch(
				/^The plan is stale: this step’s settings differ from the ones plan [0-9a-f]{64} was made with/,
			);
			expect(changing(server.requests)).toEqual([]);
		});
	});
});

describe('Sync With List · an inactive namesake does not block a new hire', () => {
	test('an inactive account without an Employee ID is no rename candidate for a person whose Employee ID no account holds; an active one is held with a way out that works', async () => {
		await withServer(async (server) => {
			const { store } = server;
			const old = store.addUser({
				userName: 'jsmith@example.com',
				givenName: 'John',
				familyName: 'Smith',
				active: false,
			});
			const twin = store.addUser({
				userName: 'ann.lee@example.com',
				givenName: 'Ann',
				familyName: 'Lee',
			});
			const rows: HrRow[] = [
				{ email: 'john.smith@example.com', employeeId: 'E-777', first: 'John', last: 'Smith' },
				{ email: 'ann.lee2@example.com', employeeId: 'E-778', first: 'Ann', last: 'Lee' },
			];
			const run = await sync(server, rows);
			expect(outcomes(json(run))).toMatchObject({
				'john.smith@example.com': ['done', 'create', null],
				'ann.lee2@example.com': ['skipped', 'none', 'possibleRename'],
			});
			expect(store.users.get(old.id)?.active).toBe(false);
			const held = json(run).find((item) => item.userName === 'ann.lee2@example.com');
			expect(held?.summary).toMatch(/if not, deactivate that account$/);
			// The way out the hold names: deactivate the old account; the next run creates the new hire.
			store.users.get(twin.id)!.active = false;
			expect(outcomes(json(await sync(server, rows)))).toMatchObject({
				'ann.lee2@example.com': ['done', 'create', null],
			});
		});
	});
});

describe('Sync With List · a create answered 409 adopts only the account it was meant for', () => {
	const racing = (seed: Record<string, unknown>): ScimServerOptions => {
		let raced = false;
		return {
			onRequest: (request, store) => {
				if (request.method === 'POST' && request.path === '/Users' && !raced) {
					raced = true;
					store.addUser({ userName: 'riley@example.com', ...seed });
				}
			},
		};
	};

	test('an inactive account whose externalId names another employee is a conflict: not adopted, not reactivated, not grouped', async () => {
		await withScimServer(racing({ active: false, externalId: 'E-1' }), async (server) => {
			server.store.addGroup('Sales');
			const run = await sync(
				server,
				[{ email: 'riley@example.com', employeeId: 'E-2', team: 'Sales' }],
				{},
				{ continueOnFail: true },
			);
			const [riley] = accountsNamed(server.store, 'riley@example.com');
			expect(json(run)).toEqual([
				expect.objectContaining({
					outcome: 'failed',
					action: 'create',
					error: expect.stringMatching(
						/already has an account with userName "riley@example.com" \(created meanwhile\?\), and it was not taken over: .*belongs to employee ID "E-1", not "E-2"/,
					),
				}),
			]);
			expect(riley).toMatchObject({ active: false, externalId: 'E-1' });
			expect(groupsOf(server.store, riley.id)).toEqual([]);
		});
	});

	test('an inactive account without one is reactivated as planned for it (Reactivate Returning Users), linked and grouped; with that setting off it is held', async () => {
		await withScimServer(racing({ active: false }), async (server) => {
			server.store.addGroup('Sales');
			const run = await sync(server, [
				{ email: 'riley@example.com', employeeId: 'E-2', team: 'Sales' },
			]);
			expect(run.error).toBeUndefined();
			const [riley] = accountsNamed(server.store, 'riley@example.com');
			expect(json(run)).toEqual([
				expect.objectContaining({
					outcome: 'done',
					action: 'create',
					id: riley.id,
					summary: expect.stringMatching(
						/^riley@example.com already had an account in the SCIM service when it was to be created\. Reactivated/,
					),
				}),
			]);
			expect(riley).toMatchObject({ active: true, externalId: 'E-2' });
			expect(groupsOf(server.store, riley.id)).toEqual(['Sales']);
		});
		await withScimServer(racing({ active: false }), async (server) => {
			const run = await sync(
				server,
				[{ email: 'riley@example.com' }],
				{ reactivateReturning: false },
				{ continueOnFail: true },
			);
			expect(json(run)[0]).toMatchObject({
				outcome: 'failed',
				error: expect.stringMatching(
					/not taken over: Not reactivated: “Reactivate Returning Users” is off/,
				),
			});
			expect(accountsNamed(server.store, 'riley@example.com')[0].active).toBe(false);
		});
	});
});

describe('Sync With List · Leaver as sheets and CSV exports write it', () => {
	test('TRUE, FALSE, yes and no are read in any case; anything else is invalid, naming the value', async () => {
		await withServer(async (server) => {
			for (const userName of ['a', 'b', 'c', 'd', 'e'])
				server.store.addUser({ userName: `${userName}@example.com` });
			const run = await sync(server, [
				{ email: 'a@example.com', left: 'TRUE' },
				{ email: 'b@example.com', left: 'FALSE' },
				{ email: 'c@example.com', left: 'Yes' },
				{ email: 'd@example.com', left: ' no ' },
				{ email: 'e@example.com', left: '1' },
			]);
			expect(run.error).toBeUndefined();
			expect(outcomes(json(run))).toEqual({
				'a@example.com': ['done', 'deactivate', 'leaver'],
				'c@example.com': ['done', 'deactivate', 'leaver'],
				'e@example.com': ['skipped', 'none', 'invalid'],
			});
			expect(json(run)[2].error).toBe('Item 5: “Leaver” must be true or false, not "1"');
			expect(accountsNamed(server.store, 'b@example.com')[0].active).toBe(true);
		});
	});
});

describe('Sync With List · Only Leavers: a leaver held as a conflict is answered so', () => {
	test('a leaver with a second, differing row (a stale active one) stays active; the item says conflict, with the rows, for the template to tell a person', async () => {
		await withScimServer({}, async (server) => {
			const { store } = server;
			const max = store.addUser({ userName: 'max@example.com', externalId: 'E-1' });
			store.addUser({ userName: 'ana@example.com', externalId: 'E-2' });
			store.addGroup('Sales', [max.id]);
			const rows: HrRow[] = [
				{ email: 'max@example.com', employeeId: 'E-1', team: 'Sales', left: true },
				{ email: 'max@example.com', employeeId: 'E-1', team: 'Sales', left: false, title: 'AE' },
				{ email: 'ana@example.com', employeeId: 'E-2', team: 'Sales' },
			];
			const run = await runScim(
				server,
				syncParameters({ accountsNotInList: 'deactivate', options: { apply: 'leaversOnly' } }),
				rows,
				{ continueOnFail: true },
			);
			expect(store.users.get(max.id)?.active).toBe(true);
			const held = json(run).filter((item) => item.userName === 'max@example.com');
			expect(held.length).toBeGreaterThan(0);
			for (const item of held)
				expect(item).toMatchObject({
					outcome: 'skipped',
					action: 'none',
					reason: 'conflict',
					error: expect.stringMatching(/name the same person .* differently/),
				});
		});
	});
});
