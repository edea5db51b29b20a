import { PollingTrigger } from '../harness/runPoll';
import { runListSearch } from '../harness/runNode';
import { byUserName, json, runScim, scimCredentials, withScimServer, writes } from './fixtures';

/**
 * Answers that were wrong on SCIM servers nobody here wrote: each server behaviour is an
 * option of the SCIMMY test server, and each test fails on the code before the fix.
 */
describe('SCIM node · no wrong answers on servers that say less', () => {
	test('a 409 over another user’s email is not called a taken userName: the item fails with the server’s detail, naming Email', async () => {
		await withScimServer({ uniqueEmails: true }, async (server) => {
			server.store.addUser({ userName: 'ana@example.com', email: 'shared@example.com' });
			for (const ifUserExists of ['error', 'returnExisting', 'update']) {
				const run = await runScim(
					server,
					{
						resource: 'user',
						operation: 'create',
						userName: 'bo@example.com',
						additionalFields: { email: 'shared@example.com' },
						ifUserExists,
					},
					[{}],
					{ continueOnFail: true },
				);
				expect(json(run)).toEqual([
					{
						error:
							'Item 1: “User Name” was refused as a duplicate with 409 (uniqueness): "A user with this email already exists", but nothing is found under userName "bo@example.com": the clash is over another value the service keeps unique, and the service names Email',
					},
				]);
			}
			expect(server.store.userByName('bo@example.com')).toBeUndefined();
			expect(server.store.users.size).toBe(1);
		});
	});

	test('a 409 for a userName that does exist is still “taken”, found by looking it up', async () => {
		await withScimServer({ uniqueEmails: true }, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			const run = await runScim(server, {
				resource: 'user',
				operation: 'create',
				userName: 'ANA@example.com',
				ifUserExists: 'returnExisting',
			});
			expect(json(run)).toEqual([expect.objectContaining({ id: ana.id })]);
			const failing = await runScim(server, {
				resource: 'user',
				operation: 'create',
				userName: 'ana@example.com',
			});
			expect(failing.error?.message).toBe(
				'Item 1: “User Name” is taken: a user with userName "ana@example.com" already exists',
			);
		});
	});

	test('a 409 over another group’s externalId is not called a taken name, on create or rename', async () => {
		await withScimServer({ uniqueGroupExternalIds: true }, async (server) => {
			server.store.addGroup('Sales').externalId = 'G-1';
			const created = await runScim(
				server,
				{
					resource: 'group',
					operation: 'create',
					displayName: 'Marketing',
					additionalFields: { externalId: 'G-1' },
				},
				[{}],
				{ continueOnFail: true },
			);
			expect(json(created)).toEqual([
				{
					error:
						'Item 1: “Display Name” was refused as a duplicate with 409 (uniqueness): "Another group already has this externalId", but nothing is found under displayName "Marketing": the clash is over another value the service keeps unique, and the service names External ID',
				},
			]);
			expect(server.store.groupByName('Marketing')).toBeUndefined();
		});
	});

	test('users without `groups`: Get and Get Many with Simplify read each user’s groups from the groups’ members', async () => {
		await withScimServer({ omitUserGroups: true }, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			const bo = server.store.addUser({ userName: 'bo@example.com' });
			const sales = server.store.addGroup('Sales', [ana.id]);
			const emea = server.store.addGroup('EMEA', [ana.id]);
			const get = await runScim(server, {
				resource: 'user',
				operation: 'get',
				userId: byUserName('ana@example.com'),
			});
			expect(json(get)[0].groups).toEqual([sales.id, emea.id]);
			const many = await runScim(server, {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
			});
			expect(json(many).map(({ userName, groups }) => [userName, groups])).toEqual([
				['ana@example.com', [sales.id, emea.id]],
				['bo@example.com', []],
			]);
			expect(bo.id).toBeDefined();
		});
	});

	test('users without `groups` and groups without `members`: groups are left out, never shown empty, and nothing acts on a guess', async () => {
		await withScimServer({ omitUserGroups: true, omitGroupMembers: true }, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			server.store.addGroup('Sales', [ana.id]);
			const get = await runScim(server, {
				resource: 'user',
				operation: 'get',
				userId: byUserName('ana@example.com'),
			});
			expect(json(get)[0]).toMatchObject({ userName: 'ana@example.com' });
			expect(json(get)[0]).not.toHaveProperty('groups');

			const offboard = await runScim(server, {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('ana@example.com'),
				removeFromGroups: true,
			});
			// The deactivation went through before the groups were found unknown: the error says so.
			expect(offboard.error?.message).toBe(
				'Deactivated ana@example.com in the SCIM service, but “Remove From All Groups” failed: The SCIM service shows group members neither on its groups nor on its users, so who is in which group is not known: “Remove From All Groups” needs that',
			);
			expect(offboard.error?.description).toMatch(
				/^ana@example\.com is inactive\. Running the node again does only what is left\./,
			);
			expect(server.store.userByName('ana@example.com')?.active).toBe(false);

			const trigger = new PollingTrigger(
				'scimTrigger',
				{ events: ['groupMembersChanged'] },
				scimCredentials(server),
			);
			await expect(trigger.poll()).rejects.toThrow(
				'The SCIM service shows group members neither on its groups nor on its users, so who is in which group is not known: watching group members needs that',
			);
			expect(trigger.savedStaticData).toEqual({});
		});
	});

	test('the user picker on a server that supports `eq` alone matches the typed text here instead of failing', async () => {
		await withScimServer({ eqOnlyFilters: true }, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com', displayName: 'Ana Lima' });
			server.store.addUser({ userName: 'bo@example.com', displayName: 'Bo Stone' });
			const found = await runListSearch({
				type: 'scim',
				method: 'searchUsers',
				credentials: scimCredentials(server),
				filter: 'ana',
			});
			expect(found.results).toEqual([{ name: 'Ana Lima (ana@example.com)', value: ana.id }]);
			expect(server.requests.map((request) => request.query.filter)).toEqual([
				undefined,
				undefined,
			]);
			expect(writes(server)).toEqual([]);
		});
	});
});
