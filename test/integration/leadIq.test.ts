import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { byDisplayName, byId, byUserName, json, runVendor } from './fixtures';
import { collectionFields, useSimulator } from './vendors.fixtures';

describe('LeadIQ node, against a simulator of LeadIQ’s SCIM service', () => {
	const leadIq = useSimulator(startLeadIqSimulator);
	const groupsOf = (userId: string) =>
		leadIq()
			.store.groupIdsOf(userId)
			.map((id) => leadIq().store.groups.get(id)?.displayName);

	test('offers only the name on update', () => {
		expect(collectionFields('leadIq', 'updateFields', 'update')).toEqual([
			'familyName',
			'givenName',
		]);
	});

	test('creates a user by email, who lands in the Default group', async () => {
		const run = await runVendor('leadIq', leadIq(), {
			resource: 'user',
			operation: 'create',
			userName: 'ana@example.com',
			additionalFields: { givenName: 'Ana', familyName: 'Lima' },
		});
		const user = leadIq().store.userByName('ana@example.com');
		expect(json(run)[0]).toMatchObject({ id: user?.id, userName: 'ana@example.com' });
		expect(groupsOf(user!.id)).toEqual(['Default']);
	});

	test('refuses a userName that is not an email before any request', async () => {
		const run = await runVendor('leadIq', leadIq(), {
			resource: 'user',
			operation: 'create',
			userName: 'ana',
		});
		expect(run.error?.message).toBe(
			'Item 1: “User Name” must be an email address for LeadIQ, not "ana"',
		);
		expect(leadIq().requests).toHaveLength(0);
	});

	test('update reads the user and PUTs it back with the new name, as Okta does, and sends nothing LeadIQ cannot change', async () => {
		const user = leadIq().addUser({
			userName: 'ana@example.com',
			givenName: 'Ana',
			familyName: 'Lima',
		});
		const run = await runVendor('leadIq', leadIq(), {
			resource: 'user',
			operation: 'update',
			userId: byUserName('ana@example.com'),
			updateFields: { familyName: 'Silva', title: 'ignored: LeadIQ cannot change it' },
		});
		expect(run.error).toBeUndefined();
		expect(leadIq().store.users.get(user.id)?.name).toMatchObject({
			givenName: 'Ana',
			familyName: 'Silva',
		});
		const writes = leadIq().requests.filter((request) => request.method !== 'GET');
		expect(writes).toHaveLength(1);
		expect(writes[0]).toMatchObject({ method: 'PUT', path: `/Users/${user.id}` });
		expect(writes[0].body).toMatchObject({
			id: user.id,
			userName: 'ana@example.com',
			name: { givenName: 'Ana', familyName: 'Silva' },
			active: true,
		});
		expect(writes[0].body).not.toHaveProperty('title');
		const [, read] = leadIq().requests;
		expect(read).toMatchObject({ method: 'GET', path: `/Users/${user.id}` });
	});

	test('create with If User Exists = Update changes only what LeadIQ lets change', async () => {
		const user = leadIq().addUser({ userName: 'ana@example.com', givenName: 'A' });
		const run = await runVendor('leadIq', leadIq(), {
			resource: 'user',
			operation: 'create',
			userName: 'ana@example.com',
			additionalFields: { givenName: 'Ana', title: 'Rep', externalId: 'E-1' },
			ifUserExists: 'update',
		});
		expect(json(run)[0]).toMatchObject({
			id: user.id,
			name: expect.objectContaining({ givenName: 'Ana' }),
		});
		const put = leadIq().requests.find((request) => request.method === 'PUT');
		expect(put?.body).toMatchObject({ name: { givenName: 'Ana' } });
		expect(put?.body).not.toHaveProperty('title');
		expect(put?.body).not.toHaveProperty('externalId');
	});

	test('get, get many, deactivate and reactivate work as on any SCIM service', async () => {
		const user = leadIq().addUser({ userName: 'ana@example.com' });
		leadIq().addUser({ userName: 'bo@example.com', active: false });
		expect(
			json(
				await runVendor('leadIq', leadIq(), {
					resource: 'user',
					operation: 'get',
					userId: byId(user.id),
				}),
			)[0],
		).toMatchObject({ userName: 'ana@example.com', groups: [expect.any(String)] });
		const active = await runVendor('leadIq', leadIq(), {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { active: true },
		});
		expect(json(active).map((entry) => entry.userName)).toEqual(['ana@example.com']);
		expect(
			json(
				await runVendor('leadIq', leadIq(), {
					resource: 'user',
					operation: 'deactivate',
					userId: byUserName('ana@example.com'),
				}),
			)[0],
		).toMatchObject({ outcome: 'deactivated' });
		expect(leadIq().store.users.get(user.id)?.active).toBe(false);
		expect(
			json(
				await runVendor('leadIq', leadIq(), {
					resource: 'user',
					operation: 'reactivate',
					userId: byUserName('ana@example.com'),
				}),
			)[0],
		).toMatchObject({ outcome: 'reactivated' });
		expect(leadIq().store.users.get(user.id)?.active).toBe(true);
	});

	test('addMember moves the user out of their current group first', async () => {
		const user = leadIq().addUser({ userName: 'ana@example.com' });
		for (const name of ['Sales', 'Support'])
			await runVendor('leadIq', leadIq(), {
				resource: 'group',
				operation: 'create',
				displayName: name,
			});
		const toSales = await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName('Sales'),
			userId: byUserName('ana@example.com'),
		});
		expect(json(toSales)[0]).toMatchObject({ outcome: 'added' });
		expect(groupsOf(user.id)).toEqual(['Sales']);
		const toSupport = await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName('Support'),
			userId: byUserName('ana@example.com'),
		});
		expect(json(toSupport)[0]).toMatchObject({ outcome: 'added', groupDisplayName: 'Support' });
		expect(groupsOf(user.id)).toEqual(['Support']);
	});

	test('with Move From Current Group off, a user in another group fails naming that group', async () => {
		const user = leadIq().addUser({ userName: 'ana@example.com' });
		for (const name of ['Sales', 'Support'])
			await runVendor('leadIq', leadIq(), {
				resource: 'group',
				operation: 'create',
				displayName: name,
			});
		await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName('Sales'),
			userId: byUserName('ana@example.com'),
		});
		const run = await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName('Support'),
			userId: byUserName('ana@example.com'),
			moveFromCurrentGroup: false,
		});
		expect(run.error?.message).toBe(
			'Item 1: “User” already belongs to the group "Sales", and LeadIQ allows one group per user',
		);
		expect(groupsOf(user.id)).toEqual(['Sales']);
	});

	test('removeMember sends the user back to Default, as LeadIQ does', async () => {
		const user = leadIq().addUser({ userName: 'ana@example.com' });
		await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'create',
			displayName: 'Sales',
		});
		await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName('Sales'),
			userId: byUserName('ana@example.com'),
		});
		const run = await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'removeMember',
			groupId: byDisplayName('Sales'),
			userId: byUserName('ana@example.com'),
		});
		expect(json(run)[0]).toMatchObject({ outcome: 'removed' });
		expect(groupsOf(user.id)).toEqual(['Default']);
	});

	test('a duplicate group name, which LeadIQ reports as a server error, says the name is taken', async () => {
		await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'create',
			displayName: 'Sales',
		});
		const run = await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'create',
			displayName: 'Sales',
		});
		expect(run.error?.message).toBe(
			'Item 1: “Display Name” is taken: a group named "Sales" already exists',
		);
		const sales = leadIq().store.groupByName('Sales');
		const other = (
			await runVendor('leadIq', leadIq(), {
				resource: 'group',
				operation: 'create',
				displayName: 'Other',
			})
		).items[0].json;
		const rename = await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'update',
			groupId: byId(String(other.id)),
			displayName: 'Sales',
		});
		expect(rename.error?.message).toBe(
			'Item 1: “New Display Name” is taken: a group named "Sales" already exists',
		);
		expect(sales).toBeDefined();
	});

	test('groups can be listed, renamed and deleted; members of a deleted group fall back to Default', async () => {
		const user = leadIq().addUser({ userName: 'ana@example.com' });
		await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'create',
			displayName: 'Sales',
		});
		await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName('Sales'),
			userId: byUserName('ana@example.com'),
		});
		const renamed = await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'update',
			groupId: byDisplayName('Sales'),
			displayName: 'Sales EMEA',
		});
		expect(json(renamed)[0]).toMatchObject({ displayName: 'Sales EMEA' });
		const listed = await runVendor('leadIq', leadIq(), {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
		});
		expect(
			json(listed)
				.map((group) => group.displayName)
				.sort(),
		).toEqual(['Default', 'Sales EMEA']);
		expect(
			json(
				await runVendor('leadIq', leadIq(), {
					resource: 'group',
					operation: 'get',
					groupId: byDisplayName('Sales EMEA'),
				}),
			)[0],
		).toMatchObject({ memberCount: 1 });
		expect(
			json(
				await runVendor('leadIq', leadIq(), {
					resource: 'group',
					operation: 'delete',
					groupId: byDisplayName('Sales EMEA'),
				}),
			)[0],
		).toMatchObject({ outcome: 'deleted' });
		expect(groupsOf(user.id)).toEqual(['Default']);
	});

	test('a group name is looked up before creating: taken is “taken” whatever LeadIQ’s 500 says, and nothing is POSTed', async () => {
		const service = await startLeadIqSimulator({
			rules: { duplicateGroupName: { status: 500, detail: 'Internal Server Error' } },
		});
		try {
			service.store.addGroup('Sales');
			const run = await runVendor('leadIq', service, {
				resource: 'group',
				operation: 'create',
				displayName: 'sales',
			});
			expect(run.error?.message).toBe(
				'Item 1: “Display Name” is taken: a group named "sales" already exists',
			);
			expect(service.requests.map(({ method, query }) => [method, query.filter])).toEqual([
				['GET', 'displayName eq "sales"'],
			]);
			// A name that is free is created, after the same look-up.
			const created = await runVendor('leadIq', service, {
				resource: 'group',
				operation: 'create',
				displayName: 'Support',
			});
			expect(json(created)[0]).toMatchObject({ displayName: 'Support' });
		} finally {
			await service.close();
		}
	});

	test('a user whose record has no “groups” is not moved blindly: the item says what is missing', async () => {
		const service = await startLeadIqSimulator({ rules: { omitUserGroups: true } });
		try {
			service.addUser({ userName: 'ana@example.com' });
			service.store.addGroup('Sales');
			const add = async (moveFromCurrentGroup: boolean) =>
				await runVendor(
					'leadIq',
					service,
					{
						resource: 'group',
						operation: 'addMember',
						groupId: byDisplayName('Sales'),
						userId: byUserName('ana@example.com'),
						moveFromCurrentGroup,
					},
					[{}],
					{ continueOnFail: true },
				);
			expect(json(await add(true))).toEqual([
				{
					error:
						'Item 1: “User” has no "groups" in LeadIQ’s answer, so the group they are in is not known: moving them out of it needs that',
				},
			]);
			expect(service.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
			expect(json(await add(false))[0]).toMatchObject({ outcome: 'added' });
		} finally {
			await service.close();
		}
	});

	test('a LeadIQ that only looks users up (Okta never lists them) makes the audit say so in plain words', async () => {
		const service = await startLeadIqSimulator({ rules: { lookupOnly: true } });
		try {
			service.addUser({ userName: 'ana@example.com' });
			const run = await runVendor(
				'leadIq',
				service,
				{ resource: 'user', operation: 'audit', expectedUserName: '={{ $json.email }}' },
				[{ email: 'ana@example.com' }],
			);
			expect(run.error?.message).toBe(
				'LeadIQ did not list its users (SCIM GET /Users failed with 400 (invalidFilter): A filter is required): the license audit needs that',
			);
		} finally {
			await service.close();
		}
	});
});
