import {
	byDisplayName,
	byId,
	byUserName,
	fromList,
	json,
	runScim,
	useScimServer,
	withScimServer,
	writes,
} from './fixtures';

describe('SCIM node · groups, against a SCIMMY server', () => {
	const server = useScimServer();

	test('creates a group, and a second group of the same name fails clearly', async () => {
		const run = await runScim(server(), {
			resource: 'group',
			operation: 'create',
			displayName: 'Sales EMEA',
			additionalFields: { externalId: 'G-1' },
		});
		const stored = server().store.groupByName('Sales EMEA');
		expect(stored).toMatchObject({ displayName: 'Sales EMEA', externalId: 'G-1', members: [] });
		expect(json(run)).toEqual([
			expect.objectContaining({ id: stored!.id, displayName: 'Sales EMEA' }),
		]);

		const duplicate = await runScim(server(), {
			resource: 'group',
			operation: 'create',
			displayName: 'sales emea',
		});
		expect(duplicate.error?.message).toBe(
			'Item 1: “Display Name” is taken: a group named "sales emea" already exists',
		);
		expect(server().store.groups.size).toBe(1);
	});

	test('gets a group by display name, id or list pick, simplified or raw', async () => {
		const member = server().store.addUser({ userName: 'm@example.com' });
		const group = server().store.addGroup('Support', [member.id]);
		const simplified = { id: group.id, displayName: 'Support', externalId: null, memberCount: 1 };
		for (const locator of [byDisplayName('SUPPORT'), byId(group.id), fromList(group.id)]) {
			expect(
				json(await runScim(server(), { resource: 'group', operation: 'get', groupId: locator })),
			).toEqual([simplified]);
		}
		const raw = await runScim(server(), {
			resource: 'group',
			operation: 'get',
			groupId: byId(group.id),
			simplify: false,
		});
		expect(json(raw)).toEqual([
			expect.objectContaining({
				id: group.id,
				members: [expect.objectContaining({ value: member.id })],
			}),
		]);
	});

	test('lists groups with a display-name filter and a limit', async () => {
		['Alpha', 'Beta', 'Gamma', 'Delta'].forEach((name) => server().store.addGroup(name));
		const filtered = await runScim(server(), {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: { displayName: 'beta' },
		});
		expect(json(filtered).map((group) => group.displayName)).toEqual(['Beta']);
		const limited = await runScim(server(), {
			resource: 'group',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
		});
		expect(json(limited)).toHaveLength(3);
	});

	test('renames a group with a PATCH replace of displayName', async () => {
		const group = server().store.addGroup('Old Name');
		const run = await runScim(server(), {
			resource: 'group',
			operation: 'update',
			groupId: byDisplayName('Old Name'),
			displayName: 'New Name',
		});
		expect(json(run)[0]).toMatchObject({ id: group.id, displayName: 'New Name' });
		expect(server().store.groups.get(group.id)?.displayName).toBe('New Name');
		expect(writes(server())[0].body).toMatchObject({
			Operations: [{ op: 'replace', path: 'displayName', value: 'New Name' }],
		});
	});

	test('renaming to a taken name fails clearly and changes nothing', async () => {
		const group = server().store.addGroup('One');
		server().store.addGroup('Two');
		const run = await runScim(server(), {
			resource: 'group',
			operation: 'update',
			groupId: byId(group.id),
			displayName: 'Two',
		});
		expect(run.error?.message).toBe(
			'Item 1: “New Display Name” is taken: a group named "Two" already exists',
		);
		expect(server().store.groups.get(group.id)?.displayName).toBe('One');
	});

	test('deletes a group; a missing one is notFound with ignoreNotFound', async () => {
		const group = server().store.addGroup('Temp');
		expect(
			json(
				await runScim(server(), {
					resource: 'group',
					operation: 'delete',
					groupId: byDisplayName('Temp'),
				}),
			),
		).toEqual([
			{
				outcome: 'deleted',
				summary: 'Deleted group Temp in the SCIM service',
				resourceType: 'Group',
				id: group.id,
				displayName: 'Temp',
			},
		]);
		expect(server().store.groups.size).toBe(0);
		const again = await runScim(server(), {
			resource: 'group',
			operation: 'delete',
			groupId: byDisplayName('Temp'),
			ignoreNotFound: true,
		});
		expect(json(again)).toEqual([
			{
				outcome: 'notFound',
				summary: 'No group "Temp" in the SCIM service: nothing to do',
				resourceType: 'Group',
				lookup: 'name',
				value: 'Temp',
			},
		]);
	});

	test('adds a member with PATCH add, then reports alreadyMember without writing', async () => {
		const user = server().store.addUser({ userName: 'new@example.com' });
		const group = server().store.addGroup('Engineering');
		const parameters = {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName('Engineering'),
			userId: byUserName('new@example.com'),
		};
		const first = await runScim(server(), parameters);
		expect(json(first)).toEqual([
			{
				outcome: 'added',
				summary: 'Added new@example.com to Engineering in the SCIM service',
				groupId: group.id,
				groupDisplayName: 'Engineering',
				userId: user.id,
				userName: 'new@example.com',
			},
		]);
		expect(server().store.groupIdsOf(user.id)).toEqual([group.id]);
		expect(writes(server())).toEqual([
			expect.objectContaining({
				method: 'PATCH',
				body: expect.objectContaining({
					Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }],
				}),
			}),
		]);
		const second = await runScim(server(), parameters);
		expect(json(second)[0]).toMatchObject({ outcome: 'alreadyMember' });
		expect(writes(server())).toHaveLength(1);
	});

	test('removes a member with a PATCH remove by value filter, then reports notMember', async () => {
		const stays = server().store.addUser({ userName: 'stays@example.com' });
		const leaves = server().store.addUser({ userName: 'leaves@example.com' });
		const group = server().store.addGroup('Engineering', [stays.id, leaves.id]);
		const parameters = {
			resource: 'group',
			operation: 'removeMember',
			groupId: byId(group.id),
			userId: byUserName('leaves@example.com'),
		};
		expect(json(await runScim(server(), parameters))[0]).toMatchObject({
			outcome: 'removed',
			userId: leaves.id,
		});
		expect(
			server()
				.store.groups.get(group.id)
				?.members.map((member) => member.value),
		).toEqual([stays.id]);
		expect(writes(server())[0].body).toMatchObject({
			Operations: [{ op: 'remove', path: `members[value eq "${leaves.id}"]` }],
		});
		expect(json(await runScim(server(), parameters))[0]).toMatchObject({ outcome: 'notMember' });
	});

	test('membership changes with a missing user or group fail, or give notFound with ignoreNotFound', async () => {
		const group = server().store.addGroup('Engineering');
		const missingUser = await runScim(server(), {
			resource: 'group',
			operation: 'addMember',
			groupId: byId(group.id),
			userId: byUserName('ghost@example.com'),
		});
		expect(missingUser.error?.message).toBe(
			'Item 1: no user with userName "ghost@example.com" exists in the SCIM service',
		);
		const ignored = await runScim(server(), {
			resource: 'group',
			operation: 'removeMember',
			groupId: byDisplayName('Nope'),
			userId: byUserName('ghost@example.com'),
			ignoreNotFound: true,
		});
		expect(json(ignored)).toEqual([
			{
				outcome: 'notFound',
				summary: 'No group "Nope" in the SCIM service: nothing to do',
				resourceType: 'Group',
				lookup: 'name',
				value: 'Nope',
			},
		]);
		expect(writes(server())).toHaveLength(0);
	});
});

describe('SCIM node · a group PUT back whole on a service that does not show its members', () => {
	test('without PATCH, a member is not added by a PUT that would drop the members it cannot see: nothing is written, and the item says why', async () => {
		await withScimServer({ patch: false, omitGroupMembers: true }, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			server.store.addUser({ userName: 'new@example.com' });
			const group = server.store.addGroup('Engineering', [ana.id]);
			const run = await runScim(
				server,
				{
					resource: 'group',
					operation: 'addMember',
					groupId: byDisplayName('Engineering'),
					userId: byUserName('new@example.com'),
				},
				[{}],
				{ continueOnFail: true },
			);
			expect(json(run)[0].error).toMatch(
				/does not show the members of "Engineering", and without PATCH a member is changed by writing the whole list: nothing was written, so nobody was dropped/,
			);
			expect(writes(server)).toEqual([]);
			expect(server.store.groups.get(group.id)?.members).toEqual([{ value: ana.id }]);
		});
	});
});
