import type { INodeParameters } from 'n8n-workflow';

import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import type { RecordedRequest } from '../servers/scimmyServer';
import type { ScimStore } from '../servers/scimStore';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import type { RunningSimulator } from '../servers/vendorSimulator';
import { groupsOf, json, placeIn, runVendor } from './fixtures';
import type { PackageNode } from './fixtures';
import { accountsNamed, changing, outcomes, syncParameters } from './sync.fixtures';
import type { HrRow } from './sync.fixtures';
import { useSimulator } from './vendors.fixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

async function sync(
	type: PackageNode,
	service: RunningSimulator,
	rows: HrRow[],
	overrides: INodeParameters = {},
	options: { continueOnFail?: boolean } = {},
) {
	return await runVendor(type, service, syncParameters(overrides), rows, options);
}

/** Who was in which group when their deactivation arrived: revoking access waits on no group write. */
function watchDeactivations(seen: Map<string, string[]>) {
	return (request: RecordedRequest, store: ScimStore) => {
		const body = request.body as
			{ active?: unknown; Operations?: Array<{ value?: { active?: unknown } }> } | undefined;
		const deactivating =
			request.path.startsWith('/Users/') &&
			(body?.active === false ||
				body?.Operations?.some((operation) => operation.value?.active === false));
		if (!deactivating) return;
		const id = request.path.split('/')[2];
		seen.set(
			id,
			groupsOf(store, id).filter((name) => name !== 'Default'),
		);
	};
}

