import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { startRewritingProxy } from '../servers/rewritingProxy';
import { startScimServer } from '../servers/scimmyServer';
import type { RunningScimServer, ScimServerOptions } from '../servers/scimmyServer';
import { byUserName, groupsOf, json, runScim, runVendor, withScimServer } from './fixtures';
import { accountsNamed, changing, outcomes, syncParameters } from './sync.fixtures';
import type { HrRow } from './sync.fixtures';
import { useSimulator } from './vendors.fixtures';

/**
 * What a skeptical review of Sync With List found, each as it must behave: services that
 * are not ours, rows repeated in another case, switches filled by expressions, a manager
 * nobody knows, a recycled address beside a rename, and a dry run of whole lists.
 */

describe('Sync With List · a recycled address given to a new hire while its owner is renamed', () => {
	test('the employee ID wins: the owner (E-1) is renamed in place, email and all; the new hire (E-2) waits, and the next run creates their account', async () => {
		const parameters = syncParameters({
			allowRenames: true,
			attributesToSync: ['givenName', 'familyName', 'email'],
			fields: {
				givenName: '={{ $json.first }}',
				familyName: '={{ $json.last }}',
				email: '={{ $json.email }}',
			},
		});
		await withScimServer({}, async (server) => {
			const jane = server.store.addUser({
				userName: 'jane.doe@example.com',
				externalId: 'E-1',
				givenName: 'Jane',
				familyName: 'Doe',
			});
			const rows: HrRow[] = [
				{ email: 'jane.smith@example.com', employeeId: 'E-1', first: 'Jane', last: 'Smith' },
				{ email: 'jane.doe@example.com', employeeId: 'E-2', first: 'Jane', last: 'Doe' },
			];
			const first = await runScim(server, parameters, rows);
			expect(outcomes(json(first))).toEqual({
				'jane.smith@example.com': ['done', 'rename', null],
				'jane.doe@example.com': ['skipped', 'none', 'conflict'],
			});
			expect(json(first)[1].error).toMatch(
				/belongs to employee ID "E-1", not "E-2" \(a recycled address\?\): nothing is done for this person while that account has the address/,
			);
			expect(server.store.users.get(jane.id)).toMatchObject({
				userName: 'jane.smith@example.com',
				externalId: 'E-1',
			});
			const second = await runScim(server, parameters, rows);
			expect(outcomes(json(second))).toEqual({ 'jane.doe@example.com': ['done', 'create', null] });
			expect(accountsNamed(server.store, 'jane.doe@example.com')[0]).toMatchObject({
				externalId: 'E-2',
			});
		});
	});
});

describe('Sync With List · the same person twice in another case, with Email mapped', () => {
	test('rows that differ only in the case of their addresses merge: the leaver is deactivated', async () => {
		await withScimServer({}, async (server) => {
			const max = server.store.addUser({ userName: 'max@example.com' });
			server.store.addUser({ userName: 'ana@example.com' });
			const run = await runScim(
				server,
				syncParameters({ fields: { email: '={{ $json.email }}' } }),
				[
					{ email: 'ana@example.com' },
					{ email: 'Max@Example.com', left: true },
					{ email: 'max@example.com', left: true },
				],
			);
			expect(run.items.map(({ json: item, pairedItem }) => [item.userName, pairedItem])).toEqual([
				['max@example.com', [{ item: 1 }, { item: 2 }]],
			]);
			expect(server.store.users.get(max.id)?.active).toBe(false);
		});
	});
});

