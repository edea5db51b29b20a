/**
 * Leapsome's team rounds (whole lists rewritten, each listing of users proven whole) beside
 * the other writes of a Sync and of an offboarding in the same n8n process.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { NodeRun } from '../harness/runNode';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import type { RecordedRequest } from '../servers/scimmyServer';
import type { RunningSimulator, VendorRules } from '../servers/vendorSimulator';
import { groupsOf, json, OFFBOARD_BY_EMAIL, runVendor } from './fixtures';
import { syncParameters } from './sync.fixtures';
import type { HrRow } from './sync.fixtures';

jest.setTimeout(120_000);

async function sync(
	service: RunningSimulator,
	rows: HrRow[],
	overrides: INodeParameters,
): Promise<NodeRun> {
	return await runVendor('leapsome', service, syncParameters(overrides), rows, {
		continueOnFail: true,
	});
}

async function offboard(service: RunningSimulator, email: string): Promise<NodeRun> {
	return await runVendor('leapsome', service, OFFBOARD_BY_EMAIL, [{ email }], {
		continueOnFail: true,
	});
}

/** `count` people named p0@example.com, p1@example.com, …, each with `fields` besides. */
function seedPeople(service: RunningSimulator, count: number, fields: { title?: string } = {}) {
	return Array.from({ length: count }, (_, index) =>
		service.addUser({
			userName: `p${index}@example.com`,
			givenName: `P${index}`,
			familyName: 'Person',
			...fields,
		}),
	);
}

async function leapsome(
	onRequest: (request: RecordedRequest) => { status: number } | void,
	rules: Partial<VendorRules> = {},
): Promise<RunningSimulator> {
	return await startLeapsomeSimulator({ rules: { latencyMs: 10, ...rules }, onRequest });
}

const removedFromTheirTeam = [
	expect.objectContaining({ outcome: 'deactivated', removedFromGroups: [expect.anything()] }),
];

describe('Leapsome · a Sync and an offboarding side by side', () => {
	test('an offboarding lists every user while a Sync creates 40: its listing waits for the creates, and the leaver leaves their team', async () => {
		let firstCreate: (() => void) | undefined;
		const creating = new Promise<void>((resolve) => (firstCreate = resolve));
		// Pages of 10: a listing takes long enough for a create to land in the middle of it.
		const service = await leapsome(
			(request) => {
				if (request.method === 'POST' && request.path === '/Users') firstCreate?.();
			},
			{ maxPageSize: { User: 10, Group: 1000 }, latencyMs: 25 },
		);
		try {
			const { store } = service;
			const people = seedPeople(service, 60);
			store.addGroup('Engineering', [people[0].id, people[1].id]);
			const rows: HrRow[] = [
				...people.map((person, index) => ({
					email: person.userName,
					first: `P${index}`,
					last: 'Person',
					team: index < 2 ? 'Engineering' : '',
				})),
				...Array.from({ length: 40 }, (_, index) => ({
					email: `new${index}@example.com`,
					first: `N${index}`,
					last: 'New',
				})),
			];
			const syncing = sync(service, rows, { options: { changeLimit: 0, maxShareDeactivated: 0 } });
			await creating;
			const offboarding = await offboard(service, 'p0@example.com');
			const synced = await syncing;
			expect(json(offboarding)).toEqual(removedFromTheirTeam);
			expect(groupsOf(store, people[0].id)).toEqual([]);
			expect(json(synced).filter((item) => item.action === 'create')).toHaveLength(40);
			expect(json(synced).every((item) => item.outcome !== 'failed')).toBe(true);
		} finally {
			await service.close();
		}
	});

	test('an offboarding during a Sync’s leavers’ round does not wait for the Sync’s 240 updates', async () => {
		let leaversWrote: (() => void) | undefined;
		const wrote = new Promise<void>((resolve) => (leaversWrote = resolve));
		const service = await leapsome((request) => {
			if (
				request.method === 'PATCH' &&
				request.path.startsWith('/Groups/') &&
				(request.body as { replaceMembers?: unknown } | undefined)?.replaceMembers === true
			)
				leaversWrote?.();
		});
		try {
			const { store } = service;
			const people = seedPeople(service, 240, { title: 'Colleague' });
			const leaver = service.addUser({
				userName: 'leaver@example.com',
				givenName: 'Lea',
				familyName: 'Ver',
				title: 'Colleague',
			});
			const offboarded = service.addUser({
				userName: 'gone@example.com',
				givenName: 'Gon',
				familyName: 'E',
				title: 'Colleague',
			});
			store.addGroup('Sales', [leaver.id, people[0].id]);
			const engineering = store.addGroup('Engineering', [offboarded.id, people[1].id]);
			const rows: HrRow[] = [
				...people.map((person, index) => ({
					email: person.userName,
					first: `P${index}`,
					last: 'Person',
					title: 'Engineer',
					team: index === 0 ? 'Sales' : index === 1 ? 'Engineering' : '',
				})),
				{ email: 'leaver@example.com', first: 'Lea', last: 'Ver', team: 'Sales', left: true },
				{ email: 'gone@example.com', first: 'Gon', last: 'E', team: 'Engineering' },
			];
			const syncing = sync(service, rows, {
				fields: {
					givenName: "={{ $json.first ?? '' }}",
					familyName: "={{ $json.last ?? '' }}",
					title: "={{ $json.title ?? 'Colleague' }}",
				},
				options: { changeLimit: 0, maxShareDeactivated: 0 },
			});
			await wrote;
			const offboarding = await offboard(service, 'gone@example.com');
			const synced = await syncing;
			expect(synced.error).toBeUndefined();
			expect(json(offboarding)).toEqual(removedFromTheirTeam);
			expect(groupsOf(store, offboarded.id)).toEqual([]);
			expect(groupsOf(store, leaver.id)).toEqual([]);
			// Its team write went while the Sync's updates were still being sent, not after them all.
			const { requests } = service;
			const offboardingWrite = requests.findIndex(
				(request) => request.method === 'PATCH' && request.path === `/Groups/${engineering.id}`,
			);
			const updates = requests.flatMap((request, index) =>
				request.method !== 'GET' && /^\/Users\/[^/]+$/.test(request.path) ? [index] : [],
			);
			expect(updates.length).toBeGreaterThan(240);
			expect(offboardingWrite).toBeGreaterThanOrEqual(0);
			expect(offboardingWrite).toBeLessThan(updates[updates.length - 100]);
		} finally {
			await service.close();
		}
	});
});

