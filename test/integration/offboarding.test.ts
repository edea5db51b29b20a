import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { startScimServer } from '../servers/scimmyServer';
import type { ScimStore } from '../servers/scimStore';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import {
	byUserName,
	CREDENTIAL_OF,
	groupsOf,
	json,
	OFFBOARD_BY_EMAIL,
	placeIn,
	runScim,
	scimCredentials,
	withScimServer,
} from './fixtures';
import type { PackageNode } from './fixtures';
import { runNode } from '../harness/runNode';

interface Service {
	baseUrl: string;
	store: ScimStore;
	violations?: string[];
	close(): Promise<void>;
}

/** Each node against its service; `groups` are the leaver's, `fallback` the vendor's group every user is in. */
const SERVICES: Array<{
	label: string;
	node: PackageNode;
	start: () => Promise<Service>;
	groups: string[];
	fallback?: string;
	token?: string;
}> = [
	{
		label: 'SCIM, users list their groups',
		node: 'scim',
		start: async () => await startScimServer(),
		groups: ['Engineering', 'On-call'],
	},
	{
		label: 'SCIM, only groups list their members',
		node: 'scim',
		start: async () => await startScimServer({ omitUserGroups: true }),
		groups: ['Engineering', 'On-call'],
	},
	{
		label: 'Leapsome',
		node: 'leapsome',
		start: startLeapsomeSimulator,
		groups: ['Engineering', 'On-call'],
	},
	{
		label: 'Spekit',
		node: 'spekit',
		start: startSpekitSimulator,
		groups: ['Engineering', 'On-call'],
	},
	{
		label: 'LeadIQ',
		node: 'leadIq',
		start: startLeadIqSimulator,
		groups: ['Engineering'],
		fallback: 'Default',
	},
];

describe.each(SERVICES.map((service) => [service.label, service] as const))(
	'Deactivate with “Remove From All Groups” (%s): offboarding in one step',
	(_, { node, start, groups, fallback }) => {
		let service: Service;
		beforeEach(async () => {
			service = await start();
		});
		afterEach(async () => {
			await service.close();
			expect(service.violations ?? []).toEqual([]);
		});

		const offboard = async (email: string) => {
			const credentials =
				node === 'scim'
					? scimCredentials(service)
					: { [CREDENTIAL_OF[node]]: { baseUrl: service.baseUrl, token: SIMULATOR_TOKEN } };
			const run = await runNode({
				type: node,
				parameters: OFFBOARD_BY_EMAIL,
				items: [{ email }],
				credentials,
			});
			expect(run.error).toBeUndefined();
			return json(run)[0];
		};

		test('the leaver is inactive and in no group but the fallback; colleagues keep theirs; a re-run changes nothing', async () => {
			const leaver = service.store.addUser({ userName: 'leaver@example.com' });
			const stays = service.store.addUser({ userName: 'stays@example.com' });
			if (fallback) service.store.groupByName(fallback)?.members.push({ value: stays.id });
			placeIn(service.store, leaver.id, groups);
			placeIn(service.store, stays.id, [groups[0]]);

			const first = await offboard('LEAVER@example.com');
			expect(first).toMatchObject({ outcome: 'deactivated', id: leaver.id, active: false });
			expect(
				(first.removedFromGroups as Array<{ displayName: string }>)
					.map((group) => group.displayName)
					.sort(),
			).toEqual(groups);
			expect(service.store.users.get(leaver.id)?.active).toBe(false);
			expect(groupsOf(service.store, leaver.id)).toEqual(fallback ? [fallback] : []);
			expect(groupsOf(service.store, stays.id)).toEqual([groups[0]]);
			expect(service.store.users.get(stays.id)?.active).toBe(true);

			const again = await offboard('leaver@example.com');
			expect(again).toMatchObject({ outcome: 'alreadyInactive', removedFromGroups: [] });
			expect(groupsOf(service.store, leaver.id)).toEqual(fallback ? [fallback] : []);
		});

		test('someone who never had an account is notFound, and nothing is written', async () => {
			service.store.addUser({ userName: 'colleague@example.com' });
			const before = JSON.stringify([...service.store.groups.values()]);
			expect(await offboard('never@example.com')).toMatchObject({ outcome: 'notFound' });
			expect(JSON.stringify([...service.store.groups.values()])).toBe(before);
		});
	},
);

describe('a step that fails after an earlier one went through says what went through', () => {
	test('Deactivate with Remove From All Groups: the group refused after the deactivation and another group left names both, and a re-run finishes', async () => {
		let refused = '';
		await withScimServer(
			{
				onRequest: (request) =>
					request.method === 'PATCH' && request.path === `/Groups/${refused}`
						? { status: 403 }
						: undefined,
			},
			async (server) => {
				const ana = server.store.addUser({ userName: 'ana@example.com' });
				server.store.addGroup('Sales', [ana.id]);
				refused = server.store.addGroup('EMEA', [ana.id]).id;
				const offboard = async () =>
					await runScim(
						server,
						{
							resource: 'user',
							operation: 'deactivate',
							userId: byUserName('ana@example.com'),
							removeFromGroups: true,
						},
						[{}],
						{ continueOnFail: true },
					);
				expect(json(await offboard())).toEqual([
					{
						error: `Deactivated ana@example.com in the SCIM service and removed them from Sales, but removing them from EMEA failed: SCIM PATCH /Groups/${refused} failed with 403: Refused by the test`,
					},
				]);
				expect(server.store.userByName('ana@example.com')?.active).toBe(false);
				expect(groupsOf(server.store, ana.id)).toEqual(['EMEA']);

				refused = '';
				expect(json(await offboard())[0]).toMatchObject({
					outcome: 'alreadyInactive',
					removedFromGroups: [{ displayName: 'EMEA' }],
				});
				expect(groupsOf(server.store, ana.id)).toEqual([]);
			},
		);
	});

	test('Reactivate with Restore Groups: a group refused after the reactivation names the reactivation and the groups joined', async () => {
		let refused = '';
		await withScimServer(
			{
				onRequest: (request) =>
					request.method === 'PATCH' && request.path === `/Groups/${refused}`
						? { status: 403 }
						: undefined,
			},
			async (server) => {
				server.store.addUser({ userName: 'ana@example.com', active: false });
				server.store.addGroup('Sales');
				refused = server.store.addGroup('EMEA').id;
				const run = await runScim(server, {
					resource: 'user',
					operation: 'reactivate',
					userId: byUserName('ana@example.com'),
					restoreGroups: 'Sales, EMEA',
				});
				expect(run.error?.message).toBe(
					`Reactivated ana@example.com in the SCIM service and put them back in Sales, but putting them back in EMEA failed: SCIM PATCH /Groups/${refused} failed with 403: Refused by the test`,
				);
				expect(run.error?.description).toMatch(
					/^ana@example\.com is active and in Sales\. Running the node again does only what is left\./,
				);
				expect(server.store.userByName('ana@example.com')?.active).toBe(true);
			},
		);
	});
});