describe('Sync With List · switches an expression fills', () => {
	test.each(['TRUE', 'true', 'yes'])(
		'Dry Run given as "%s" previews: nothing is written',
		async (value) => {
			await withScimServer({}, async (server) => {
				const run = await runScim(
					server,
					syncParameters({ options: { dryRun: '={{ $json.dry }}' } }),
					[{ email: 'neo@example.com', dry: value }],
				);
				expect(json(run)[0]).toMatchObject({ outcome: 'wouldCreate', dryRun: true });
				expect(changing(server.requests)).toEqual([]);
			});
		},
	);

	test('Dry Run given as anything but true or false fails before any request, never running for real', async () => {
		await withScimServer({}, async (server) => {
			const run = await runScim(
				server,
				syncParameters({ options: { dryRun: '={{ $json.dry }}' } }),
				[{ email: 'neo@example.com', dry: 'preview' }],
			);
			expect(run.error?.message).toBe('Options: “Dry Run” must be true or false, not "preview"');
			expect(server.requests).toEqual([]);
		});
	});

	test('"FALSE" from a sheet is false: Create Missing Users off creates nobody; Remove From All Groups off keeps the groups', async () => {
		await withScimServer({}, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			server.store.addGroup('Sales', [ana.id]);
			const sync = await runScim(
				server,
				syncParameters({ createMissingUsers: '={{ $json.create }}' }),
				[{ email: 'neo@example.com', create: 'FALSE' }],
			);
			expect(outcomes(json(sync))).toMatchObject({
				'neo@example.com': ['skipped', 'none', 'missing'],
			});
			expect(accountsNamed(server.store, 'neo@example.com')).toEqual([]);
			const deactivate = await runScim(
				server,
				{
					resource: 'user',
					operation: 'deactivate',
					userId: byUserName('ana@example.com'),
					removeFromGroups: '={{ $json.remove }}',
				},
				[{ remove: 'FALSE' }],
			);
			expect(deactivate.error).toBeUndefined();
			expect(groupsOf(server.store, ana.id)).toEqual(['Sales']);
		});
	});
});

describe('Sync With List · Leapsome, a manager nobody knows', () => {
	const leapsome = useSimulator(async () => await startLeapsomeSimulator());
	const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
	const FIELDS: INodeParameters = {
		fields: {
			givenName: "={{ $json.first ?? '' }}",
			familyName: "={{ $json.last ?? '' }}",
			department: "={{ $json.department ?? '' }}",
			manager: "={{ $json.manager ?? '' }}",
		},
	};

	test('is not sent (the item says so), the other fields are, and the next run writes nothing', async () => {
		const rows: HrRow[] = [
			{
				email: 'neo@example.com',
				first: 'Neo',
				last: 'New',
				department: 'Sales',
				manager: 'ghost@example.com',
			},
		];
		const first = await runVendor('leapsome', leapsome(), syncParameters(FIELDS), rows);
		expect(first.error).toBeUndefined();
		expect(json(first)[0]).toMatchObject({
			outcome: 'done',
			action: 'create',
			warnings: [
				'Manager "ghost@example.com" is neither an account in Leapsome nor a person on the list: not set',
			],
		});
		const [neo] = accountsNamed(leapsome().store, 'neo@example.com');
		expect(neo[ENTERPRISE]).toMatchObject({ department: 'Sales' });
		const writes = changing(leapsome().requests).length;
		expect(json(await runVendor('leapsome', leapsome(), syncParameters(FIELDS), rows))).toEqual([]);
		expect(changing(leapsome().requests)).toHaveLength(writes);
	});

	test('a dry run plans what the real run sends where a leaver leaves the team a colleague moves into', async () => {
		const max = leapsome().addUser({
			userName: 'max@example.com',
			givenName: 'Max',
			familyName: 'T',
		});
		const ana = leapsome().addUser({
			userName: 'ana@example.com',
			givenName: 'Ana',
			familyName: 'L',
		});
		const bo = leapsome().addUser({ userName: 'bo@example.com', givenName: 'Bo', familyName: 'S' });
		leapsome().store.addGroup('Eng', [max.id]);
		leapsome().store.addGroup('Sales', [ana.id, bo.id]);
		const rows: HrRow[] = [
			{ email: 'max@example.com', first: 'Max', last: 'T', left: true },
			{ email: 'ana@example.com', first: 'Ana', last: 'L', team: 'Eng' },
			{ email: 'bo@example.com', first: 'Bo', last: 'S', team: 'Sales' },
		];
		const dry = await runVendor(
			'leapsome',
			leapsome(),
			syncParameters({ options: { dryRun: true } }),
			rows,
		);
		const planned = json(dry).flatMap((item) =>
			(item.plannedRequests as IDataObject[]).map(({ method, path, body }) => ({
				method,
				path,
				body,
			})),
		);
		const real = await runVendor('leapsome', leapsome(), syncParameters(), rows);
		expect(real.error).toBeUndefined();
		const sent = changing(leapsome().requests).map(({ method, path, body }) => ({
			method,
			path,
			body,
		}));
		expect(sent).toHaveLength(planned.length);
		expect(sent).toEqual(expect.arrayContaining(planned));
	});
});

