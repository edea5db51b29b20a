import path from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { PACKAGE_ROOT } from '../harness/packageRoot';
import type { PackageNodeTypes } from '../harness/packageTypes';
import { runNode } from '../harness/runNode';
import type { NodeRun } from '../harness/runNode';
import { loadSecondProcess } from '../harness/secondProcess';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { DEFAULT_TOKEN, startScimServer } from '../servers/scimmyServer';
import type { RecordedRequest } from '../servers/scimmyServer';
import type { ScimStore, StoredUser } from '../servers/scimStore';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import { byDisplayName, byUserName, json, OFFBOARD_BY_EMAIL } from './fixtures';
import { useSimulator } from './vendors.fixtures';

/** The membership queue as the built nodes hold it: the same module, so the same state. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { membershipQueue } = require(
	path.join(PACKAGE_ROOT, 'dist', 'nodes', 'shared', 'actions', 'group', 'membershipQueue.js'),
) as { membershipQueue: { size: number } };

interface Service {
	baseUrl: string;
	store: ScimStore;
	requests: RecordedRequest[];
	violations?: string[];
	rateLimited?: number;
	close(): Promise<void>;
}

interface Setup {
	label: string;
	node: 'scim' | 'leapsome' | 'spekit';
	credential: string;
	token: string;
	start: (onRequest?: (request: RecordedRequest, store: ScimStore) => void) => Promise<Service>;
}

/** A little latency on every answer lets a read-change-write race show, as it does across a network. */
const LATENCY_MS = 15;

const LEAPSOME: Setup = {
	label: 'Leapsome (whole member lists)',
	node: 'leapsome',
	credential: 'leapsomeScimApi',
	token: SIMULATOR_TOKEN,
	start: async (onRequest) =>
		await startLeapsomeSimulator({ rules: { latencyMs: LATENCY_MS }, onRequest }),
};
const SCIM_WITHOUT_PATCH: Setup = {
	label: 'SCIM without PATCH (GET and PUT of the whole group)',
	node: 'scim',
	credential: 'scimApi',
	token: DEFAULT_TOKEN,
	start: async (onRequest) =>
		await startScimServer({ patch: false, latencyMs: LATENCY_MS, onRequest }),
};
const SPEKIT: Setup = {
	label: 'Spekit (one PATCH per member)',
	node: 'spekit',
	credential: 'spekitScimApi',
	token: SIMULATOR_TOKEN,
	start: async (onRequest) =>
		await startSpekitSimulator({ rules: { latencyMs: LATENCY_MS }, onRequest }),
};

function credentialsFor(
	setup: Setup,
	service: Service,
): Record<string, ICredentialDataDecryptedObject> {
	const credential: ICredentialDataDecryptedObject = {
		baseUrl: service.baseUrl,
		token: setup.token,
	};
	if (setup.node === 'scim')
		Object.assign(credential, { authentication: 'bearer', maxRequestsPerSecond: 0 });
	return { [setup.credential]: credential };
}

/** A team of `size` people, m1@example.com …, as the service holds it. */
function seedTeam(store: ScimStore, name: string, size: number, prefix = 'm'): StoredUser[] {
	const users = Array.from({ length: size }, (_, index) =>
		store.addUser({ userName: `${prefix}${index + 1}@example.com` }),
	);
	store.addGroup(
		name,
		users.map((user) => user.id),
	);
	return users;
}

const memberNames = (store: ScimStore, team: string) =>
	(store.groupByName(team)?.members ?? [])
		.map((member) => store.users.get(member.value)?.userName)
		.sort();

const names = (users: StoredUser[]) => users.map((user) => user.userName).sort();

async function offboard(
	setup: Setup,
	service: Service,
	leavers: StoredUser[],
	nodeTypes?: PackageNodeTypes,
): Promise<NodeRun> {
	return await runNode({
		type: setup.node,
		parameters: OFFBOARD_BY_EMAIL,
		items: leavers.map((user): IDataObject => ({ email: user.userName })),
		credentials: credentialsFor(setup, service),
		continueOnFail: true,
		nodeTypes,
	});
}

