import type { INodeParameters } from 'n8n-workflow';

import { byId, byUserName, json, runScim, withScimServer } from './fixtures';

/** Real SCIM servers that bend RFC 7644, and the generic node staying right on each. */
describe('SCIM node · servers that bend the RFC', () => {
	test('userNames told apart by case and a create answered without an id: the item fails naming both users, never answering with the other', async () => {
		await withScimServer(
			{ caseSensitiveUserNames: true, createAnswersWithoutId: true },
			async (server) => {
				const other = server.store.addUser({ userName: 'Ana@example.com' });
				const run = await runScim(
					server,
					{ resource: 'user', operation: 'create', userName: 'ana@example.com' },
					[{}],
					{ continueOnFail: true },
				);
				const created =
					server.store.userByName('ana@example.com') === other
						? [...server.store.users.values()].find((user) => user.userName === 'ana@example.com')
						: undefined;
				expect(created).toBeDefined();
				expect(json(run)).toEqual([
					{
						error: expect.stringMatching(
							/^Item 1: “User Name” matches 2 users \(.*\): the service tells userNames apart by case/,
						),
					},
				]);
				const message = String(json(run)[0].error);
				expect(message).toContain(other.id);
				expect(message).toContain(created!.id);
			},
		);
	});

	test('a create answered without an id is read back by userName when only one matches', async () => {
		await withScimServer({ createAnswersWithoutId: true }, async (server) => {
			const run = await runScim(server, {
				resource: 'user',
				operation: 'create',
				userName: 'bo@example.com',
			});
			const stored = server.store.userByName('bo@example.com');
			expect(json(run)[0]).toMatchObject({ id: stored?.id, userName: 'bo@example.com' });
		});
	});

	test('a server refusing unquoted booleans and answering compound filters with nothing still gets the right users', async () => {
		await withScimServer(
			{ refuseUnquotedBooleans: true, compoundFiltersAnswerEmpty: true },
			async (server) => {
				server.store.addUser({ userName: 'a@example.com', externalId: 'E-1' });
				server.store.addUser({ userName: 'b@example.com', externalId: 'E-1', active: false });
				const names = async (filters: INodeParameters) =>
					json(
						await runScim(server, {
							resource: 'user',
							operation: 'getAll',
							returnAll: true,
							filters,
						}),
					).map((user) => user.userName);
				expect(await names({ active: false })).toEqual(['b@example.com']);
				expect(await names({ externalId: 'E-1', active: true })).toEqual(['a@example.com']);
				expect(await names({ userName: 'b@example.com', externalId: 'E-1' })).toEqual([
					'b@example.com',
				]);
				for (const request of server.requests.filter((sent) => sent.path === '/Users')) {
					expect(String(request.query.filter ?? '')).not.toMatch(/\sand\s|\seq (true|false)/);
				}
			},
		);
	});

	test('a filter of the node’s own that the server refuses falls back to matching here', async () => {
		await withScimServer({ refuseFiltersOn: ['externalId'] }, async (server) => {
			server.store.addUser({ userName: 'a@example.com', externalId: 'E-1' });
			server.store.addUser({ userName: 'b@example.com', externalId: 'E-2' });
			const run = await runScim(server, {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				filters: { externalId: 'E-2' },
			});
			expect(json(run).map((user) => user.userName)).toEqual(['b@example.com']);
			expect(server.requests.map((request) => request.query.filter)).toEqual([
				undefined,
				'externalId eq "E-2"',
				undefined,
			]);
		});
	});

	test('a refused lookup filter says the server does not take that filter, not “check the values sent in this item”', async () => {
		await withScimServer({ refuseFiltersOn: ['userName'] }, async (server) => {
			server.store.addUser({ userName: 'a@example.com' });
			const run = await runScim(server, {
				resource: 'user',
				operation: 'get',
				userId: byUserName('a@example.com'),
			});
			expect(run.error?.message).toMatch(/^SCIM GET \/Users failed with 400 \(invalidFilter\)/);
			expect(run.error?.description).toBe(
				'The SCIM service did not accept the SCIM filter userName eq "a@example.com". If you wrote it under “Raw SCIM Filter”, check it there; otherwise the service does not support filtering this way.',
			);
			expect(run.error?.description).not.toMatch(/values sent in this item/);
		});
	});

	test('DELETE of a missing id answered with 500: with Ignore Not Found, one read says notFound', async () => {
		await withScimServer({ deleteMissingAnswers500: true }, async (server) => {
			const run = await runScim(server, {
				resource: 'user',
				operation: 'delete',
				userId: byId('2819c223-7f76-453a-919d-413861904646'),
				ignoreNotFound: true,
			});
			expect(json(run)).toEqual([expect.objectContaining({ outcome: 'notFound' })]);
			expect(
				server.requests
					.filter((request) => request.path.startsWith('/Users/'))
					.map((request) => request.method),
			).toEqual(['GET']);
		});
	});
});
