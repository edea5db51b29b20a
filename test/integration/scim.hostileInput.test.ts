import type { IDataObject } from 'n8n-workflow';

import { json, runScim, useScimServer, writes } from './fixtures';

/** userNames chosen to break out of a filter, a path or a type check. */
const HOSTILE_USER_NAMES: IDataObject[string][] = [
	'x" or userName pr or userName eq "y',
	'" or "1" eq "1',
	'victim@example.com" or userName pr',
	'") or (userName pr',
	'userName pr',
	'*',
	'victim@example.com\\',
	'\\" or userName pr or userName eq \\"',
	'victim@example.com\u0000',
	'victim@example.com\nx',
	'tab\there',
	'\u0001\u0002\u001f',
	'"',
	'\\',
	'\\\\',
	"'; DROP TABLE users; --",
	'victim@example.com%22%20or%20userName%20pr',
	'../Users',
	'..',
	'/Users/victim',
	'?filter=userName pr',
	'#',
	'ünïcødé@exämple.com',
	'日本語@example.com',
	'emoji 🙂@example.com',
	'\u2028\u2029',
	'\ud800',
	'a'.repeat(5000),
	'VICTIM@EXAMPLE.COM.evil',
	'victim@example.co',
	'victim',
	'victim@example.com victim@example.com',
	'" or 1 eq 1 or "',
	'userName eq "victim@example.com"',
	'victim@example.com%00',
	'VICTIM@example.com\u200b',
	'%76ictim@example.com',
	'null',
	'undefined',
	'true',
	'[object Object]',
	'{{ $json.email }}',
	'',
	'   ',
	'\t\n',
	{ value: 'victim@example.com' },
	['victim@example.com'],
	{},
	[],
	null,
	true,
	false,
];

describe('SCIM node · hostile input never reaches another user', () => {
	const server = useScimServer();

	test('deactivating each hostile userName touches nobody but an exact literal match', async () => {
		const store = server().store;
		const victim = store.addUser({ userName: 'victim@example.com' });
		const bystanders = ['a@example.com', 'b@example.com', 'y', 'x'].map((userName) =>
			store.addUser({ userName }),
		);
		const literal = store.addUser({ userName: 'x" or userName pr or userName eq "y' });

		const run = await runScim(
			server(),
			{
				resource: 'user',
				operation: 'deactivate',
				userId: { __rl: true, mode: 'userName', value: '={{ $json.userName }}' },
				ignoreNotFound: true,
			},
			HOSTILE_USER_NAMES.map((userName) => ({ userName })),
			{ continueOnFail: true },
		);

		const outputs = json(run);
		expect(outputs).toHaveLength(HOSTILE_USER_NAMES.length);
		expect(run.items.map((item) => item.pairedItem)).toEqual(
			HOSTILE_USER_NAMES.map((_, item) => ({ item })),
		);
		// Only the user literally named by the first input was deactivated.
		expect(outputs[0]).toMatchObject({ outcome: 'deactivated', id: literal.id });
		expect(store.users.get(literal.id)?.active).toBe(false);
		for (const user of [victim, ...bystanders]) expect(store.users.get(user.id)?.active).toBe(true);
		expect(writes(server()).map((request) => request.path)).toEqual([`/Users/${literal.id}`]);
		// Every other item is notFound or a named item error.
		for (const [index, output] of outputs.entries()) {
			if (index === 0) continue;
			if (output.error !== undefined)
				expect(output.error).toMatch(new RegExp(`^Item ${index + 1}: `));
			else expect(output).toMatchObject({ outcome: 'notFound' });
		}
	});

	test('non-text and empty userNames are item errors naming the field, sent to nobody', async () => {
		const run = await runScim(
			server(),
			{
				resource: 'user',
				operation: 'get',
				userId: { __rl: true, mode: 'userName', value: '={{ $json.userName }}' },
			},
			[{ userName: { value: 'a' } }, { userName: ['a'] }, { userName: '  ' }, { userName: true }],
			{ continueOnFail: true },
		);
		expect(json(run)).toEqual([
			{ error: 'Item 1: “User” must be text, not object' },
			{ error: 'Item 2: “User” must be text, not a list' },
			{ error: 'Item 3: “User” is empty' },
			{ error: 'Item 4: “User” must be text, not boolean' },
		]);
		expect(server().requests).toHaveLength(0);
	});

	test('hostile ids stay inside one encoded path segment', async () => {
		const store = server().store;
		const victim = store.addUser({ userName: 'victim@example.com' });
		const ids = [
			`${victim.id}/../${victim.id}`,
			`../Users/${victim.id}`,
			`${victim.id}?x=1`,
			`${victim.id}#`,
			`%2e%2e`,
			`${victim.id}\u0000`,
		];
		const run = await runScim(
			server(),
			{
				resource: 'user',
				operation: 'delete',
				userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				ignoreNotFound: true,
			},
			ids.map((id) => ({ id })),
			{ continueOnFail: true },
		);
		expect(store.users.has(victim.id)).toBe(true);
		const paths = writes(server()).map((request) => request.path);
		expect(paths.every((path) => /^\/Users\/[^/]+$/.test(path))).toBe(true);
		expect(json(run).every((output) => output.outcome === 'notFound')).toBe(true);
	});

	test('surrounding whitespace, as CSV exports leave it, is ignored; inner characters are not', async () => {
		const user = server().store.addUser({ userName: 'padded@example.com' });
		const run = await runScim(
			server(),
			{
				resource: 'user',
				operation: 'get',
				userId: { __rl: true, mode: 'userName', value: '={{ $json.userName }}' },
				simplify: true,
			},
			[{ userName: ' padded@example.com\n' }, { userName: 'padded@example.com\u0000' }],
			{ continueOnFail: true },
		);
		expect(json(run)).toEqual([
			expect.objectContaining({ id: user.id }),
			{
				error:
					'Item 2: no user with userName "padded@example.com\\u0000" exists in the SCIM service',
			},
		]);
	});

	test('a filter value is sent as an exact JSON string literal', async () => {
		await runScim(server(), {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { userName: 'a"b\\c\u0001' },
		});
		const filters = server().requests.map((request) => request.query.filter);
		expect(filters).toContain('userName eq "a\\"b\\\\c\\u0001"');
	});
});
