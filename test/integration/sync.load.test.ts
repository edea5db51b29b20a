import { runNode } from '../harness/runNode';
import { startFaultProxy } from '../servers/faultProxy';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { DEFAULT_TOKEN, startScimServer } from '../servers/scimmyServer';
import type { ScimStore } from '../servers/scimStore';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import { groupsOf, json, runScim } from './fixtures';
import { changing, syncParameters } from './sync.fixtures';
import type { HrRow } from './sync.fixtures';

/** A company of `size`: the first third stays as is, the second third has left, the last third is new. */
function company(store: ScimStore, size: number): HrRow[] {
	const team = (index: number) => (index % 2 === 0 ? 'Sales' : 'Engineering');
	store.addGroup('Sales');
	store.addGroup('Engineering');
	const rows: HrRow[] = [];
	for (let index = 0; index < size; index++) {
		const email = `person${index}@example.com`;
		const third = Math.floor((3 * index) / size);
		if (third < 2) {
			const user = store.addUser({ userName: email, givenName: `P${index}`, familyName: 'Person' });
			store.groupByName(team(index))!.members.push({ value: user.id });
		}
		rows.push({ email, first: `P${index}`, last: 'Person', team: team(index), left: third === 1 });
	}
	return rows;
}

/** The app matches the list: one account per person, leavers inactive and in no group, everyone else in their team. */
function expectInSync(store: ScimStore, rows: HrRow[]) {
	for (const row of rows) {
		const accounts = [...store.users.values()].filter((user) => user.userName === row.email);
		expect({ email: row.email, accounts: accounts.length }).toEqual({
			email: row.email,
			accounts: 1,
		});
		const [account] = accounts;
		expect({
			email: row.email,
			active: account.active,
			groups: groupsOf(store, account.id),
		}).toEqual({
			email: row.email,
			active: !row.left,
			groups: row.left ? [] : [row.team],
		});
	}
}

const UNBRAKED = { options: { changeLimit: 0, maxShareDeactivated: 0, parallelRequests: 10 } };

describe('Sync With List under load, faults and concurrency', () => {
	test('10% faults and 5% 429s: every person ends done or failed, nobody twice; a re-run finishes the rest, and the next sends nothing', async () => {
		const server = await startScimServer();
		const proxy = await startFaultProxy(server.baseUrl, {
			rate: 0.1,
			rateLimits: 0.05,
			seed: 7,
			kinds: ['500', '502', '503', 'drop', 'truncate', 'lost', 'slow'],
		});
		try {
			const rows = company(server.store, 150);
			const first = await runScim(proxy, syncParameters(UNBRAKED), rows, { continueOnFail: true });
			// A read that fails after its retries fails the run before any write; the next run reads again.
			const items = first.error ? [] : json(first);
			if (!first.error) expect(items).toHaveLength(100);
			expect(items.every((item) => item.outcome === 'done' || item.outcome === 'failed')).toBe(
				true,
			);
			for (let attempt = 0; attempt < 4; attempt++) {
				const again = await runScim(proxy, syncParameters(UNBRAKED), rows, {
					continueOnFail: true,
				});
				if (!again.error && json(again).every((item) => item.outcome === 'done')) break;
			}
			proxy.enabled = false;
			const writes = changing(server.requests).length;
			const settled = await runScim(proxy, syncParameters(UNBRAKED), rows);
			expect(json(settled)).toEqual([]);
			expect(changing(server.requests)).toHaveLength(writes);
			expectInSync(server.store, rows);
			expect(proxy.injected.lost).toBeGreaterThan(0);
		} finally {
			await proxy.close();
			await server.close();
		}
	}, 180_000);

	test('three executions of the same list at once, on Leapsome and on a standards server: one account each, memberships exact', async () => {
		const leapsome = await startLeapsomeSimulator({ rules: { latencyMs: 10 } });
		const scim = await startScimServer({ latencyMs: 10 });
		try {
			const setups = [
				{
					type: 'leapsome',
					service: leapsome,
					credentials: { leapsomeScimApi: { baseUrl: leapsome.baseUrl, token: SIMULATOR_TOKEN } },
				},
				{
					type: 'scim',
					service: scim,
					credentials: {
						scimApi: {
							baseUrl: scim.baseUrl,
							authentication: 'bearer',
							token: DEFAULT_TOKEN,
							maxRequestsPerSecond: 0,
						},
					},
				},
			] as const;
			await Promise.all(
				setups.map(async ({ type, service, credentials }) => {
					const rows = company(service.store, 30);
					const runs = await Promise.all(
						[1, 2, 3].map(
							async () =>
								await runNode({
									type,
									parameters: syncParameters(UNBRAKED),
									items: rows,
									credentials,
									continueOnFail: true,
								}),
						),
					);
					for (const run of runs) {
						expect(run.error).toBeUndefined();
						expect(json(run).filter((item) => item.outcome !== 'done')).toEqual([]);
					}
					expectInSync(service.store, rows);
				}),
			);
			expect(leapsome.violations).toEqual([]);
		} finally {
			await leapsome.close();
			await scim.close();
		}
	}, 120_000);
});