describe('Sync With List · a service that will not store an existing account’s externalId, and whose /Schemas do not say so', () => {
	/** Refuses (400) a PATCH or PUT of an existing user that changes its externalId; serves no /Schemas. */
	const REFUSES_EXTERNAL_ID: ScimServerOptions = {
		schemas: false,
		onRequest: (request, store) => {
			const id = /^\/Users\/([^/]+)$/.exec(request.path)?.[1];
			if (!id || !store.users.has(id) || !['PATCH', 'PUT'].includes(request.method))
				return undefined;
			return JSON.stringify(request.body ?? {}).includes('externalId')
				? { status: 400 }
				: undefined;
		},
	};

	test('the other changes go through; the item is done and says the employee ID was not stored; a leaver is deactivated without a failure', async () => {
		await withScimServer(REFUSES_EXTERNAL_ID, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com', title: 'Engineer' });
			const max = server.store.addUser({ userName: 'max@example.com' });
			const run = await runScim(server, syncParameters(), [
				{ email: 'ana@example.com', employeeId: 'E-2', title: 'Lead' },
				{ email: 'max@example.com', employeeId: 'E-1', left: true },
			]);
			expect(run.error).toBeUndefined();
			expect(json(run).map((item) => [item.userName, item.outcome, item.warnings])).toEqual([
				['ana@example.com', 'done', [expect.stringMatching(/^the employee ID was not stored \(/)]],
				['max@example.com', 'done', [expect.stringMatching(/^the employee ID was not stored \(/)]],
			]);
			expect(server.store.users.get(ana.id)?.title).toBe('Lead');
			expect(server.store.users.get(max.id)?.active).toBe(false);
		});
	});
});

describe('Sync With List · a service whose /Schemas say groups show members, but whose listing leaves them off', () => {
	async function withListWithoutMembers(
		body: (server: RunningScimServer, baseUrl: string) => Promise<void>,
	) {
		const server = await startScimServer({ omitUserGroups: true });
		const proxy = await startRewritingProxy(server.baseUrl, (request, answer) => {
			const list = answer as IDataObject;
			if (request.method === 'GET' && /^\/Groups(\?|$)/.test(request.path))
				for (const group of (list.Resources as IDataObject[] | undefined) ?? [])
					delete group.members;
			return answer;
		});
		try {
			await body(server, proxy.baseUrl);
		} finally {
			await proxy.close();
			await server.close();
		}
	}

	test('membership is not taken as empty (one group read by id shows members the list left off): the sync refuses to plan groups rather than leave a leaver in them', async () => {
		await withListWithoutMembers(async (server, baseUrl) => {
			const max = server.store.addUser({ userName: 'max@example.com' });
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			server.store.addGroup('Sales', [max.id, ana.id]);
			const run = await runScim({ baseUrl }, syncParameters(), [
				{ email: 'max@example.com', left: true },
				{ email: 'ana@example.com', team: 'Sales' },
			]);
			expect(run.error?.message).toMatch(
				/shows group members neither on its groups nor on its users, so who is in which group is not known/,
			);
			expect(changing(server.requests)).toEqual([]);
			expect(groupsOf(server.store, max.id)).toEqual(['Sales']);
		});
	});
});