async function onboard(
	setup: Setup,
	service: Service,
	team: string,
	joiners: StoredUser[],
	nodeTypes?: PackageNodeTypes,
): Promise<NodeRun> {
	return await runNode({
		type: setup.node,
		parameters: {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName(team),
			userId: byUserName('={{ $json.email }}'),
		},
		items: joiners.map((user): IDataObject => ({ email: user.userName })),
		credentials: credentialsFor(setup, service),
		continueOnFail: true,
		nodeTypes,
	});
}

function expectOffboarded(run: NodeRun, leavers: StoredUser[], team: string) {
	expect(run.error).toBeUndefined();
	expect(json(run)).toEqual(
		leavers.map((leaver) =>
			expect.objectContaining({
				outcome: 'deactivated',
				id: leaver.id,
				removedFromGroups: [expect.objectContaining({ displayName: team })],
			}),
		),
	);
}

describe.each([LEAPSOME, SCIM_WITHOUT_PATCH, SPEKIT].map((setup) => [setup.label, setup] as const))(
	'Many leavers and joiners of one team at once: %s',
	(_, setup) => {
		const current = useSimulator(async () => await setup.start());
		let service: Service;
		beforeEach(() => {
			service = current();
		});
		afterEach(() => expect(membershipQueue.size).toBe(0));

		test('ten leavers of a 30-person team in one execution, five at a time: all ten out, the other twenty in', async () => {
			const team = seedTeam(service.store, 'Engineering', 30);
			const leavers = team.slice(0, 10);

			const run = await offboard(setup, service, leavers);

			expectOffboarded(run, leavers, 'Engineering');
			expect(memberNames(service.store, 'Engineering')).toEqual(names(team.slice(10)));
			for (const leaver of leavers) expect(service.store.users.get(leaver.id)?.active).toBe(false);
		});

		test('three offboarding executions at the same moment, one leaver each, beside a batch of ten', async () => {
			const team = seedTeam(service.store, 'Engineering', 30);
			const batch = team.slice(0, 10);
			const singles = team.slice(10, 13);

			const runs = await Promise.all([
				offboard(setup, service, batch),
				...singles.map(async (leaver) => await offboard(setup, service, [leaver])),
			]);

			expectOffboarded(runs[0], batch, 'Engineering');
			singles.forEach((leaver, index) =>
				expectOffboarded(runs[index + 1], [leaver], 'Engineering'),
			);
			expect(memberNames(service.store, 'Engineering')).toEqual(names(team.slice(13)));
		});

		test('an onboarding adding five and an offboarding removing five others, at the same moment', async () => {
			const team = seedTeam(service.store, 'Engineering', 30);
			const joiners = Array.from({ length: 5 }, (_, index) =>
				service.store.addUser({ userName: `new${index + 1}@example.com` }),
			);
			const leavers = team.slice(0, 5);

			const [onboarding, offboarding] = await Promise.all([
				onboard(setup, service, 'Engineering', joiners),
				offboard(setup, service, leavers),
			]);

			expect(onboarding.error).toBeUndefined();
			expect(json(onboarding).map((item) => item.outcome)).toEqual(Array(5).fill('added'));
			expectOffboarded(offboarding, leavers, 'Engineering');
			expect(memberNames(service.store, 'Engineering')).toEqual(
				names([...team.slice(5), ...joiners]),
			);
		});
	},
);

describe('One rate budget for every execution in the process', () => {
	test('ten executions at once against Leapsome stay under its 30 requests per second: no 429', async () => {
		const service = await startLeapsomeSimulator();
		try {
			const users = Array.from({ length: 100 }, (_, index) =>
				service.addUser({ userName: `u${index}@example.com` }),
			);
			const started = Date.now();
			const runs = await Promise.all(
				Array.from(
					{ length: 10 },
					async (_, execution) =>
						await runNode({
							type: 'leapsome',
							parameters: {
								resource: 'user',
								operation: 'get',
								userId: byUserName('={{ $json.email }}'),
							},
							items: users
								.slice(execution * 10, execution * 10 + 10)
								.map((user) => ({ email: user.userName })),
							credentials: {
								leapsomeScimApi: { baseUrl: service.baseUrl, token: SIMULATOR_TOKEN },
							},
						}),
				),
			);
			for (const run of runs) expect(run.error).toBeUndefined();
			expect(runs.flatMap(json).map((user) => user.userName)).toEqual(
				users.map((user) => user.userName),
			);
			expect(service.rateLimited).toBe(0);
			// 100 requests at 30 a second take more than three seconds.
			expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
		} finally {
			await service.close();
		}
	});
});

