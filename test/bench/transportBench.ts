import axios from 'axios';
import { Agent } from 'node:http';

import { runNode } from '../harness/runNode';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import { BENCH_RULES, startPopulatedServer } from './benchServer';
import { interleavedMedians, ms, once, ratio, table } from './measure';

const credentials = (baseUrl: string, maxRequestsPerSecond = 0) => ({
	scimApi: { baseUrl, authentication: 'bearer', token: SIMULATOR_TOKEN, maxRequestsPerSecond },
});

/** 1,000 deactivations by userName against a service allowing 200 requests/s with 10 ms latency. */
async function offboardingThroughput(): Promise<Array<[string, string]>> {
	const LEAVERS = 1000;
	const RATE = 200;
	const rows: Array<[string, string]> = [];
	const times: Record<number, number> = {};
	for (const parallelRequests of [20, 1]) {
		const server = await startPopulatedServer(LEAVERS, {
			...BENCH_RULES,
			requestsPerSecond: RATE,
			latencyMs: 10,
		});
		try {
			const items = [...server.store.users.values()].map((user) => ({ email: user.userName }));
			let rateLimited = 0;
			times[parallelRequests] = await once(async () => {
				const run = await runNode({
					type: 'scim',
					parameters: {
						resource: 'user',
						operation: 'deactivate',
						userId: { __rl: true, mode: 'userName', value: '={{ $json.email }}' },
						options: { parallelRequests, changeLimit: 0 },
					},
					items,
					credentials: credentials(server.baseUrl, RATE),
				});
				if (run.error || run.items.length !== LEAVERS)
					throw new Error(`offboarding failed: ${run.error?.message}`);
			});
			rateLimited = server.rateLimited;
			const requests = server.requests.length - rateLimited;
			const floor = (requests / RATE) * 1000;
			rows.push([
				`parallelRequests = ${parallelRequests}`,
				`${ms(times[parallelRequests])} for ${requests} requests; floor ${ms(floor)}; ÷ floor ${ratio(times[parallelRequests] / floor)}; 429s ${rateLimited}`,
			]);
		} finally {
			await server.close();
		}
	}
	rows.push(['speed-up of 20 over 1', ratio(times[1] / times[20])]);
	return rows;
}

/** Listing 20,000 users in pages of 100 with 20 ms latency, pages in parallel vs one by one. */
async function parallelPaging(): Promise<Array<[string, string]>> {
	const server = await startPopulatedServer(20_000, {
		...BENCH_RULES,
		maxPageSize: { User: 100, Group: 100 },
		latencyMs: 20,
	});
	try {
		const list = async (parallelRequests: number) =>
			await once(async () => {
				const run = await runNode({
					type: 'scim',
					parameters: {
						resource: 'user',
						operation: 'getAll',
						returnAll: true,
						simplify: false,
						options: { parallelRequests },
					},
					credentials: credentials(server.baseUrl),
				});
				if (run.items.length !== 20_000) throw new Error(`listed ${run.items.length}`);
			});
		const sequential = await list(1);
		const parallel = await list(20);
		return [
			['pages one by one (parallelRequests = 1)', ms(sequential)],
			['pages in parallel (parallelRequests = 20)', ms(parallel)],
			['speed-up', `${ratio(sequential / parallel)} (target ≥ 4×)`],
		];
	} finally {
		await server.close();
	}
}

/**
 * The node's cost per request against a plain axios loop sending the same requests one by one.
 * The node runs twice: with the id from each item through an expression, as workflows use it, and
 * with one fixed id, which leaves out the cost of n8n's expression evaluation.
 */
async function perRequestOverhead(): Promise<Array<[string, string]>> {
	const server = await startPopulatedServer(500);
	try {
		const ids = [...server.store.users.keys()];
		const headers = { Authorization: `Bearer ${SIMULATOR_TOKEN}`, Accept: 'application/scim+json' };
		const getEach = async (value: (id: string) => string) => {
			const run = await runNode({
				type: 'scim',
				parameters: {
					resource: 'user',
					operation: 'get',
					userId: { __rl: true, mode: 'id', value: value(ids[0]) },
					simplify: false,
					options: { parallelRequests: 1 },
				},
				items: ids.map((id) => ({ id })),
				credentials: credentials(server.baseUrl),
			});
			if (run.items.length !== ids.length) throw new Error('get failed');
		};
		const times = await interleavedMedians(5, {
			reused: async () => {
				for (const id of ids) await axios.get(`${server.baseUrl}/Users/${id}`, { headers });
			},
			// n8n-core's request helper gives every request an agent of its own, so a new connection.
			fresh: async () => {
				for (const id of ids)
					await axios.get(`${server.baseUrl}/Users/${id}`, {
						headers,
						httpAgent: new Agent({ keepAlive: false }),
					});
			},
			expression: async () => await getEach(() => '={{ $json.id }}'),
			fixed: async () => await getEach((id) => id),
		});
		return [
			[`plain axios, ${ids.length} GETs one by one, new connection each`, ms(times.fresh)],
			[`plain axios, ${ids.length} GETs one by one, connection reused`, ms(times.reused)],
			[`SCIM node, ${ids.length} items one by one, id by expression`, ms(times.expression)],
			[`SCIM node, ${ids.length} items one by one, one fixed id`, ms(times.fixed)],
			[
				'node (fixed id) ÷ axios, new connection each (as n8n-core sends)',
				`${ratio(times.fixed / times.fresh)} (target ≤ 1.3×)`,
			],
			[
				'node (id by expression) ÷ axios, new connection each',
				ratio(times.expression / times.fresh),
			],
			['node (fixed id) ÷ axios, connection reused', ratio(times.fixed / times.reused)],
		];
	} finally {
		await server.close();
	}
}

/** Issue 5: throughput under a rate limit, parallel paging, and per-request overhead. */
export async function transportBench(): Promise<void> {
	table(
		'Offboarding: 1,000 deactivations by userName, service allows 200 requests/s, 10 ms latency',
		await offboardingThroughput(),
	);
	table('Listing 20,000 users in pages of 100, 20 ms latency', await parallelPaging());
	table('Per-request overhead', await perRequestOverhead());
}
