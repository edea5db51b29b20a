import { startSpekitSimulator } from '../servers/spekitSimulator';
import { byDisplayName, byId, byUserName, json, runVendor, writes } from './fixtures';
import { useSimulator } from './vendors.fixtures';

describe('Spekit node, against a simulator of Spekit’s SCIM service', () => {
	const spekit = useSimulator(startSpekitSimulator);
	const teamsOf = (userId: string) =>
		spekit()
			.store.groupIdsOf(userId)
			.map((id) => spekit().store.groups.get(id)?.displayName);

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
});
