import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import type { NodeRun } from '../harness/runNode';
import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { DEFAULT_TOKEN, startScimServer } from '../servers/scimmyServer';
import type { RecordedRequest } from '../servers/scimmyServer';
import type { ScimStore, StoredUser } from '../servers/scimStore';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import {
	byDisplayName,
	byId,
	byUserName,
	CREDENTIAL_OF,
	groupsOf,
	json,
	placeIn,
} from './fixtures';
import { useSimulator } from './vendors.fixtures';
import type { PackageNode } from './fixtures';

interface Service {
	baseUrl: string;
	store: ScimStore;
	requests: RecordedRequest[];
	violations?: string[];
	close(): Promise<void>;
}

interface Setup {
	node: PackageNode;
	start: () => Promise<Service>;
	token: string;
	/** Operations the vendor has no way to do. */
	cannot: string[];
	/** The group every user is in (LeadIQ's Default), which offboarding leaves alone. */
	fallbackGroup?: string;
}

const SETUPS: Setup[] = [
	{ node: 'scim', start: async () => await startScimServer(), token: DEFAULT_TOKEN, cannot: [] },
	{
		node: 'leadIq',
		start: startLeadIqSimulator,
		token: SIMULATOR_TOKEN,
		cannot: ['user.delete'],
		fallbackGroup: 'Default',
	},
	{
		node: 'leapsome',
		start: startLeapsomeSimulator,
		token: SIMULATOR_TOKEN,
		cannot: ['user.delete', 'group.delete'],
	},
	{ node: 'spekit', start: startSpekitSimulator, token: SIMULATOR_TOKEN, cannot: ['group.delete'] },
];

function credentials(setup: Setup, service: Service, extra: ICredentialDataDecryptedObject = {}) {
	const credential: ICredentialDataDecryptedObject = {
		baseUrl: service.baseUrl,
		token: setup.token,
		...extra,
	};
	if (setup.node === 'scim')
		Object.assign(credential, { authentication: 'bearer', maxRequestsPerSecond: 0 });
	return { [CREDENTIAL_OF[setup.node]]: credential };
}

const writesOf = (requests: RecordedRequest[]) =>
	requests
		.filter((request) => request.method !== 'GET')
		.map(({ method, path }) => `${method} ${path}`);

/** One write operation: how to prepare the service, and the node's parameters. */
interface WriteCase {
	id: string;
	prepare: (store: ScimStore) => void;
	parameters: INodeParameters;
	/** The outcome a dry run gives. */
	planned: string;
}

const WRITES: WriteCase[] = [
	{
		id: 'user.create',
		prepare: () => undefined,
		parameters: {
			resource: 'user',
			operation: 'create',
			userName: 'new@example.com',
			additionalFields: { givenName: 'Nia', familyName: 'New' },
		},
		planned: 'wouldCreate',
	},
	{
		id: 'user.update',
		prepare: (store) =>
			void store.addUser({ userName: 'ana@example.com', givenName: 'Ana', familyName: 'Lima' }),
		parameters: {
			resource: 'user',
			operation: 'update',
			userId: byUserName('ana@example.com'),
			updateFields: { familyName: 'Silva' },
		},
		planned: 'wouldUpdate',
	},
	{
		id: 'user.deactivate',
		prepare: (store) => {
			const ana = store.addUser({ userName: 'ana@example.com' });
			placeIn(store, ana.id, ['Sales']);
		},
		parameters: {
			resource: 'user',
			operation: 'deactivate',
			userId: byUserName('ana@example.com'),
			removeFromGroups: true,
		},
		planned: 'wouldDeactivate',
	},
	{
		id: 'user.reactivate',
		prepare: (store) => void store.addUser({ userName: 'ana@example.com', active: false }),
		parameters: {
			resource: 'user',
			operation: 'reactivate',
			userId: byUserName('ana@example.com'),
		},
		planned: 'wouldReactivate',
	},
	{
		id: 'user.delete',
		prepare: (store) => void store.addUser({ userName: 'ana@example.com' }),
		parameters: { resource: 'user', operation: 'delete', userId: byUserName('ana@example.com') },
		planned: 'wouldDelete',
	},
	{
		id: 'group.create',
		prepare: () => undefined,
		parameters: { resource: 'group', operation: 'create', displayName: 'Support' },
		planned: 'wouldCreate',
	},
	{
		id: 'group.update',
		prepare: (store) => void store.addGroup('Support'),
		parameters: {
			resource: 'group',
			operation: 'update',
			groupId: byDisplayName('Support'),
			displayName: 'Customer Support',
		},
		planned: 'wouldUpdate',
	},
	{
		id: 'group.delete',
		prepare: (store) => void store.addGroup('Support'),
		parameters: { resource: 'group', operation: 'delete', groupId: byDisplayName('Support') },
		planned: 'wouldDelete',
	},
	{
		id: 'group.addMember',
		prepare: (store) => {
			store.addUser({ userName: 'ana@example.com' });
			store.addGroup('Sales');
		},
		parameters: {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName('Sales'),
			userId: byUserName('ana@example.com'),
		},
		planned: 'wouldAdd',
	},
	{
		id: 'group.removeMember',
		prepare: (store) => {
			const ana = store.addUser({ userName: 'ana@example.com' });
			const bo = store.addUser({ userName: 'bo@example.com' });
			placeIn(store, ana.id, ['Sales']);
			store.groupByName('Sales')!.members.push({ value: bo.id });
		},
		parameters: {
			resource: 'group',
			operation: 'removeMember',
			groupId: byDisplayName('Sales'),
			userId: byUserName('ana@example.com'),
		},
		planned: 'wouldRemove',
	},
];

