import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { startScimServer } from '../servers/scimmyServer';
import type { ScimStore } from '../servers/scimStore';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import { byUserName, CREDENTIAL_OF, groupsOf, json, placeIn, scimCredentials } from './fixtures';
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
				parameters: {
					resource: 'user',
					operation: 'deactivate',
					userId: byUserName('={{ $json.email }}'),
					ignoreNotFound: true,
					removeFromGroups: true,
				},
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
