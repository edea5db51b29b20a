import type { INodeParameters } from 'n8n-workflow';

import { byId, byUserName, fromList, json, runScim, useScimServer, writes } from './fixtures';

describe('SCIM node · users, against a SCIMMY server', () => {
	const server = useScimServer();

	describe('create', () => {
		test('creates a user with every additional field and returns the stored resource', async () => {
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'create',
				userName: 'jane.doe@example.com',
				additionalFields: {
					givenName: 'Jane',
					familyName: 'Doe',
					displayName: 'Jane Doe',
					email: 'jane@example.com',
					externalId: 'E-100',
					title: 'Engineer',
					active: true,
				},
			});
			expect(run.error).toBeUndefined();
			const stored = server().store.userByName('jane.doe@example.com');
			expect(stored).toMatchObject({
				userName: 'jane.doe@example.com',
				name: { givenName: 'Jane', familyName: 'Doe' },
				displayName: 'Jane Doe',
				emails: [{ value: 'jane@example.com', type: 'work', primary: true }],
				externalId: 'E-100',
				title: 'Engineer',
				active: true,
			});
			expect(json(run)).toEqual([
				expect.objectContaining({ id: stored!.id, userName: 'jane.doe@example.com' }),
			]);
			expect(run.items[0].pairedItem).toEqual({ item: 0 });
		});

		test('a taken userName fails the item by default, naming the field, and creates nothing', async () => {
			server().store.addUser({ userName: 'taken@example.com' });
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'create',
				userName: 'TAKEN@example.com',
			});
			expect(run.error?.message).toBe(
				'Item 1: “User Name” is taken: a user with userName "TAKEN@example.com" already exists',
			);
			expect(run.error?.description).toContain('If User Exists');
			expect(server().store.users.size).toBe(1);
		});

		test('ifUserExists = returnExisting outputs the existing user unchanged', async () => {
			const existing = server().store.addUser({ userName: 'sam@example.com', givenName: 'Sam' });
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'create',
				userName: 'sam@example.com',
				additionalFields: { givenName: 'Samuel' },
				ifUserExists: 'returnExisting',
			});
			expect(json(run)).toEqual([
				expect.objectContaining({
					id: existing.id,
					name: expect.objectContaining({ givenName: 'Sam' }),
				}),
			]);
			expect(server().store.users.size).toBe(1);
			expect(server().store.users.get(existing.id)?.name?.givenName).toBe('Sam');
		});

		test('ifUserExists = update applies the fields to the existing user', async () => {
			const existing = server().store.addUser({
				userName: 'sam@example.com',
				givenName: 'Sam',
				title: 'Intern',
			});
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'create',
				userName: 'sam@example.com',
				additionalFields: { givenName: 'Samuel', title: 'Engineer' },
				ifUserExists: 'update',
			});
			expect(run.error).toBeUndefined();
			expect(server().store.users.get(existing.id)).toMatchObject({
				name: { givenName: 'Samuel' },
				title: 'Engineer',
			});
			expect(json(run)[0]).toMatchObject({ id: existing.id, title: 'Engineer' });
		});

		test('an invalid email is refused before any request, naming item and field', async () => {
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'create',
				userName: 'x@example.com',
				additionalFields: { email: 'not an email' },
			});
			expect(run.error?.message).toBe('Item 1: “Email” is not an email address: "not an email"');
			expect(server().requests).toHaveLength(0);
		});

		test('an empty userName is refused before any request', async () => {
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'create',
				userName: '   ',
			});
			expect(run.error?.message).toBe('Item 1: “User Name” is empty');
			expect(server().requests).toHaveLength(0);
		});
	});

	describe('get', () => {
		test('finds a user by userName case-insensitively and simplifies it', async () => {
			const user = server().store.addUser({
				userName: 'ana@example.com',
				givenName: 'Ana',
				familyName: 'Lima',
				externalId: 'E-7',
			});
			const group = server().store.addGroup('Sales', [user.id]);
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'get',
				userId: byUserName('ANA@Example.com'),
			});
			expect(json(run)).toEqual([
				{
					id: user.id,
					userName: 'ana@example.com',
					active: true,
					givenName: 'Ana',
					familyName: 'Lima',
					displayName: 'Ana Lima',
					email: 'ana@example.com',
					externalId: 'E-7',
					groups: [group.id],
				},
			]);
		});

		test('finds a user by id (list and id modes) and returns the raw resource when simplify is off', async () => {
			const user = server().store.addUser({ userName: 'ana@example.com' });
			for (const locator of [byId(user.id), fromList(user.id)]) {
				const run = await runScim(server(), {
					resource: 'user',
					operation: 'get',
					userId: locator,
					simplify: false,
				});
				expect(json(run)).toEqual([
					expect.objectContaining({
						id: user.id,
						schemas: expect.any(Array),
						meta: expect.any(Object),
					}),
				]);
			}
		});

		test('a user that does not exist is an item error that names the lookup', async () => {
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'get',
				userId: byUserName('ghost@example.com'),
			});
			expect(run.error?.message).toBe(
				'Item 1: no user with userName "ghost@example.com" exists in the SCIM service',
			);
			const byMissingId = await runScim(server(), {
				resource: 'user',
				operation: 'get',
				userId: byId('no-such-id'),
			});
			expect(byMissingId.error?.message).toBe(
				'Item 1: no user with ID "no-such-id" exists in the SCIM service',
			);
		});

		test('ids are URL-encoded in the path, and ".." is refused', async () => {
			await runScim(server(), { resource: 'user', operation: 'get', userId: byId('a/b?c') });
			expect(server().requests.map((request) => request.path)).toContain('/Users/a%2Fb%3Fc');
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'get',
				userId: byId('..'),
			});
			expect(run.error?.message).toBe('Item 1: “User” is not a valid id: ".."');
		});
	});

	describe('getAll', () => {
		test('returns every user across pages when Return All is on', async () => {
			const small = await (
				await import('../servers/scimmyServer')
			).startScimServer({ maxResults: 7 });
			try {
				for (let index = 0; index < 30; index++)
					small.store.addUser({ userName: `user${index}@example.com` });
				const run = await runScim(small, {
					resource: 'user',
					operation: 'getAll',
					returnAll: true,
				});
				expect(new Set(json(run).map((user) => user.userName)).size).toBe(30);
				const pages = small.requests.filter((request) => request.path === '/Users');
				expect(pages.map((request) => request.query.startIndex)).toEqual([
					'1',
					'8',
					'15',
					'22',
					'29',
				]);
			} finally {
				await small.close();
			}
		});

		test('Limit caps the output', async () => {
			for (let index = 0; index < 12; index++)
				server().store.addUser({ userName: `user${index}@example.com` });
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'getAll',
				returnAll: false,
				limit: 5,
			});
			expect(json(run)).toHaveLength(5);
			expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
				true,
			);
		});

		test('filters on userName, externalId and active, and on a raw SCIM filter', async () => {
			server().store.addUser({ userName: 'a@example.com', externalId: 'E-1', title: 'Engineer' });
			server().store.addUser({
				userName: 'b@example.com',
				externalId: 'E-2',
				active: false,
				title: 'Engineer',
			});
			server().store.addUser({ userName: 'c@example.com', externalId: 'E-3', title: 'Sales' });
			const names = async (filters: INodeParameters) =>
				json(
					await runScim(server(), {
						resource: 'user',
						operation: 'getAll',
						returnAll: true,
						filters,
					}),
				)
					.map((user) => user.userName)
					.sort();
			expect(await names({ userName: 'B@example.com' })).toEqual(['b@example.com']);
			expect(await names({ externalId: 'E-3' })).toEqual(['c@example.com']);
			expect(await names({ active: false })).toEqual(['b@example.com']);
			expect(await names({ active: true })).toEqual(['a@example.com', 'c@example.com']);
			expect(await names({ filter: 'title eq "Engineer"' })).toEqual([
				'a@example.com',
				'b@example.com',
			]);
			expect(await names({ filter: 'title eq "Engineer"', active: true })).toEqual([
				'a@example.com',
			]);
			// One clause at most goes to the service (never a compound, never an unquoted boolean).
			const sent = server()
				.requests.filter((request) => request.path === '/Users')
				.map((request) => request.query.filter);
			expect(sent).toEqual([
				'userName eq "B@example.com"',
				'externalId eq "E-3"',
				undefined,
				undefined,
				'title eq "Engineer"',
				'title eq "Engineer"',
			]);
		});
	});

	describe('update', () => {
		test('changes the given fields with one PATCH and leaves the others alone', async () => {
			const user = server().store.addUser({
				userName: 'ana@example.com',
				givenName: 'Ana',
				familyName: 'Lima',
				title: 'Intern',
			});
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'update',
				userId: byUserName('ana@example.com'),
				updateFields: { familyName: 'Silva', title: 'Engineer', userName: 'ana.silva@example.com' },
			});
			expect(run.error).toBeUndefined();
			expect(server().store.users.get(user.id)).toMatchObject({
				userName: 'ana.silva@example.com',
				name: { givenName: 'Ana', familyName: 'Silva' },
				title: 'Engineer',
			});
			const patches = writes(server());
			expect(patches).toHaveLength(1);
			expect(patches[0]).toMatchObject({
				method: 'PATCH',
				path: `/Users/${user.id}`,
				body: {
					schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
					Operations: [
						{ op: 'replace', path: 'name.familyName', value: 'Silva' },
						{ op: 'replace', path: 'title', value: 'Engineer' },
						{ op: 'replace', path: 'userName', value: 'ana.silva@example.com' },
					],
				},
			});
		});

		test('an update without fields is refused before any request', async () => {
			const run = await runScim(server(), {
				resource: 'user',
				operation: 'update',
				userId: byUserName('ana@example.com'),
				updateFields: {},
			});
			expect(run.error?.message).toBe('Item 1: “Update Fields” has no value to change');
			expect(server().requests).toHaveLength(0);
		});
	});

	describe('deactivate and reactivate', () => {
		test('deactivates by userName, and a second run reports alreadyInactive without writing', async () => {
			const user = server().store.addUser({ userName: 'leaver@example.com' });
			const first = await runScim(server(), {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('leaver@example.com'),
			});
			expect(json(first)).toEqual([
				{
					outcome: 'deactivated',
					summary: 'Deactivated leaver@example.com in the SCIM service',
					id: user.id,
					userName: 'leaver@example.com',
					active: false,
					displayName: user.displayName,
				},
			]);
			expect(server().store.users.get(user.id)?.active).toBe(false);
			expect(writes(server())).toEqual([
				expect.objectContaining({
					method: 'PATCH',
					body: expect.objectContaining({
						Operations: [{ op: 'replace', path: 'active', value: false }],
					}),
				}),
			]);

			const second = await runScim(server(), {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('leaver@example.com'),
			});
			expect(json(second)).toEqual([
				expect.objectContaining({ outcome: 'alreadyInactive', id: user.id, active: false }),
			]);
			expect(writes(server())).toHaveLength(1);
		});

		test('reactivates by id, then reports alreadyActive', async () => {
			const user = server().store.addUser({ userName: 'back@example.com', active: false });
			const first = await runScim(server(), {
				resource: 'user',
				operation: 'reactivate',
				userId: byId(user.id),
			});
			expect(json(first)[0]).toMatchObject({ outcome: 'reactivated', active: true });
			expect(server().store.users.get(user.id)?.active).toBe(true);
			const second = await runScim(server(), {
				resource: 'user',
				operation: 'reactivate',
				userId: byId(user.id),
			});
			expect(json(second)[0]).toMatchObject({ outcome: 'alreadyActive' });
		});

		test('a missing user is an error, or outcome notFound with ignoreNotFound', async () => {
			const failing = await runScim(server(), {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('ghost@example.com'),
			});
			expect(failing.error?.message).toBe(
				'Item 1: no user with userName "ghost@example.com" exists in the SCIM service',
			);
			expect(failing.error?.description).toContain('Ignore Not Found');
			const ignored = await runScim(server(), {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('ghost@example.com'),
				ignoreNotFound: true,
			});
			expect(json(ignored)).toEqual([
				{
					outcome: 'notFound',
					summary: 'No user "ghost@example.com" in the SCIM service: nothing to do',
					resourceType: 'User',
					lookup: 'name',
					value: 'ghost@example.com',
				},
			]);
		});
	});

	describe('delete', () => {
		test('deletes by userName; deleting again is notFound with ignoreNotFound, an error without', async () => {
			const user = server().store.addUser({ userName: 'gone@example.com' });
			const first = await runScim(server(), {
				resource: 'user',
				operation: 'delete',
				userId: byUserName('gone@example.com'),
			});
			expect(json(first)).toEqual([
				{
					outcome: 'deleted',
					summary: 'Deleted user gone@example.com in the SCIM service',
					resourceType: 'User',
					id: user.id,
					userName: 'gone@example.com',
				},
			]);
			expect(server().store.users.has(user.id)).toBe(false);
			const again = await runScim(server(), {
				resource: 'user',
				operation: 'delete',
				userId: byId(user.id),
				ignoreNotFound: true,
			});
			expect(json(again)).toEqual([
				{
					outcome: 'notFound',
					summary: `No user ${JSON.stringify(user.id)} in the SCIM service: nothing to do`,
					resourceType: 'User',
					lookup: 'id',
					value: user.id,
				},
			]);
			const strict = await runScim(server(), {
				resource: 'user',
				operation: 'delete',
				userId: byId(user.id),
			});
			expect(strict.error?.message).toContain(`no user with ID "${user.id}"`);
		});
	});

	describe('items', () => {
		test('many items keep their order and pairing with parallel requests, and each gets its own outcome', async () => {
			const names = Array.from({ length: 23 }, (_, index) => `p${index}@example.com`);
			names.forEach((userName, index) =>
				server().store.addUser({ userName, active: index % 3 !== 0 }),
			);
			const run = await runScim(
				server(),
				{
					resource: 'user',
					operation: 'deactivate',
					userId: byUserName('={{ $json.email }}'),
					options: { parallelRequests: 4 },
				},
				names.map((email) => ({ email })),
			);
			expect(json(run).map((item) => item.userName)).toEqual(names);
			expect(run.items.map((item) => item.pairedItem)).toEqual(names.map((_, item) => ({ item })));
			expect(json(run).map((item) => item.outcome)).toEqual(
				names.map((_, index) => (index % 3 === 0 ? 'alreadyInactive' : 'deactivated')),
			);
			expect([...server().store.users.values()].every((user) => user.active === false)).toBe(true);
		});

		test('with Continue On Fail a failed item becomes { error } in place and the others go on', async () => {
			server().store.addUser({ userName: 'one@example.com' });
			server().store.addUser({ userName: 'three@example.com' });
			const run = await runScim(
				server(),
				{ resource: 'user', operation: 'deactivate', userId: byUserName('={{ $json.email }}') },
				[
					{ email: 'one@example.com' },
					{ email: 'two@example.com' },
					{ email: 'three@example.com' },
				],
				{ continueOnFail: true },
			);
			expect(json(run)).toEqual([
				expect.objectContaining({ outcome: 'deactivated', userName: 'one@example.com' }),
				{ error: 'Item 2: no user with userName "two@example.com" exists in the SCIM service' },
				expect.objectContaining({ outcome: 'deactivated', userName: 'three@example.com' }),
			]);
			expect(run.items.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
		});

		test('without Continue On Fail the execution stops with the error of the failing item', async () => {
			const run = await runScim(
				server(),
				{ resource: 'user', operation: 'get', userId: byUserName('={{ $json.email }}') },
				[{ email: 'nobody@example.com' }],
			);
			expect(run.error?.message).toBe(
				'Item 1: no user with userName "nobody@example.com" exists in the SCIM service',
			);
			expect(run.error?.context?.itemIndex).toBe(0);
		});
	});
});