/** What a real run reports, as a dry run words it. */
const PLANNED: Record<string, string> = {
	created: 'wouldCreate',
	updated: 'wouldUpdate',
	deactivated: 'wouldDeactivate',
	reactivated: 'wouldReactivate',
	deleted: 'wouldDelete',
	added: 'wouldAdd',
	removed: 'wouldRemove',
};

describe.each(SETUPS.map((setup) => [setup.node, setup] as const))(
	'Safety rails on the %s node',
	(_, setup) => {
		const current = useSimulator(setup.start);
		let service: Service;
		beforeEach(() => {
			service = current();
		});
		const run = async (
			parameters: INodeParameters,
			items: IDataObject[] = [{}],
			extra: ICredentialDataDecryptedObject = {},
		): Promise<NodeRun> =>
			await runNode({
				type: setup.node,
				parameters,
				items,
				credentials: credentials(setup, service, extra),
				continueOnFail: true,
			});

		test.each(
			WRITES.filter((write) => !setup.cannot.includes(write.id)).map((write) => [write.id, write]),
		)(
			'Dry Run of %s sends no write, plans what the real run then sends, and names the outcome it then gives',
			async (__, write) => {
				write.prepare(service.store);
				const before = JSON.stringify([
					...service.store.users.values(),
					...service.store.groups.values(),
				]);
				const dry = await run({ ...write.parameters, options: { dryRun: true } });
				const [planned] = json(dry);
				expect(writesOf(service.requests)).toEqual([]);
				expect(
					JSON.stringify([...service.store.users.values(), ...service.store.groups.values()]),
				).toBe(before);
				expect(planned).toMatchObject({ outcome: write.planned, dryRun: true });
				expect(JSON.stringify(planned)).not.toContain(setup.token);

				service.requests.length = 0;
				const [done] = json(await run(write.parameters));
				expect(done.error).toBeUndefined();
				if (done.outcome !== undefined) expect(PLANNED[String(done.outcome)]).toBe(write.planned);
				// A new user's id is not known to a dry run: it plans under a stand-in.
				const sent = writesOf(service.requests).map((request) =>
					write.id === 'user.create'
						? request.replace(String(done.id), 'id-given-on-create')
						: request,
				);
				const plannedRequests = planned.plannedRequests as Array<{ method: string; path: string }>;
				expect(plannedRequests.map(({ method, path }) => `${method} ${path}`)).toEqual(sent);
			},
		);

		test('Protected Accounts: deactivate, delete and remove member refuse a protected user, by userName or id, in any case, before any write', async () => {
			const boss = service.store.addUser({ userName: 'Break.Glass@example.com' });
			const bot = service.store.addUser({ userName: 'bot@example.com' });
			placeIn(service.store, boss.id, ['Admins']);
			placeIn(service.store, bot.id, ['Admins']);
			const protectedUsers = `  break.glass@EXAMPLE.com \n${bot.id.toUpperCase()}, someone@else.com`;
			const tries: INodeParameters[] = [
				{
					resource: 'user',
					operation: 'deactivate',
					userId: byUserName('={{ $json.who }}'),
					removeFromGroups: true,
				},
				{
					resource: 'group',
					operation: 'removeMember',
					groupId: byDisplayName('Admins'),
					userId: byUserName('={{ $json.who }}'),
				},
				...(setup.cannot.includes('user.delete')
					? []
					: [{ resource: 'user', operation: 'delete', userId: byId('={{ $json.id }}') }]),
			];
			for (const parameters of tries) {
				const result = await run(
					parameters,
					[boss, bot].map((user) => ({ who: user.userName, id: user.id })),
					{ protectedUsers },
				);
				expect(json(result)).toEqual([
					{
						error: expect.stringMatching(
							/^Item 1: “User” is protected: "Break\.Glass@example\.com" is on the credential’s Protected Accounts/,
						),
					},
					{
						error: expect.stringMatching(
							/^Item 2: “User” is protected: "bot@example\.com" is on the credential’s Protected Accounts/,
						),
					},
				]);
			}
			expect(writesOf(service.requests)).toEqual([]);
			expect(service.store.users.get(boss.id)?.active).toBe(true);
			expect(groupsOf(service.store, bot.id)).toContain('Admins');
		});

		test('Protected Accounts: the license audit reports an account nobody expects as protected, never unexpected', async () => {
			service.store.addUser({ userName: 'ana@example.com' });
			service.store.addUser({ userName: 'breakglass@example.com' });
			service.store.addUser({ userName: 'contractor@example.com' });
			const result = await run(
				{ resource: 'user', operation: 'audit', expectedUserName: '={{ $json.email }}' },
				[{ email: 'ana@example.com' }],
				{ protectedUsers: 'BreakGlass@example.com' },
			);
			expect(json(result).map(({ status, userName }) => [status, userName])).toEqual([
				['ok', 'ana@example.com'],
				['protected', 'breakglass@example.com'],
				['unexpected', 'contractor@example.com'],
			]);
		});

		test('Change Limit: more items than the limit (100 unless set) refuse the whole run before a single request', async () => {
			const leavers = Array.from({ length: 101 }, (__, index) => ({
				email: `leaver${index}@example.com`,
			}));
			const parameters = {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('={{ $json.email }}'),
				ignoreNotFound: true,
			};
			const refused = await run(parameters, leavers);
			expect(refused.error?.message).toBe(
				'101 items came in, more than the Change Limit of 100: nothing was changed',
			);
			expect(refused.error?.description).toMatch(
				/raise “Change Limit” under Options to 101 or more \(0 turns it off\)/,
			);
			expect(service.requests).toEqual([]);
			const smaller = await run(
				{ ...parameters, options: { changeLimit: 2 } },
				leavers.slice(0, 3),
			);
			expect(smaller.error?.message).toBe(
				'3 items came in, more than the Change Limit of 2: nothing was changed',
			);
			expect(service.requests).toEqual([]);
			const allowed = await run(
				{ ...parameters, options: { changeLimit: 0 } },
				leavers.slice(0, 101),
			);
			expect(json(allowed)).toHaveLength(101);
		});

		test('Restore: Deactivate with Remove From All Groups, then Reactivate with its removedFromGroups, leaves the user exactly as before', async () => {
			const ana = service.store.addUser({
				userName: 'ana@example.com',
				givenName: 'Ana',
				familyName: 'Lima',
			});
			const groups = setup.fallbackGroup ? ['Sales'] : ['Sales', 'On-call'];
			placeIn(service.store, ana.id, groups);
			const before = { active: true, groups: groupsOf(service.store, ana.id) };

			const offboarded = await run({
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('ana@example.com'),
				removeFromGroups: true,
			});
			expect(json(offboarded)[0]).toMatchObject({ outcome: 'deactivated' });
			expect(groupsOf(service.store, ana.id)).toEqual(
				setup.fallbackGroup ? [setup.fallbackGroup] : [],
			);

			// The next step gets the Deactivate's output, as in a workflow.
			const restored = await run(
				{
					resource: 'user',
					operation: 'reactivate',
					userId: byId('={{ $json.id }}'),
					restoreGroups: '={{ $json.removedFromGroups }}',
				},
				json(offboarded),
			);
			expect(json(restored)[0]).toMatchObject({
				outcome: 'reactivated',
				restoredGroups: groups.map((displayName) =>
					expect.objectContaining({ displayName, outcome: 'added' }),
				),
				notFoundGroups: [],
			});
			expect({
				active: service.store.users.get(ana.id)?.active,
				groups: groupsOf(service.store, ana.id),
			}).toEqual(before);

			// Again: nothing to do, and a group that is gone is named.
			const again = await run({
				resource: 'user',
				operation: 'reactivate',
				userId: byId(ana.id),
				restoreGroups: 'Sales, No Such Team',
			});
			expect(json(again)[0]).toMatchObject({
				outcome: 'alreadyActive',
				restoredGroups: [
					expect.objectContaining({ displayName: 'Sales', outcome: 'alreadyMember' }),
				],
				notFoundGroups: ['No Such Team'],
			});
		});
	},
);

describe('Dry Run keeps secrets out and items in order', () => {
	test('a dry run of many items answers each in order with its own plan', async () => {
		const service = await startScimServer();
		try {
			const users: StoredUser[] = Array.from({ length: 8 }, (_, index) =>
				service.store.addUser({ userName: `u${index}@example.com` }),
			);
			const run = await runNode({
				type: 'scim',
				parameters: {
					resource: 'user',
					operation: 'deactivate',
					userId: byUserName('={{ $json.email }}'),
					options: { dryRun: true, parallelRequests: 4 },
				},
				items: users.map((user) => ({ email: user.userName })),
				credentials: credentials(SETUPS[0], service),
			});
			expect(
				json(run).map((item) => [
					item.id,
					item.outcome,
					(item.plannedRequests as IDataObject[]).length,
				]),
			).toEqual(users.map((user) => [user.id, 'wouldDeactivate', 1]));
			expect(writesOf(service.requests)).toEqual([]);
		} finally {
			await service.close();
		}
	});
});