describe('Sync With List · Leapsome', () => {
	const seen = new Map<string, string[]>();
	const leapsome = useSimulator(async () => {
		seen.clear();
		return await startLeapsomeSimulator({ onRequest: watchDeactivations(seen) });
	});
	const LEAPSOME_FIELDS: INodeParameters = {
		fields: {
			givenName: "={{ $json.first ?? '' }}",
			familyName: "={{ $json.last ?? '' }}",
			title: "={{ $json.title ?? '' }}",
			department: "={{ $json.department ?? '' }}",
			manager: "={{ $json.manager ?? '' }}",
		},
	};

	test('a whole company: leavers are deactivated first, then leave their teams (Parallel Requests 5), joiners get their manager even when the manager is new too, and a second run sends nothing', async () => {
		const store = leapsome().store;
		const people = Array.from({ length: 12 }, (_, index) =>
			leapsome().addUser({
				userName: `p${index}@example.com`,
				givenName: `P${index}`,
				familyName: 'Person',
				title: 'Colleague',
			}),
		);
		const sales = store.addGroup(
			'Sales',
			people.slice(0, 8).map((person) => person.id),
		);
		store.addGroup(
			'Engineering',
			people.slice(8).map((person) => person.id),
		);
		const rows: HrRow[] = people.map((person, index) => ({
			email: person.userName,
			first: `P${index}`,
			last: 'Person',
			team: index < 8 ? 'Sales' : 'Engineering',
			// Four of the sales team have left.
			left: index >= 4 && index < 8,
		}));
		rows.push(
			{
				email: 'lead@example.com',
				first: 'Lea',
				last: 'Lead',
				title: 'Head of Sales',
				team: 'Sales',
				department: 'Sales',
			},
			{
				email: 'new@example.com',
				first: 'Neo',
				last: 'New',
				team: 'Sales',
				department: 'Sales',
				manager: 'lead@example.com',
			},
		);
		const run = await sync('leapsome', leapsome(), rows, {
			...LEAPSOME_FIELDS,
			options: { parallelRequests: 5 },
		});
		expect(run.error).toBeUndefined();
		expect(json(run).map((item) => [item.userName, item.outcome, item.action])).toEqual([
			['p4@example.com', 'done', 'deactivate'],
			['p5@example.com', 'done', 'deactivate'],
			['p6@example.com', 'done', 'deactivate'],
			['p7@example.com', 'done', 'deactivate'],
			['lead@example.com', 'done', 'create'],
			['new@example.com', 'done', 'create'],
		]);
		for (const leaver of people.slice(4, 8)) {
			expect(seen.get(leaver.id)).toEqual(['Sales']);
			expect(store.users.get(leaver.id)?.active).toBe(false);
			expect(groupsOf(store, leaver.id)).toEqual([]);
		}
		const [lead] = accountsNamed(store, 'lead@example.com');
		const [joiner] = accountsNamed(store, 'new@example.com');
		expect(joiner[ENTERPRISE]).toMatchObject({ department: 'Sales', manager: lead.id });
		expect(lead).toMatchObject({ title: 'Head of Sales' });
		expect(sales.members.map((member) => member.value).sort()).toEqual(
			[...people.slice(0, 4).map((person) => person.id), lead.id, joiner.id].sort(),
		);
		// The leavers' round writes before the creates, which go on while it waits out its
		// fresh window and reads back.
		const { requests } = leapsome();
		const leaversWrite = requests.findIndex(
			(request) =>
				request.method === 'PATCH' &&
				request.path === `/Groups/${sales.id}` &&
				(request.body as { replaceMembers?: unknown }).replaceMembers === true,
		);
		const creates = requests.flatMap((request, index) =>
			request.method === 'POST' && request.path === '/Users' ? [index] : [],
		);
		expect(creates).toHaveLength(2);
		expect(leaversWrite).toBeGreaterThanOrEqual(0);
		expect(leaversWrite).toBeLessThan(creates[0]);

		const before = changing(leapsome().requests).length;
		const again = await sync('leapsome', leapsome(), rows, LEAPSOME_FIELDS);
		expect(json(again)).toEqual([]);
		expect(changing(leapsome().requests)).toHaveLength(before);
	});

	test('a drifted title and department are corrected with one partial PATCH; the manager is compared by the user it names', async () => {
		const store = leapsome().store;
		const boss = leapsome().addUser({
			userName: 'boss@example.com',
			givenName: 'Bo',
			familyName: 'Ss',
		});
		const ana = leapsome().addUser({
			userName: 'ana@example.com',
			givenName: 'Ana',
			familyName: 'Lima',
			title: 'AE',
		});
		store.users.get(ana.id)![ENTERPRISE] = { department: 'Sales', manager: boss.id };
		const rows: HrRow[] = [
			{ email: 'boss@example.com', first: 'Bo', last: 'Ss' },
			{
				email: 'ana@example.com',
				first: 'Ana',
				last: 'Lima',
				title: 'Senior AE',
				department: 'Revenue',
				manager: 'BOSS@example.com',
			},
		];
		const run = await sync('leapsome', leapsome(), rows, {
			...LEAPSOME_FIELDS,
			attributesToSync: ['givenName', 'familyName', 'title', 'department', 'manager'],
		});
		expect(json(run)).toEqual([
			expect.objectContaining({
				outcome: 'done',
				action: 'update',
				changes: [
					{ field: 'title', from: 'AE', to: 'Senior AE' },
					{ field: 'department', from: 'Sales', to: 'Revenue' },
				],
			}),
		]);
		expect(changing(leapsome().requests)).toEqual([
			expect.objectContaining({
				method: 'PATCH',
				path: `/Users/${ana.id}`,
				body: {
					userName: 'ana@example.com',
					title: 'Senior AE',
					[ENTERPRISE]: { department: 'Revenue' },
				},
			}),
		]);
	});
});

