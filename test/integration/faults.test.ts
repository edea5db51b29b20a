import { startFaultProxy } from '../servers/faultProxy';
import type { FaultProxy } from '../servers/faultProxy';
import { startScimServer } from '../servers/scimmyServer';
import type { RunningScimServer } from '../servers/scimmyServer';
import { byDisplayName, byUserName, json, runScim } from './fixtures';

/** 10% faults of every kind a flaky service shows, plus 5% rate limiting. */
const FLAKY = {
	rate: 0.1,
	rateLimits: 0.05,
	kinds: ['500', '502', '503', 'drop', 'truncate', 'lost', 'slow'] as const,
};

describe('SCIM node against a flaky service (10% faults + 5% 429s)', () => {
	let server: RunningScimServer;
	let proxy: FaultProxy;
	beforeEach(async () => {
		server = await startScimServer();
	});
	afterEach(async () => {
		await proxy.close();
		await server.close();
	});
	const flaky = async (seed: number) =>
		(proxy = await startFaultProxy(server.baseUrl, { ...FLAKY, kinds: [...FLAKY.kinds], seed }));

	test('1,000 deactivations by userName: every user ends inactive and every item reports success', async () => {
		const names = Array.from({ length: 1000 }, (_, index) => `leaver${index}@example.com`);
		names.forEach((userName) => server.store.addUser({ userName }));
		await flaky(1);
		const run = await runScim(
			proxy,
			{
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('={{ $json.email }}'),
				// A thousand leavers at once are meant here: the Change Limit is off.
				options: { parallelRequests: 10, changeLimit: 0 },
			},
			names.map((email) => ({ email })),
		);
		expect(run.error).toBeUndefined();
		expect(json(run).map((item) => item.userName)).toEqual(names);
		expect(
			json(run).every(
				(item) => item.outcome === 'deactivated' || item.outcome === 'alreadyInactive',
			),
		).toBe(true);
		expect([...server.store.users.values()].every((user) => user.active === false)).toBe(true);
		expect(proxy.injected.lost).toBeGreaterThan(0);
		expect(proxy.injected['429']).toBeGreaterThan(0);
	}, 180_000);

	test('500 creations with If User Exists = Return Existing: exactly 500 users, no duplicate', async () => {
		const names = Array.from({ length: 500 }, (_, index) => `joiner${index}@example.com`);
		await flaky(2);
		const run = await runScim(
			proxy,
			{
				resource: 'user',
				operation: 'create',
				userName: '={{ $json.email }}',
				ifUserExists: 'returnExisting',
				options: { parallelRequests: 10 },
			},
			names.map((email) => ({ email })),
		);
		expect(run.error).toBeUndefined();
		expect(json(run).map((item) => item.userName)).toEqual(names);
		expect(server.store.users.size).toBe(500);
		expect(new Set([...server.store.users.values()].map((user) => user.userName)).size).toBe(500);
		expect(proxy.injected.lost).toBeGreaterThan(0);
	}, 180_000);

	test('200 membership changes: final membership is exactly as requested', async () => {
		const users = Array.from({ length: 100 }, (_, index) =>
			server.store.addUser({ userName: `member${index}@example.com` }),
		);
		const alpha = server.store.addGroup(
			'Alpha',
			users.slice(50).map((user) => user.id),
		);
		const beta = server.store.addGroup('Beta');
		await flaky(3);
		const changes = [
			...users
				.slice(0, 100)
				.map((user) => ({ group: 'Beta', email: user.userName, operation: 'addMember' })),
			...users
				.slice(50)
				.map((user) => ({ group: 'Alpha', email: user.userName, operation: 'removeMember' })),
			...users
				.slice(0, 50)
				.map((user) => ({ group: 'Alpha', email: user.userName, operation: 'addMember' })),
		].slice(0, 200);
		for (const operation of ['addMember', 'removeMember']) {
			const batch = changes.filter((change) => change.operation === operation);
			const run = await runScim(
				proxy,
				{
					resource: 'group',
					operation,
					groupId: byDisplayName('={{ $json.group }}'),
					userId: byUserName('={{ $json.email }}'),
					options: { parallelRequests: 10 },
				},
				batch,
			);
			expect(run.error).toBeUndefined();
			expect(json(run)).toHaveLength(batch.length);
		}
		const members = (id: string) =>
			server.store.groups
				.get(id)!
				.members.map((member) => member.value)
				.sort();
		expect(members(beta.id)).toEqual(users.map((user) => user.id).sort());
		expect(members(alpha.id)).toEqual(
			users
				.slice(0, 50)
				.map((user) => user.id)
				.sort(),
		);
	}, 180_000);
});
