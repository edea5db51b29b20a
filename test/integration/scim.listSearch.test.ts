import { runListSearch } from '../harness/runNode';
import { startScimServer } from '../servers/scimmyServer';
import type { RunningScimServer, ScimServerOptions } from '../servers/scimmyServer';
import { scimCredentials, useScimServer, withScimServer, writes } from './fixtures';

/** The picker as the editor calls it: typed text, and the token of the page scrolled to. */
const pick = async (
	server: RunningScimServer,
	method: 'searchUsers' | 'searchGroups',
	filter: string,
	paginationToken?: string,
) =>
	await runListSearch({
		type: 'scim',
		method,
		credentials: scimCredentials(server),
		filter,
		paginationToken,
	});

/** The filter of every list request the node sent; `all` for a plain list. */
const listFilters = (server: RunningScimServer) =>
	server.requests
		.filter((request) => request.path === '/Users' || request.path === '/Groups')
		.map((request) => request.query.filter ?? 'all');

/** People named Person 1, Person 2, …: nobody the tests type for. */
const addPeople = (server: RunningScimServer, count: number) => {
	for (let n = 1; n <= count; n++)
		server.store.addUser({ userName: `person${n}@example.com`, displayName: `Person ${n}` });
};

describe('SCIM node · resource locator list searches', () => {
	const server = useScimServer();

	test('searchUsers lists users by name; typed text is matched here, case aside, without asking the service to filter', async () => {
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
		expect(listFilters(server())).toEqual(['all', 'all']);
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

	test('on a service that supports `eq` alone, part of a name in lower case finds the person past the first page', async () => {
		await withScimServer({ eqOnlyFilters: true, maxResults: 10 }, async (server) => {
			addPeople(server, 12);
			const ana = server.store.addUser({ userName: 'ana@example.com', displayName: 'Ana Lima' });
			const found = await pick(server, 'searchUsers', 'ana');
			expect(found).toEqual({
				results: [{ name: 'Ana Lima (ana@example.com)', value: ana.id }],
				paginationToken: undefined,
			});
			expect(listFilters(server)).toEqual(['all', 'all']);
			expect(writes(server)).toEqual([]);
		});
	});

	test('where filters compare case-exactly, `ana` finds Ana: the list is matched here', async () => {
		await withScimServer({ caseExactFilters: true }, async (server) => {
			const ana = server.store.addUser({
				userName: 'Ana.Lima@example.com',
				displayName: 'Ana Lima',
			});
			server.store.addUser({ userName: 'bo@example.com', displayName: 'Bo Stone' });
			const found = await pick(server, 'searchUsers', 'ana');
			expect(found.results).toEqual([{ name: 'Ana Lima (Ana.Lima@example.com)', value: ana.id }]);
			expect(listFilters(server)).toEqual(['all']);
		});
	});

	test('a surname, which no userName starts with, finds the person on a service with `sw`', async () => {
		const ana = server().store.addUser({ userName: 'ana@example.com', displayName: 'Ana Lima' });
		server().store.addUser({ userName: 'bo@example.com', displayName: 'Bo Stone' });
		const found = await pick(server(), 'searchUsers', 'LIMA');
		expect(found.results).toEqual([{ name: 'Ana Lima (ana@example.com)', value: ana.id }]);
		expect(listFilters(server())).toEqual(['all']);
	});

	test('a whole userName, in whatever case it is typed, is looked up with `eq` on a service that supports `eq` alone', async () => {
		await withScimServer({ eqOnlyFilters: true, maxResults: 10 }, async (server) => {
			addPeople(server, 12);
			const ana = server.store.addUser({
				userName: 'ana.lima@example.com',
				displayName: 'Ana Lima',
			});
			const found = await pick(server, 'searchUsers', 'Ana.Lima@Example.com');
			expect(found).toEqual({
				results: [{ name: 'Ana Lima (ana.lima@example.com)', value: ana.id }],
			});
			expect(listFilters(server)).toEqual(['userName eq "Ana.Lima@Example.com"']);
		});
	});

	test('scrolling on goes on matching past the pages already read', async () => {
		await withScimServer({ eqOnlyFilters: true, maxResults: 5 }, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com', displayName: 'Ana Lima' });
			addPeople(server, 12);
			const joana = server.store.addUser({
				userName: 'joana@example.com',
				displayName: 'Joana Reis',
			});
			const first = await pick(server, 'searchUsers', 'ana');
			expect(first.results).toEqual([{ name: 'Ana Lima (ana@example.com)', value: ana.id }]);
			expect(first.paginationToken).toEqual(expect.any(String));
			const next = await pick(server, 'searchUsers', 'ana', first.paginationToken as string);
			expect(next).toEqual({
				results: [{ name: 'Joana Reis (joana@example.com)', value: joana.id }],
				paginationToken: undefined,
			});
			expect(listFilters(server)).toEqual(['all', 'all', 'all']);
		});
	});

	test('matching here reads ten pages at most per call, then tries `eq` and hands back a token to go on', async () => {
		await withScimServer({ eqOnlyFilters: true, maxResults: 2 }, async (server) => {
			addPeople(server, 24);
			const ana = server.store.addUser({ userName: 'alima', displayName: 'Ana Lima' });
			const byUserName = await pick(server, 'searchUsers', 'alima');
			expect(byUserName).toEqual({ results: [{ name: 'Ana Lima (alima)', value: ana.id }] });
			expect(listFilters(server)).toEqual([
				...Array<string>(10).fill('all'),
				'userName eq "alima"',
			]);

			const first = await pick(server, 'searchUsers', 'ana');
			expect(first.results).toEqual([]);
			expect(first.paginationToken).toEqual(expect.any(String));
			const next = await pick(server, 'searchUsers', 'ana', first.paginationToken as string);
			expect(next).toEqual({
				results: [{ name: 'Ana Lima (alima)', value: ana.id }],
				paginationToken: undefined,
			});
		});
	});

	test('typed text stays one quoted value in every filter it goes into', async () => {
		await withScimServer({ maxResults: 1 }, async (server) => {
			addPeople(server, 11);
			server.store.addUser({ userName: 'ana@example.com', displayName: 'Ana Lima' });
			const typed = 'ana" or userName pr or userName eq "x';
			const found = await pick(server, 'searchUsers', typed);
			expect(found.results).toEqual([]);
			expect(listFilters(server)).toEqual([
				...Array<string>(10).fill('all'),
				`userName eq ${JSON.stringify(typed)}`,
			]);
		});
	});

	test('groups likewise: part of a name in any case finds the group where filters are case-exact or `eq` alone', async () => {
		await withScimServer({ caseExactFilters: true }, async (server) => {
			const sales = server.store.addGroup('Sales EMEA');
			server.store.addGroup('Support');
			expect((await pick(server, 'searchGroups', 'sales')).results).toEqual([
				{ name: 'Sales EMEA', value: sales.id },
			]);
			expect(listFilters(server)).toEqual(['all']);
		});
		await withScimServer({ eqOnlyFilters: true, maxResults: 3 }, async (server) => {
			['A', 'B', 'C', 'D'].forEach((name) => server.store.addGroup(`Team ${name}`));
			const sales = server.store.addGroup('Sales EMEA');
			expect(await pick(server, 'searchGroups', 'emea')).toEqual({
				results: [{ name: 'Sales EMEA', value: sales.id }],
				paginationToken: undefined,
			});
		});
	});
});

/** Every page of a picker search, following its tokens as the editor does when scrolled. */
async function allPages(
	server: RunningScimServer,
	method: 'searchUsers' | 'searchGroups',
	filter: string,
) {
	const names: string[] = [];
	let token: string | undefined;
	for (let calls = 0; calls < 50; calls++) {
		const page = await pick(server, method, filter, token);
		names.push(...page.results.map((item) => item.name));
		token = page.paginationToken as string | undefined;
		if (!token) return names.sort();
	}
	throw new Error('The search did not end in 50 pages');
}

/** Whether the node asked the service to filter by anything but `eq`. */
const askedToNarrow = (server: RunningScimServer) =>
	listFilters(server).some((filter) => filter !== 'all' && !/ eq /.test(String(filter)));

describe.each<[string, ScimServerOptions]>([
	['a standards server', {}],
	['a server whose filters compare case-exactly', { caseExactFilters: true }],
	['a case-exact server, pages of 2', { caseExactFilters: true, maxResults: 2 }],
	['an eq-only server, pages of 2', { eqOnlyFilters: true, maxResults: 2 }],
	[
		'an eq-only, case-exact server, pages of 2',
		{ eqOnlyFilters: true, caseExactFilters: true, maxResults: 2 },
	],
])('SCIM node · the pickers find by part of a name, in any case, on %s', (_, options) => {
	test('"ana" finds both Ana.Smith@… and ana.lima@…, and the service is never asked to filter by prefix', async () => {
		await withScimServer(options, async (server) => {
			addPeople(server, 5);
			server.store.addUser({ userName: 'Ana.Smith@example.com', displayName: 'Ana Smith' });
			server.store.addUser({ userName: 'ana.lima@example.com', displayName: 'Ana Lima' });
			expect(await allPages(server, 'searchUsers', 'ana')).toEqual([
				'Ana Lima (ana.lima@example.com)',
				'Ana Smith (Ana.Smith@example.com)',
			]);
			expect(askedToNarrow(server)).toBe(false);
		});
	});

	test('a surname, "lima", finds Ana Lima also when someone’s userName starts with lima', async () => {
		await withScimServer(options, async (server) => {
			addPeople(server, 5);
			server.store.addUser({ userName: 'ana.lima@example.com', displayName: 'Ana Lima' });
			server.store.addUser({ userName: 'lima.tan@example.com', displayName: 'Lima Tan' });
			expect(await allPages(server, 'searchUsers', 'lima')).toEqual([
				'Ana Lima (ana.lima@example.com)',
				'Lima Tan (lima.tan@example.com)',
			]);
		});
	});

	test('"sales" finds both Sales EMEA and sales-apac', async () => {
		await withScimServer(options, async (server) => {
			for (let n = 1; n <= 5; n++) server.store.addGroup(`Team ${n}`);
			server.store.addGroup('Sales EMEA');
			server.store.addGroup('sales-apac');
			expect(await allPages(server, 'searchGroups', 'sales')).toEqual(['Sales EMEA', 'sales-apac']);
			expect(askedToNarrow(server)).toBe(false);
		});
	});

	test('a whole email typed in another case finds the account', async () => {
		await withScimServer(options, async (server) => {
			addPeople(server, 5);
			server.store.addUser({ userName: 'Ana.Smith@example.com', displayName: 'Ana Smith' });
			expect(await allPages(server, 'searchUsers', 'ana.smith@example.com')).toEqual([
				'Ana Smith (Ana.Smith@example.com)',
			]);
		});
	});
});