describe('Sync With List · what Leapsome documents it refuses is held in the plan', () => {
	const leapsome = useSimulator(async () => await startLeapsomeSimulator());

	test('an address its OpenAPI’s format: email refuses (non-ASCII), and a team name over 128 characters to create, are invalid in the dry run and the real run alike; nothing reaches Leapsome that it refuses', async () => {
		const long = `Team ${'x'.repeat(130)}`;
		const rows: HrRow[] = [
			{ email: 'jürgen.müller@example.com', first: 'Jürgen', last: 'Müller' },
			{ email: 'ana@example.com', first: 'Ana', last: 'Lima', team: long },
			{ email: 'bo@example.com', first: 'Bo', last: 'Stone' },
		];
		for (const dryRun of [true, false]) {
			const run = await sync('leapsome', leapsome(), rows, {
				createMissingGroups: true,
				options: { dryRun },
			});
			expect(run.error).toBeUndefined();
			const items = json(run);
			expect(items.map((item) => [item.userName, item.reason])).toEqual([
				['jürgen.müller@example.com', 'invalid'],
				['ana@example.com', 'invalid'],
				['bo@example.com', null],
			]);
			expect(items[0].error).toMatch(
				/^Item 1: “User Name” is not an address Leapsome takes: its API accepts plain \(ASCII\) email addresses only/,
			);
			expect(items[1].error).toMatch(
				/cannot be created there: the name is longer than the 128 characters Leapsome takes for a group name/,
			);
		}
		expect(accountsNamed(leapsome().store, 'bo@example.com')).toHaveLength(1);
		expect(accountsNamed(leapsome().store, 'ana@example.com')).toEqual([]);
		expect(leapsome().store.groupByName(long)).toBeUndefined();
	});
});

describe('Sync With List · LeadIQ (one group per person, names only)', () => {
	const leadIq = useSimulator(async () => await startLeadIqSimulator());

	test('a move between managed groups leaves the old one first; two groups for one person is invalid; a rename is held since LeadIQ cannot change a userName', async () => {
		const service = leadIq();
		const ana = service.addUser({
			userName: 'ana@example.com',
			givenName: 'Ana',
			familyName: 'Lima',
		});
		const bo = service.addUser({
			userName: 'bo@example.com',
			givenName: 'Bo',
			familyName: 'Stone',
			externalId: 'E-2',
		});
		const cy = service.addUser({ userName: 'cy@example.com', givenName: 'Cy', familyName: 'Ng' });
		placeIn(service.store, ana.id, ['Sales']);
		placeIn(service.store, cy.id, ['Sales']);
		service.store.addGroup('Marketing');
		const rows: HrRow[] = [
			{
				email: 'ana@example.com',
				first: 'Ana',
				last: 'Lima',
				title: 'Ignored here',
				team: 'Marketing',
			},
			{
				email: 'bo.stone@example.com',
				first: 'Bo',
				last: 'Stone',
				employeeId: 'E-2',
				team: 'Sales',
			},
			{ email: 'cy@example.com', first: 'Cy', last: 'Nguyen', team: ['Sales', 'Marketing'] },
		];
		const run = await sync(
			'leadIq',
			service,
			rows,
			{ allowRenames: true },
			{ continueOnFail: true },
		);
		expect(outcomes(json(run))).toEqual({
			'ana@example.com': ['done', 'groups', null],
			'bo@example.com': ['skipped', 'none', 'renameNotAllowed'],
			'cy@example.com': ['skipped', 'none', 'invalid'],
		});
		expect(json(run)[1].summary).toMatch(/LeadIQ does not let a userName change through SCIM/);
		expect(json(run)[2].error).toBe(
			'Item 3: “Groups” names 2 groups (Sales, Marketing), but LeadIQ allows one group per person',
		);
		expect(groupsOf(service.store, ana.id)).toEqual(['Marketing']);
		const patches = changing(service.requests).map((request) => JSON.stringify(request.body));
		expect(patches).toHaveLength(2);
		expect(patches[0]).toContain('"op":"remove"');
		expect(patches[1]).toContain('"op":"add"');
		expect(groupsOf(service.store, bo.id)).toEqual(['Default']);
		expect(groupsOf(service.store, cy.id)).toEqual(['Sales']);
	});

	test('a leaver is deactivated the way Okta’s client does it and leaves their group for Default; a second run sends nothing', async () => {
		const service = leadIq();
		const max = service.addUser({
			userName: 'max@example.com',
			givenName: 'Max',
			familyName: 'Turner',
		});
		const ana = service.addUser({
			userName: 'ana@example.com',
			givenName: 'Ana',
			familyName: 'Lima',
		});
		placeIn(service.store, max.id, ['Sales']);
		placeIn(service.store, ana.id, ['Sales']);
		const rows: HrRow[] = [
			{ email: 'max@example.com', left: true },
			{ email: 'ana@example.com', first: 'Ana', last: 'Lima', team: 'Sales' },
			{ email: 'riley@example.com', first: 'Riley', last: 'Jordan', team: 'Sales' },
		];
		const run = await sync('leadIq', service, rows);
		expect(run.error).toBeUndefined();
		expect(service.store.users.get(max.id)?.active).toBe(false);
		expect(groupsOf(service.store, max.id)).toEqual(['Default']);
		expect(
			groupsOf(service.store, accountsNamed(service.store, 'riley@example.com')[0].id),
		).toEqual(['Sales']);
		const before = changing(service.requests).length;
		expect(json(await sync('leadIq', service, rows))).toEqual([]);
		expect(changing(service.requests)).toHaveLength(before);
	});
});

