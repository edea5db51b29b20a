import { testCredential } from '../harness/credentialTest';
import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import type { RunningSimulator } from '../servers/vendorSimulator';
import { CREDENTIAL_OF, offboardLeaver } from './fixtures';
import { offeredOperations, useSimulator } from './vendors.fixtures';

/** What every vendor node shares, and where each one differs: the same scenarios, run per vendor. */
const VENDORS: Array<{
	node: 'leadIq' | 'leapsome' | 'spekit';
	start: () => Promise<RunningSimulator>;
	operations: { user: string[]; group: string[] };
	/** The group every user of this vendor is in, and stays in. */
	fallbackGroup?: string;
	/** What the credential test says to a wrong token. */
	wrongToken: string;
}> = [
	{
		node: 'leadIq',
		start: startLeadIqSimulator,
		operations: {
			user: ['audit', 'create', 'deactivate', 'get', 'getAll', 'reactivate', 'update'],
			group: ['addMember', 'create', 'delete', 'get', 'getAll', 'removeMember', 'update'],
		},
		fallbackGroup: 'Default',
		wrongToken: 'The token was not accepted (401). Generate a new SCIM token and paste it here.',
	},
	{
		node: 'leapsome',
		start: startLeapsomeSimulator,
		operations: {
			user: ['audit', 'create', 'deactivate', 'get', 'getAll', 'reactivate', 'update'],
			group: ['addMember', 'create', 'get', 'getAll', 'removeMember', 'update'],
		},
		wrongToken: 'The token was not accepted (403). Generate a new SCIM token and paste it here.',
	},
	{
		node: 'spekit',
		start: startSpekitSimulator,
		operations: {
			user: ['audit', 'create', 'deactivate', 'delete', 'get', 'getAll', 'reactivate', 'update'],
			group: ['addMember', 'create', 'get', 'getAll', 'removeMember', 'update'],
		},
		wrongToken: 'The token was not accepted (401). Generate a new SCIM token and paste it here.',
	},
];

describe.each(VENDORS.map((vendor) => [vendor.node, vendor] as const))(
	'%s node, the scenarios every vendor shares',
	(_, { node, start, operations, fallbackGroup, wrongToken }) => {
		const service = useSimulator(start);
		const groupsOf = (userId: string) =>
			service()
				.store.groupIdsOf(userId)
				.map((id) => service().store.groups.get(id)?.displayName)
				.sort();

		test('offers every operation but those the vendor cannot do', () => {
			expect(offeredOperations(node, 'user')).toEqual(operations.user);
			expect(offeredOperations(node, 'group')).toEqual(operations.group);
		});

		test('offboarding: found by email, deactivated, out of their group (colleagues stay); a second run is alreadyInactive', async () => {
			const leaver = service().addUser({ userName: 'leaver@example.com' });
			const stays = service().addUser({ userName: 'stays@example.com' });
			const { store } = service();
			for (const group of store.groups.values())
				group.members = group.members.filter((member) => member.value !== leaver.id);
			store.addGroup('Sales', [leaver.id, stays.id]);
			const offboard = async () =>
				await offboardLeaver(node, service(), 'Sales', 'leaver@example.com');

			expect(await offboard()).toEqual(['deactivated', 'removed']);
			expect(store.users.get(leaver.id)?.active).toBe(false);
			expect(groupsOf(leaver.id)).toEqual(fallbackGroup ? [fallbackGroup] : []);
			expect(groupsOf(stays.id)).toContain('Sales');
			expect(await offboard()).toEqual(['alreadyInactive', 'notMember']);
		});

		test('the credential test passes with the token (trailing slash or not) and fails readably without it', async () => {
			const credential = { baseUrl: `${service().baseUrl}/`, token: SIMULATOR_TOKEN };
			expect(await testCredential(CREDENTIAL_OF[node], credential)).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(await testCredential(CREDENTIAL_OF[node], { ...credential, token: 'wrong' })).toEqual({
				status: 'Error',
				message: wrongToken,
			});
		});
	},
);