describe('Across processes: every whole-list write is read back', () => {
	let secondProcess: PackageNodeTypes;
	beforeAll(() => {
		secondProcess = loadSecondProcess();
	});

	test('Leapsome: two processes offboarding five leavers each from one team at once leave exactly the others', async () => {
		const service = await LEAPSOME.start();
		try {
			const team = seedTeam(service.store, 'Engineering', 30);
			const [first, second] = await Promise.all([
				offboard(LEAPSOME, service, team.slice(0, 5)),
				offboard(LEAPSOME, service, team.slice(5, 10), secondProcess),
			]);
			expectOffboarded(first, team.slice(0, 5), 'Engineering');
			expectOffboarded(second, team.slice(5, 10), 'Engineering');
			expect(memberNames(service.store, 'Engineering')).toEqual(names(team.slice(10)));
		} finally {
			await service.close();
		}
	});

	test('SCIM with ETags: two processes adding and removing members of one group at once lose no change', async () => {
		const service = await startScimServer({ patch: false, etag: true, latencyMs: LATENCY_MS });
		try {
			const team = seedTeam(service.store, 'Engineering', 20);
			const joiners = Array.from({ length: 5 }, (_, index) =>
				service.store.addUser({ userName: `new${index + 1}@example.com` }),
			);
			const [onboarding, offboarding] = await Promise.all([
				onboard(SCIM_WITHOUT_PATCH, service, 'Engineering', joiners, secondProcess),
				offboard(SCIM_WITHOUT_PATCH, service, team.slice(0, 5)),
			]);
			expect(json(onboarding).map((item) => item.outcome)).toEqual(Array(5).fill('added'));
			expectOffboarded(offboarding, team.slice(0, 5), 'Engineering');
			expect(memberNames(service.store, 'Engineering')).toEqual(
				names([...team.slice(5), ...joiners]),
			);
		} finally {
			await service.close();
		}
	});

	test('SCIM with ETags: a group written by someone else between our read and our PUT is read again (412), and their change is kept', async () => {
		let interfered = false;
		const service = await startScimServer({
			patch: false,
			etag: true,
			onRequest: (request, store) => {
				if (request.method !== 'PUT' || !request.path.startsWith('/Groups/') || interfered) return;
				interfered = true;
				// Another writer adds a member and bumps the version just before our PUT is handled.
				const group = store.groupByName('Engineering')!;
				const outsider = store.addUser({ userName: 'outsider@example.com' });
				group.members.push({ value: outsider.id });
				group.meta = { version: store.nextVersion() };
			},
		});
		try {
			const team = seedTeam(service.store, 'Engineering', 3);
			const run = await offboard(SCIM_WITHOUT_PATCH, service, [team[0]]);
			expectOffboarded(run, [team[0]], 'Engineering');
			expect(memberNames(service.store, 'Engineering')).toEqual(
				['outsider@example.com', ...names(team.slice(1))].sort(),
			);
			const groupPuts = service.requests.filter(
				(request) => request.method === 'PUT' && request.path.startsWith('/Groups/'),
			);
			expect(groupPuts).toHaveLength(2);
		} finally {
			await service.close();
		}
	});

	test('Leapsome: a leaver put back by another writer right after our rewrite is removed again', async () => {
		let rewrites = 0;
		let putBack = false;
		const service = await LEAPSOME.start((request, store) => {
			const body = request.body as { replaceMembers?: boolean } | undefined;
			if (request.method === 'PATCH' && body?.replaceMembers === true) rewrites++;
			// A stale writer in another process sends its own list, with the leaver in it, once.
			if (rewrites === 1 && !putBack && request.method === 'GET') {
				putBack = true;
				const leaver = store.userByName('m1@example.com')!;
				store.groupByName('Engineering')!.members.push({ value: leaver.id });
			}
		});
		try {
			const team = seedTeam(service.store, 'Engineering', 5);
			const run = await offboard(LEAPSOME, service, [team[0]]);
			expectOffboarded(run, [team[0]], 'Engineering');
			expect(putBack).toBe(true);
			expect(rewrites).toBe(2);
			expect(memberNames(service.store, 'Engineering')).toEqual(names(team.slice(1)));
		} finally {
			await service.close();
		}
	});

	test('Leapsome: a rewrite held up past its fresh window is not sent from the old list; the team is read again, and another writer’s removal meanwhile holds', async () => {
		let heldUp = false;
		const service = await startLeapsomeSimulator({
			onRequest: (request, store) => {
				const body = request.body as { replaceMembers?: boolean } | undefined;
				if (heldUp || request.method !== 'PATCH' || body?.replaceMembers !== true) return;
				heldUp = true;
				// Another process removes m2 (and has read back) while our rewrite waits out a 429.
				const group = store.groupByName('Engineering')!;
				const m2 = store.userByName('m2@example.com')!.id;
				group.members = group.members.filter((member) => member.value !== m2);
				return 5;
			},
		});
		try {
			const team = seedTeam(service.store, 'Engineering', 5);
			const run = await offboard(LEAPSOME, service, [team[0]]);
			expectOffboarded(run, [team[0]], 'Engineering');
			expect(memberNames(service.store, 'Engineering')).toEqual(names(team.slice(2)));
			const rewrites = service.requests
				.filter(
					(request) => (request.body as { replaceMembers?: boolean } | undefined)?.replaceMembers,
				)
				.map((request) => (request.body as { members: unknown[] }).members.length);
			// The held-up list (m2..m5) was not sent again; a fresh one (m3..m5) was.
			expect(rewrites).toEqual([4, 3]);
		} finally {
			await service.close();
		}
	});

	test('Leapsome: a leaver another writer keeps putting back fails the item after three rounds, saying so', async () => {
		const service = await LEAPSOME.start((request, store) => {
			if (request.method !== 'GET' || request.query.filter !== undefined) return;
			const leaver = store.userByName('m1@example.com');
			const group = store.groupByName('Engineering')!;
			if (leaver && !group.members.some((member) => member.value === leaver.id))
				group.members.push({ value: leaver.id });
		});
		try {
			const team = seedTeam(service.store, 'Engineering', 5);
			const run = await offboard(LEAPSOME, service, [team[0]]);
			expect(json(run)).toEqual([
				{
					error: expect.stringMatching(
						/^Deactivated m1@example\.com in Leapsome, but removing them from Engineering failed: Item 1: “User” is still a member of "Engineering": the service accepted the change but did not apply it/,
					),
				},
			]);
			const rewrites = service.requests.filter(
				(request) => (request.body as { replaceMembers?: boolean } | undefined)?.replaceMembers,
			);
			expect(rewrites).toHaveLength(3);
		} finally {
			await service.close();
		}
	});

	test('Leapsome: a member list is rewritten only from a listing proven whole; otherwise nothing is written', async () => {
		let created = false;
		const service = await startLeapsomeSimulator({
			rules: { maxPageSize: { User: 10, Group: 100 } },
			onRequest: (request, store) => {
				// A user appears while the node pages through the users: the total moves.
				if (request.method === 'GET' && request.query.startIndex === '11' && !created) {
					created = true;
					store.addUser({ userName: 'joiner@example.com' });
				}
			},
		});
		try {
			const team = seedTeam(service.store, 'Engineering', 25);
			const run = await offboard(LEAPSOME, service, [team[0]]);
			expect(json(run)).toEqual([
				{
					error: expect.stringContaining(
						'The list of users from Leapsome was incomplete: the total moved from 25 to 26 while paging',
					),
				},
			]);
			expect(
				service.requests.filter(
					(request) => request.method === 'PATCH' && request.path.startsWith('/Groups'),
				),
			).toEqual([]);
			expect(memberNames(service.store, 'Engineering')).toEqual(names(team));
		} finally {
			await service.close();
		}
	});
});
