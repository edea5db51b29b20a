import { runNode } from '../harness/runNode';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import type { RecordedRequest } from '../servers/scimmyServer';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import { ms, once, ratio, table } from './measure';

const PEOPLE = 2000;
const TEAMS_PER_KIND = 20;
const LEAVERS = 200;
const RATE = 30;

type Kind = 'lookups' | 'user writes' | 'listings' | 'team writes' | 'read-backs' | 'other';

/**
 * What each request was for. An unfiltered listing of users right after a team write
 * reads the writes back; any other listing reads the teams before rewriting them.
 */
function kinds(requests: RecordedRequest[]): Record<Kind, number> {
	const counts: Record<Kind, number> = {
		lookups: 0,
		'user writes': 0,
		listings: 0,
		'team writes': 0,
		'read-backs': 0,
		other: 0,
	};
	let wroteTeams = false;
	for (const { method, path, query } of requests) {
		if (method === 'GET' && path === '/Users' && query.filter !== undefined) counts.lookups++;
		else if (method === 'PATCH' && path.startsWith('/Users/')) counts['user writes']++;
		else if (method === 'PATCH' && path.startsWith('/Groups/')) {
			counts['team writes']++;
			wroteTeams = true;
		} else if (method === 'GET' && (path === '/Users' || path === '/Groups')) {
			counts[wroteTeams && path === '/Users' ? 'read-backs' : 'listings']++;
			if (path === '/Users') wroteTeams = false;
		} else counts.other++;
	}
	return counts;
}

/**
 * Offboarding 200 leavers with “Remove From All Groups” in one execution, Parallel
 * Requests 5, from a 2,000-person Leapsome organisation at Leapsome's 30 requests per
 * second: everyone in one team of 100 (20 by department), or in two (and 20 by project).
 */
async function offboarding(teamsEach: 1 | 2): Promise<void> {
	const service = await startLeapsomeSimulator({ rules: { latencyMs: 20 } });
	try {
		const people = Array.from({ length: PEOPLE }, (_, index) =>
			service.addUser({ userName: `person.${index}@example.com` }),
		);
		for (let team = 0; team < TEAMS_PER_KIND; team++) {
			const inDepartment = people.filter((_, index) => Math.floor(index / 100) === team);
			service.store.addGroup(
				`Department ${team + 1}`,
				inDepartment.map((person) => person.id),
			);
			if (teamsEach === 1) continue;
			const inProject = people.filter((_, index) => index % TEAMS_PER_KIND === team);
			service.store.addGroup(
				`Project ${team + 1}`,
				inProject.map((person) => person.id),
			);
		}
		// Leavers spread over every team: a fixed stride through the company.
		const leavers = Array.from({ length: LEAVERS }, (_, index) => people[(index * 997) % PEOPLE]);
		const leaving = new Set(leavers.map((person) => person.id));
		const before = new Map(
			[...service.store.groups.values()].map((group) => [
				group.id,
				group.members.map((member) => member.value),
			]),
		);

		let failures = 0;
		const wall = await once(async () => {
			const run = await runNode({
				type: 'leapsome',
				parameters: {
					resource: 'user',
					operation: 'deactivate',
					userId: { __rl: true, mode: 'userName', value: '={{ $json.email }}' },
					removeFromGroups: true,
					options: { parallelRequests: 5, changeLimit: 0 },
				},
				items: leavers.map((person) => ({ email: person.userName })),
				credentials: { leapsomeScimApi: { baseUrl: service.baseUrl, token: SIMULATOR_TOKEN } },
				continueOnFail: true,
			});
			if (run.error) throw run.error;
			failures = run.items.filter((item) => item.json.error !== undefined).length;
		});

		const exact = [...service.store.groups.values()].every((group) => {
			const expected = (before.get(group.id) ?? []).filter((id) => !leaving.has(id)).sort();
			const actual = group.members.map((member) => member.value).sort();
			return JSON.stringify(expected) === JSON.stringify(actual);
		});
		const inactive = leavers.every(
			(person) => service.store.users.get(person.id)?.active === false,
		);
		const requests = service.requests.length - service.rateLimited;
		const floor = (requests / RATE) * 1000;
		const counts = kinds(service.requests);
		const teams = TEAMS_PER_KIND * teamsEach;
		table(
			`Offboarding ${LEAVERS} leavers from ${PEOPLE} people in ${teams} teams of 100, everyone in ${teamsEach === 1 ? 'one' : 'two'} (Leapsome, ${RATE} requests/s, Parallel Requests 5)`,
			[
				['requests', `${requests}: ${(requests / LEAVERS).toFixed(2)} per leaver (target < 4)`],
				[
					'by kind',
					Object.entries(counts)
						.filter(([, count]) => count > 0)
						.map(([kind, count]) => `${kind} ${count}`)
						.join(', '),
				],
				[
					'wall time',
					`${ms(wall)}; floor ${ms(floor)}; ÷ floor ${ratio(wall / floor)} (target ≤ 1.2×); 429s ${service.rateLimited}`,
				],
				[
					'result',
					`${LEAVERS - failures} of ${LEAVERS} items succeeded; leavers all inactive: ${inactive}; every team exactly its stayers: ${exact}`,
				],
			],
		);
	} finally {
		await service.close();
	}
}

/** Both offboarding scenarios, side by side in one run. */
export async function membershipBench(): Promise<void> {
	await offboarding(1);
	await offboarding(2);
}
