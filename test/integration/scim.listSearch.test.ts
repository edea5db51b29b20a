import { runListSearch } from '../harness/runNode';
import { startScimServer } from '../servers/scimmyServer';
import { scimCredentials, useScimServer } from './fixtures';

describe('SCIM node · resource locator list searches', () => {
	const server = useScimServer();

	test('searchUsers lists users by name and narrows by userName prefix', async () => {
		const ana = server().store.addUser({ userName: 'ana@example.com', displayName: 'Ana Lima' });
		server().store.addUser({ userName: 'bob@example.com', displayName: 'Bob Stone' });
		const all = await runListSearch({
			type: 'scim',
			method: 'searchUsers',
			credentials: scimCredentials(server()),
		});
		expect(all.results).toHaveLength(2);
		const narrowed = await runListSearch({
			type: 'scim',
			method: 'searchUsers',
			credentials: scimCredentials(server()),
			filter: 'AN',
		});
		expect(narrowed).toEqual({
			results: [{ name: 'Ana Lima (ana@example.com)', value: ana.id }],
			paginationToken: undefined,
		});
		expect(server().requests.at(-1)?.query.filter).toBe('userName sw "AN"');
	});

	test('searchGroups pages through groups with a pagination token', async () => {
		const small = await startScimServer({ maxResults: 3 });
		try {
			['A', 'B', 'C', 'D', 'E'].forEach((name) => small.store.addGroup(`Team ${name}`));
			const first = await runListSearch({
				type: 'scim',
				method: 'searchGroups',
				credentials: scimCredentials(small),
			});
			expect(first.results.map((result) => result.name)).toEqual(['Team A', 'Team B', 'Team C']);
			expect(first.paginationToken).toBe('4');
			const second = await runListSearch({
				type: 'scim',
				method: 'searchGroups',
				credentials: scimCredentials(small),
				paginationToken: first.paginationToken as string,
			});
			expect(second).toEqual({
				results: [
					expect.objectContaining({ name: 'Team D' }),
					expect.objectContaining({ name: 'Team E' }),
				],
				paginationToken: undefined,
			});
		} finally {
			await small.close();
		}
	});
});