describe('Sync With List · Spekit', () => {
	let refuseFrom = Infinity;
	let writes = 0;
	const spekit = useSimulator(async () => {
		writes = 0;
		refuseFrom = Infinity;
		return await startSpekitSimulator({
			onRequest: (request) =>
				request.method !== 'GET' && ++writes >= refuseFrom ? { status: 401 } : undefined,
		});
	});

	test('Spekit’s own teams cannot be named; a profile change is a PUT of the whole user, as Okta’s client sends it; a second run sends nothing', async () => {
		const service = spekit();
		const ana = service.addUser({
			userName: 'ana@example.com',
			givenName: 'Ana',
			familyName: 'Lima',
			title: 'AE',
		});
		service.store.addGroup('Sales');
		const rows: HrRow[] = [
			{ email: 'ana@example.com', first: 'Ana', last: 'Lima', title: 'Senior AE', team: 'Sales' },
			{ email: 'kim@example.com', team: 'All Spekit Users' },
		];
		const run = await sync('spekit', service, rows);
		expect(outcomes(json(run))).toEqual({
			'ana@example.com': ['done', 'update', null],
			'kim@example.com': ['skipped', 'none', 'invalid'],
		});
		expect(json(run)[1].error).toMatch(
			/^Item 2: “Groups” names "All Spekit Users", which Spekit keeps for itself/,
		);
		expect(
			changing(service.requests).map((request) => `${request.method} ${request.path}`),
		).toEqual([`PUT /Users/${ana.id}`, expect.stringMatching(/^PATCH \/Groups\//)]);
		const before = changing(service.requests).length;
		const again = await sync('spekit', service, rows);
		expect(json(again).map((item) => [item.userName, item.reason])).toEqual([
			['kim@example.com', 'invalid'],
		]);
		expect(changing(service.requests)).toHaveLength(before);
	});

	test('a write refused for the credential (401) stops the writes not yet sent: they are notAttempted, and the node fails naming them', async () => {
		const service = spekit();
		const leavers = Array.from({ length: 6 }, (_, index) =>
			service.addUser({ userName: `l${index}@example.com` }),
		);
		service.addUser({ userName: 'stays@example.com' });
		refuseFrom = 2;
		const rows: HrRow[] = [
			{ email: 'stays@example.com' },
			...leavers.map((leaver) => ({ email: leaver.userName, left: true })),
		];
		const run = await sync(
			'spekit',
			service,
			rows,
			{ options: { parallelRequests: 1, changeLimit: 0, maxShareDeactivated: 0 } },
			{ continueOnFail: true },
		);
		expect(json(run).map((item) => item.outcome)).toEqual([
			'done',
			'failed',
			'notAttempted',
			'notAttempted',
			'notAttempted',
			'notAttempted',
		]);
		expect(json(run)[2].summary).toBe(
			'Did not deactivate l2@example.com in Spekit: another write was refused for the credential',
		);
		expect(writes).toBe(2);
		const failing = await sync('spekit', service, rows, {
			options: { parallelRequests: 1, changeLimit: 0, maxShareDeactivated: 0 },
		});
		expect(failing.error?.message).toMatch(
			/^5 changes in Spekit did not go through: l1@example.com: SCIM PATCH .* failed with 401/,
		);
	});
});
