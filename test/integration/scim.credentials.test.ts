import { testCredential } from '../harness/credentialTest';
import { runNode } from '../harness/runNode';
import { DEFAULT_TOKEN, startScimServer } from '../servers/scimmyServer';
import { startFaultProxy } from '../servers/faultProxy';
import type { FaultKind } from '../servers/faultProxy';
import { byUserName, json, withScimServer } from './fixtures';

const SENTINEL = 'sentinel-secret-0123456789';

function everythingSaidAbout(error: unknown): string {
	const { message, description, context, cause } = error as {
		message?: string;
		description?: string;
		context?: unknown;
		cause?: unknown;
	};
	return JSON.stringify(
		{ message, description, context, cause, all: error },
		Object.getOwnPropertyNames(error ?? {}),
	);
}

describe('scimApi credential', () => {
	test('its test request passes with the right token and fails readably with a wrong one', async () => {
		await withScimServer({}, async (server) => {
			expect(
				await testCredential('scimApi', {
					baseUrl: `${server.baseUrl}/`,
					authentication: 'bearer',
					token: DEFAULT_TOKEN,
				}),
			).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			const wrong = await testCredential('scimApi', {
				baseUrl: server.baseUrl,
				authentication: 'bearer',
				token: SENTINEL,
			});
			expect(wrong).toEqual({
				status: 'Error',
				message:
					'The service did not accept the credential (401). Check the token, the username and password, or the header value.',
			});
			expect(server.requests.at(-1)).toMatchObject({
				method: 'GET',
				path: '/Users',
				query: { startIndex: '1', count: '1' },
			});
		});
	});

	test('its test request names a wrong base URL', async () => {
		await withScimServer({}, async (server) => {
			const result = await testCredential('scimApi', {
				baseUrl: server.baseUrl.replace('/scim/v2', '/nothing'),
				authentication: 'bearer',
				token: DEFAULT_TOKEN,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toContain('404');
		});
	});

	test.each([
		[
			'basic',
			{ type: 'basic' as const, username: 'svc', password: SENTINEL },
			{ authentication: 'basic', username: 'svc', password: SENTINEL },
		],
		[
			'header',
			{ type: 'header' as const, name: 'X-Api-Key', value: SENTINEL },
			{ authentication: 'header', headerName: 'X-Api-Key', headerValue: SENTINEL },
		],
		[
			'bearer',
			{ type: 'bearer' as const, token: SENTINEL },
			{ authentication: 'bearer', token: SENTINEL },
		],
	])(
		'%s authentication reaches the service from the node and from the credential test',
		async (_name, auth, credential) => {
			await withScimServer({ auth }, async (server) => {
				server.store.addUser({ userName: 'auth@example.com' });
				const run = await runNode({
					type: 'scim',
					parameters: {
						resource: 'user',
						operation: 'get',
						userId: byUserName('auth@example.com'),
					},
					credentials: { scimApi: { baseUrl: `  ${server.baseUrl}//  `, ...credential } },
				});
				expect(json(run)).toEqual([expect.objectContaining({ userName: 'auth@example.com' })]);
				expect(
					(await testCredential('scimApi', { baseUrl: server.baseUrl, ...credential })).status,
				).toBe('OK');
			});
		},
	);

	test('a rejected credential gives a 401 error that never repeats the secret, even when the service echoes it', async () => {
		await withScimServer({ echoCredentialInErrors: true }, async (server) => {
			const run = await runNode({
				type: 'scim',
				parameters: { resource: 'user', operation: 'get', userId: byUserName('a@example.com') },
				credentials: {
					scimApi: { baseUrl: server.baseUrl, authentication: 'bearer', token: SENTINEL },
				},
			});
			expect(run.error?.message).toMatch(/^SCIM GET \/Users failed with 401: Authorization failed/);
			expect(run.error?.description).toContain('Check the token');
			expect(run.error?.httpCode).toBe('401');
			expect(server.requests[0].authorization).toBe(`Bearer ${SENTINEL}`);
			expect(everythingSaidAbout(run.error)).not.toContain(SENTINEL);
			expect(JSON.stringify(run.run.data)).not.toContain(SENTINEL);
		});
	});

	test('an unreachable service gives an error naming the host, without the secret', async () => {
		const server = await startScimServer();
		const baseUrl = server.baseUrl;
		await server.close();
		const run = await runNode({
			type: 'scim',
			parameters: { resource: 'user', operation: 'get', userId: byUserName('a@example.com') },
			credentials: { scimApi: { baseUrl, authentication: 'bearer', token: SENTINEL } },
		});
		expect(run.error?.message).toBe(
			`SCIM GET /Users got no answer from ${new URL(baseUrl).host} in 6 attempts: the connection was refused`,
		);
		expect(everythingSaidAbout(run.error)).not.toContain(SENTINEL);
		expect(JSON.stringify(run.run.data)).not.toContain(SENTINEL);
	});

	test.each<FaultKind>(['500', '502', '503', '429', '429-bare', 'drop', 'truncate', 'lost'])(
		'a service that keeps answering %s gives an error without the secret, in the error and in Continue On Fail output',
		async (kind) => {
			await withScimServer({ auth: { type: 'bearer', token: SENTINEL } }, async (server) => {
				server.store.addUser({ userName: 'a@example.com' });
				const proxy = await startFaultProxy(server.baseUrl, { rate: 1, seed: 1, kinds: [kind] });
				try {
					for (const continueOnFail of [false, true]) {
						const run = await runNode({
							type: 'scim',
							parameters: {
								resource: 'user',
								operation: 'deactivate',
								userId: byUserName('a@example.com'),
							},
							credentials: {
								scimApi: { baseUrl: proxy.baseUrl, authentication: 'bearer', token: SENTINEL },
							},
							continueOnFail,
						});
						expect(run.error ?? json(run)[0].error).toBeDefined();
						if (run.error) expect(everythingSaidAbout(run.error)).not.toContain(SENTINEL);
						expect(JSON.stringify(run.run.data)).not.toContain(SENTINEL);
					}
				} finally {
					await proxy.close();
				}
			});
		},
		60_000,
	);
});
