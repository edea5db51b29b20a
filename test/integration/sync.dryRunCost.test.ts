import type { IDataObject } from 'n8n-workflow';

import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import type { RecordedRequest } from '../servers/scimmyServer';
import type { ScimStore } from '../servers/scimStore';
import { json, runScim, runVendor, withScimServer } from './fixtures';
import { syncParameters } from './sync.fixtures';
import type { HrRow } from './sync.fixtures';
import { useSimulator } from './vendors.fixtures';

/**
 * A dry run costs what the plan costs: with the app read once for the plan, it sends no
 * per-person lookup and no listing of its own, so it reads no more than the real run.
 */

/** An organisation of `size` people in `teams` teams, and its HR list after a normal week. */
function company(
	store: ScimStore,
	size: number,
	teams: number,
	addUser = store.addUser.bind(store),
) {
	const people = Array.from({ length: size }, (_, index) =>
		addUser({ userName: `p${index}@example.com`, givenName: `P${index}`, familyName: 'Person' }),
	);
	const groups = Array.from({ length: teams }, (_, team) =>
		store.addGroup(
			`Team ${team}`,
			people.filter((_, index) => index % teams === team).map((person) => person.id),
		),
	);
	const rows: HrRow[] = people.map((person, index) => ({
		email: person.userName,
		first: `P${index}`,
		last: 'Person',
		// Five leave, five move to the next team.
		left: index < 5,
		team: `Team ${(index + (index >= 5 && index < 10 ? 1 : 0)) % teams}`,
	}));
	for (let joiner = 0; joiner < 5; joiner++)
		rows.push({
			email: `new${joiner}@example.com`,
			first: 'New',
			last: `Joiner${joiner}`,
			team: 'Team 0',
		});
	return { groups, rows };
}

const reads = (requests: RecordedRequest[]) =>
	requests.filter((request) => request.method === 'GET');

describe('Sync With List · a dry run reads no more than its plan', () => {
	const leapsome = useSimulator(async () => await startLeapsomeSimulator());

	test('Leapsome (whole member lists): the dry run reads the two listings of its plan, and no more than the real run', async () => {
		const { rows } = company(leapsome().store, 300, 10, (seed) => leapsome().addUser(seed));
		const dry = await runVendor(
			'leapsome',
			leapsome(),
			syncParameters({ options: { dryRun: true } }),
			rows,
		);
		expect(dry.error).toBeUndefined();
		expect(json(dry).filter((item) => item.action !== 'none')).toHaveLength(15);
		// A team's whole list is shown as what it is: how many it sends, and whom it adds or removes.
		for (const item of json(dry)) expect(JSON.stringify(item).length).toBeLessThanOrEqual(4096);
		const rewrite = json(dry)
			.flatMap((item) => item.plannedRequests as IDataObject[])
			.find((request) => request.membersSent !== undefined);
		expect(rewrite).toMatchObject({
			method: 'PATCH',
			body: { replaceMembers: true },
			membersSent: 29,
			removes: [expect.objectContaining({ userName: expect.stringMatching(/@example.com$/) })],
		});
		const planned = reads(leapsome().requests);
		expect(planned.map((request) => request.path)).toEqual(['/Users', '/Groups']);
		leapsome().requests.length = 0;
		const real = await runVendor('leapsome', leapsome(), syncParameters(), rows);
		expect(real.error).toBeUndefined();
		expect(reads(leapsome().requests).length).toBeGreaterThanOrEqual(planned.length);
	});

	test('a standards server without PATCH (groups PUT back whole): the dry run reads its plan’s pages and its service’s description, nothing per person or per group', async () => {
		await withScimServer({ patch: false, etag: true, maxResults: 100 }, async (server) => {
			const { rows } = company(server.store, 300, 10);
			const dry = await runScim(server, syncParameters({ options: { dryRun: true } }), rows);
			expect(dry.error).toBeUndefined();
			const planned = reads(server.requests).map((request) => request.path);
			expect(planned.filter((path) => /^\/(Users|Groups)\//.test(path))).toEqual([]);
			expect(planned.filter((path) => path === '/Users')).toHaveLength(3);
			expect(planned.filter((path) => path === '/Groups')).toHaveLength(1);
			server.requests.length = 0;
			const real = await runScim(server, syncParameters(), rows);
			expect(real.error).toBeUndefined();
			expect(reads(server.requests).length).toBeGreaterThanOrEqual(planned.length);
		});
	});
});