describe('Leapsome · a leavers’ team write refused for the credential', () => {
	test('stops the Sync’s writes not yet sent, as a refused deactivation does', async () => {
		const service = await leapsome((request) =>
			request.method === 'PATCH' && request.path.startsWith('/Groups/')
				? { status: 403 }
				: undefined,
		);
		try {
			const { store } = service;
			const people = seedPeople(service, 4);
			store.addGroup(
				'Sales',
				people.map((person) => person.id),
			);
			const rows: HrRow[] = [
				...people.map((person, index) => ({
					email: person.userName,
					first: `P${index}`,
					last: 'Person',
					team: 'Sales',
					left: index >= 2,
				})),
				{ email: 'new1@example.com', first: 'New', last: 'One', team: 'Sales' },
			];
			const run = await sync(service, rows, {
				options: { changeLimit: 0, maxShareDeactivated: 0 },
			});
			expect(service.requests.filter((r) => r.method === 'POST' && r.path === '/Users')).toEqual(
				[],
			);
			expect(json(run).find((item) => item.userName === 'new1@example.com')).toMatchObject({
				outcome: 'notAttempted',
			});
		} finally {
			await service.close();
		}
	});
});

describe('Leapsome · an offboarding’s last leavers', () => {
	test('their round starts while the round before waits out its fresh window, once every item has started and waits', async () => {
		const teamWrites: Array<{ path: string; at: number }> = [];
		const service = await leapsome((request) => {
			if (request.method === 'PATCH' && request.path.startsWith('/Groups/'))
				teamWrites.push({ path: request.path, at: Date.now() });
		});
		try {
			const people = seedPeople(service, 6);
			const sales = service.store.addGroup(
				'Sales',
				people.slice(0, 3).map((person) => person.id),
			);
			const support = service.store.addGroup(
				'Support',
				people.slice(3).map((person) => person.id),
			);
			// One at a time: the first leaver's round starts alone, the second leaver comes while it runs.
			const run = await runVendor(
				'leapsome',
				service,
				{ ...OFFBOARD_BY_EMAIL, options: { parallelRequests: 1 } },
				[{ email: people[0].userName }, { email: people[3].userName }],
				{ continueOnFail: true },
			);
			expect(json(run)).toEqual([...removedFromTheirTeam, ...removedFromTheirTeam]);
			expect(teamWrites.map(({ path }) => path)).toEqual([
				`/Groups/${sales.id}`,
				`/Groups/${support.id}`,
			]);
			// Waiting for the first round's reading back would put them at least 2.1 s apart.
			expect(teamWrites[1].at - teamWrites[0].at).toBeLessThan(1500);
			expect(groupsOf(service.store, people[0].id)).toEqual([]);
			expect(groupsOf(service.store, people[3].id)).toEqual([]);
			expect(service.store.groupByName('Sales')?.members.map((m) => m.value)).toEqual(
				people.slice(1, 3).map((person) => person.id),
			);
			expect(service.store.groupByName('Support')?.members.map((m) => m.value)).toEqual(
				people.slice(4).map((person) => person.id),
			);
		} finally {
			await service.close();
		}
	});
});
