import { testCredential } from '../harness/credentialTest';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import {
	byDisplayName,
	byId,
	byUserName,
	json,
	offboardLeaver,
	runVendor,
	writes,
} from './fixtures';
import { offeredOperations, useSimulator } from './vendors.fixtures';

describe('Spekit node, against a simulator of Spekit’s SCIM service', () => {
	const spekit = useSimulator(startSpekitSimulator);
	const teamsOf = (userId: string) =>
		spekit()
			.store.groupIdsOf(userId)
			.map((id) => spekit().store.groups.get(id)?.displayName);

	test('offers every operation but team delete', () => {
		expect(offeredOperations('spekit', 'user')).toEqual([
			'audit',
			'create',
			'deactivate',
			'delete',
			'get',
			'getAll',
			'reactivate',
			'update',
		]);
		expect(offeredOperations('spekit', 'group')).toEqual([
			'addMember',
			'create',
			'get',
			'getAll',
			'removeMember',
			'update',
		]);
	});

	test('users: create, get, list, update, deactivate, reactivate and delete at the tenant’s own URL', async () => {
		const created = await runVendor('spekit', spekit(), {
			resource: 'user',
			operation: 'create',
			userName: 'ana@example.com',
			additionalFields: { givenName: 'Ana', email: 'ana@example.com' },
		});
		const id = String(json(created)[0].id);
		expect(spekit().store.users.get(id)).toMatchObject({
			userName: 'ana@example.com',
			name: { givenName: 'Ana' },
		});
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'user',
					operation: 'get',
					userId: byUserName('ana@example.com'),
				}),
			)[0],
		).toMatchObject({ id, givenName: 'Ana' });
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'user',
					operation: 'getAll',
					returnAll: true,
				}),
			),
		).toHaveLength(1);
		await runVendor('spekit', spekit(), {
			resource: 'user',
			operation: 'update',
			userId: byId(id),
			updateFields: { familyName: 'Lima', title: 'CSM' },
		});
		expect(spekit().store.users.get(id)).toMatchObject({
			name: { givenName: 'Ana', familyName: 'Lima' },
			title: 'CSM',
		});
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'user',
					operation: 'deactivate',
					userId: byId(id),
				}),
			)[0],
		).toMatchObject({ outcome: 'deactivated' });
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'user',
					operation: 'reactivate',
					userId: byId(id),
				}),
			)[0],
		).toMatchObject({ outcome: 'reactivated' });
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'user',
					operation: 'delete',
					userId: byId(id),
				}),
			)[0],
		).toMatchObject({ outcome: 'deleted' });
		expect(spekit().store.users.size).toBe(0);
		expect(spekit().baseUrl).toContain('/tenant-7f3a/scim/v2');
	});

	test('teams: create, rename, list, get, add and remove members', async () => {
		const user = spekit().addUser({ userName: 'ana@example.com' });
		await runVendor('spekit', spekit(), {
			resource: 'group',
			operation: 'create',
			displayName: 'Onboarding',
		});
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'group',
					operation: 'update',
					groupId: byDisplayName('Onboarding'),
					displayName: 'Enablement',
				}),
			)[0],
		).toMatchObject({ displayName: 'Enablement' });
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'group',
					operation: 'addMember',
					groupId: byDisplayName('Enablement'),
					userId: byUserName('ana@example.com'),
				}),
			)[0],
		).toMatchObject({ outcome: 'added' });
		expect(teamsOf(user.id)).toEqual(['Enablement']);
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'group',
					operation: 'get',
					groupId: byDisplayName('Enablement'),
				}),
			)[0],
		).toMatchObject({ memberCount: 1 });
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'group',
					operation: 'getAll',
					returnAll: true,
				}),
			),
		).toHaveLength(1);
		expect(
			json(
				await runVendor('spekit', spekit(), {
					resource: 'group',
					operation: 'removeMember',
					groupId: byDisplayName('Enablement'),
					userId: byUserName('ana@example.com'),
				}),
			)[0],
		).toMatchObject({ outcome: 'removed' });
		expect(teamsOf(user.id)).toEqual([]);
	});

	test.each(['All Spekit Users', 'spekit acct ADMINS'])(
		'the reserved team name %j is refused before any request',
		async (name) => {
			const create = await runVendor('spekit', spekit(), {
				resource: 'group',
				operation: 'create',
				displayName: name,
			});
			expect(create.error?.message).toMatch(
				/^Item 1: “Display Name” is reserved by Spekit: "(All Spekit Users|Spekit Acct admins)"$/,
			);
			spekit().store.addGroup('Sales');
			const rename = await runVendor('spekit', spekit(), {
				resource: 'group',
				operation: 'update',
				groupId: byDisplayName('Sales'),
				displayName: name,
			});
			expect(rename.error?.message).toMatch(/^Item 1: “New Display Name” is reserved by Spekit/);
			expect(writes(spekit())).toHaveLength(0);
		},
	);

	test('offboarding: found by email, deactivated, out of their team; a second run is alreadyInactive', async () => {
		const user = spekit().addUser({ userName: 'leaver@example.com' });
		spekit().store.addGroup('Sales', [user.id]);
		const offboard = async () =>
			await offboardLeaver('spekit', spekit(), 'Sales', 'leaver@example.com');
		expect(await offboard()).toEqual(['deactivated', 'removed']);
		expect(spekit().store.users.get(user.id)?.active).toBe(false);
		expect(teamsOf(user.id)).toEqual([]);
		expect(await offboard()).toEqual(['alreadyInactive', 'notMember']);
	});

	test('the credential test passes with the token and fails readably without it', async () => {
		const credential = { baseUrl: spekit().baseUrl, token: SIMULATOR_TOKEN };
		expect(await testCredential('spekitScimApi', credential)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect((await testCredential('spekitScimApi', { ...credential, token: 'wrong' })).message).toBe(
			'The token was not accepted (401). Generate a new SCIM token and paste it here.',
		);
	});
});
