import { byDisplayName, byUserName, json, runScim, withScimServer, writes } from './fixtures';

describe('SCIM node · services that differ from the defaults', () => {
	test('a service answering PATCH with 204 is read back with a GET, and outcomes stay right', async () => {
		await withScimServer({ patchAnswers204: true }, async (server) => {
			const user = server.store.addUser({ userName: 'quiet@example.com', givenName: 'Q' });
			const group = server.store.addGroup('Team');
			const deactivated = await runScim(server, {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('quiet@example.com'),
			});
			expect(json(deactivated)[0]).toMatchObject({ outcome: 'deactivated', active: false });
			const patch = server.requests.findIndex((request) => request.method === 'PATCH');
			expect(server.requests[patch + 1]).toMatchObject({
				method: 'GET',
				path: `/Users/${user.id}`,
			});

			const updated = await runScim(server, {
				resource: 'user',
				operation: 'update',
				userId: byUserName('quiet@example.com'),
				updateFields: { givenName: 'Quinn' },
			});
			expect(json(updated)[0]).toMatchObject({ id: user.id, name: { givenName: 'Quinn' } });

			const added = await runScim(server, {
				resource: 'group',
				operation: 'addMember',
				groupId: byDisplayName('Team'),
				userId: byUserName('quiet@example.com'),
			});
			expect(json(added)[0]).toMatchObject({ outcome: 'added' });
			expect(server.store.groupIdsOf(user.id)).toEqual([group.id]);
		});
	});

	test('a service without PATCH gets GET then PUT of the whole resource, keeping other attributes', async () => {
		await withScimServer({ patch: false }, async (server) => {
			const user = server.store.addUser({
				userName: 'put@example.com',
				givenName: 'Pat',
				title: 'Engineer',
			});
			const other = server.store.addUser({ userName: 'other@example.com' });
			const group = server.store.addGroup('Team', [other.id]);

			const run = await runScim(server, {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('put@example.com'),
			});
			expect(json(run)[0]).toMatchObject({ outcome: 'deactivated' });
			expect(server.store.users.get(user.id)).toMatchObject({
				active: false,
				title: 'Engineer',
				name: { givenName: 'Pat' },
			});
			expect(writes(server)).toEqual([
				expect.objectContaining({ method: 'PUT', path: `/Users/${user.id}` }),
			]);
			expect(writes(server)[0].body).not.toHaveProperty('meta');

			await runScim(server, {
				resource: 'group',
				operation: 'addMember',
				groupId: byDisplayName('Team'),
				userId: byUserName('put@example.com'),
			});
			expect(
				server.store.groups
					.get(group.id)
					?.members.map((member) => member.value)
					.sort(),
			).toEqual([other.id, user.id].sort());
			await runScim(server, {
				resource: 'group',
				operation: 'removeMember',
				groupId: byDisplayName('Team'),
				userId: byUserName('other@example.com'),
			});
			expect(server.store.groups.get(group.id)?.members.map((member) => member.value)).toEqual([
				user.id,
			]);
			expect(server.requests.some((request) => request.method === 'PATCH')).toBe(false);
		});
	});

	test('/ServiceProviderConfig is read once per execution, however many items', async () => {
		await withScimServer({}, async (server) => {
			const names = ['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => `${letter}@example.com`);
			names.forEach((userName) => server.store.addUser({ userName }));
			await runScim(
				server,
				{ resource: 'user', operation: 'deactivate', userId: byUserName('={{ $json.email }}') },
				names.map((email) => ({ email })),
			);
			expect(
				server.requests.filter((request) => request.path === '/ServiceProviderConfig'),
			).toHaveLength(1);
			expect(server.store.users.size).toBe(6);
			expect([...server.store.users.values()].every((user) => user.active === false)).toBe(true);
		});
	});
});
