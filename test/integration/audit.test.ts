import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { json, runScim, runVendor, useScimServer } from './fixtures';

describe('License audit (user → audit)', () => {
	const server = useScimServer();

	test('one item per person or account, with ok, missing, inactive, unexpected and retired', async () => {
		const store = server().store;
		const ok = store.addUser({ userName: 'ok@example.com', displayName: 'Ok Person' });
		const inactive = store.addUser({ userName: 'left@example.com', active: false });
		const unexpected = store.addUser({ userName: 'contractor@example.com' });
		const retired = store.addUser({ userName: 'old@example.com', active: false });
		const byEmail = store.addUser({ userName: 'jdoe', email: 'jane.doe@example.com' });
		const run = await runScim(
			server(),
			{ resource: 'user', operation: 'audit', expectedUserName: '={{ $json.email }}' },
			[
				{ email: 'OK@example.com' },
				{ email: 'left@example.com' },
				{ email: 'new@example.com' },
				{ email: 'ok@example.com' },
				{ email: 'Jane.Doe@example.com' },
			],
		);
		expect(json(run)).toEqual([
			{
				status: 'ok',
				expectedUserName: 'OK@example.com',
				id: ok.id,
				userName: 'ok@example.com',
				active: true,
				displayName: 'Ok Person',
			},
			{
				status: 'inactive',
				expectedUserName: 'left@example.com',
				id: inactive.id,
				userName: 'left@example.com',
				active: false,
				displayName: inactive.displayName,
			},
			{
				status: 'missing',
				expectedUserName: 'new@example.com',
				id: null,
				userName: null,
				active: null,
				displayName: null,
			},
			{
				status: 'ok',
				expectedUserName: 'Jane.Doe@example.com',
				id: byEmail.id,
				userName: 'jdoe',
				active: true,
				displayName: byEmail.displayName,
			},
			{
				status: 'unexpected',
				expectedUserName: null,
				id: unexpected.id,
				userName: 'contractor@example.com',
				active: true,
				displayName: unexpected.displayName,
			},
			{
				status: 'retired',
				expectedUserName: null,
				id: retired.id,
				userName: 'old@example.com',
				active: false,
				displayName: retired.displayName,
			},
		]);
		// ok@example.com, expected by items 0 and 3, is answered once, paired with both.
		expect(run.items.slice(0, 4).map((item) => item.pairedItem)).toEqual([
			[{ item: 0 }, { item: 3 }],
			{ item: 1 },
			{ item: 2 },
			{ item: 4 },
		]);
		expect(server().requests.filter((request) => request.path === '/Users')).toHaveLength(1);
		expect(server().requests.every((request) => request.method === 'GET')).toBe(true);
	});

	test('Summary Only gives the counts and the licenses to reclaim', async () => {
		server().store.addUser({ userName: 'ok@example.com' });
		server().store.addUser({ userName: 'contractor@example.com' });
		server().store.addUser({ userName: 'old@example.com', active: false });
		const run = await runScim(
			server(),
			{
				resource: 'user',
				operation: 'audit',
				expectedUserName: '={{ $json.email }}',
				summaryOnly: true,
			},
			[{ email: 'ok@example.com' }, { email: 'new@example.com' }],
		);
		expect(json(run)).toEqual([
			{
				ok: 1,
				missing: 1,
				inactive: 0,
				unexpected: 1,
				retired: 1,
				protected: 0,
				expected: 2,
				accounts: 3,
				unexpectedUserNames: ['contractor@example.com'],
				missingUserNames: ['new@example.com'],
			},
		]);
		expect(run.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('10,000 expected names against 10,000 accounts: one listing, every person and account answered', async () => {
		const spekit = await startSpekitSimulator();
		try {
			for (let index = 0; index < 10_000; index++) {
				spekit.store.users.set(`u${index}`, {
					id: `u${index}`,
					userName: `p${index}@example.com`,
					active: index % 10 !== 0,
				});
			}
			const expected = Array.from({ length: 10_000 }, (_, index) => ({
				email: `p${index + 5000}@example.com`,
			}));
			const run = await runVendor(
				'spekit',
				spekit,
				{
					resource: 'user',
					operation: 'audit',
					expectedUserName: '={{ $json.email }}',
					summaryOnly: true,
				},
				expected,
			);
			expect(json(run)[0]).toMatchObject({
				ok: 4500,
				inactive: 500,
				missing: 5000,
				unexpected: 4500,
				retired: 500,
			});
			const detailed = await runVendor(
				'spekit',
				spekit,
				{ resource: 'user', operation: 'audit', expectedUserName: '={{ $json.email }}' },
				expected,
			);
			expect(detailed.items).toHaveLength(15_000);
			expect(spekit.requests.filter((request) => request.path === '/Users')).toHaveLength(200);
		} finally {
			await spekit.close();
		}
	}, 60_000);

	test('an empty expected name is an item error, or { error } in place with Continue On Fail', async () => {
		server().store.addUser({ userName: 'ok@example.com' });
		const failing = await runScim(
			server(),
			{ resource: 'user', operation: 'audit', expectedUserName: '={{ $json.email }}' },
			[{ email: 'ok@example.com' }, { email: '' }],
		);
		expect(failing.error?.message).toBe('Item 2: “Expected User Name” is empty');
		const continuing = await runScim(
			server(),
			{ resource: 'user', operation: 'audit', expectedUserName: '={{ $json.email }}' },
			[{ email: '' }, { email: 'ok@example.com' }],
			{ continueOnFail: true },
		);
		expect(json(continuing).map((item) => item.status ?? item.error)).toEqual([
			'Item 1: “Expected User Name” is empty',
			'ok',
		]);
	});

	test('runs on a vendor node too (Leapsome, within its OpenAPI)', async () => {
		const leapsome = await startLeapsomeSimulator();
		try {
			leapsome.addUser({ userName: 'ok@example.com' });
			leapsome.addUser({ userName: 'extra@example.com' });
			const run = await runVendor(
				'leapsome',
				leapsome,
				{
					resource: 'user',
					operation: 'audit',
					expectedUserName: '={{ $json.email }}',
					summaryOnly: true,
				},
				[{ email: 'ok@example.com' }],
			);
			expect(json(run)[0]).toMatchObject({
				ok: 1,
				unexpected: 1,
				unexpectedUserNames: ['extra@example.com'],
			});
			expect(leapsome.violations).toEqual([]);
		} finally {
			await leapsome.close();
		}
	});
});
