import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { testCredential } from '../harness/credentialTest';
import { runListSearch } from '../harness/runNode';
import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import type { RunningSimulator, SimulatorOptions } from '../servers/vendorSimulator';
import type { RecordedRequest } from '../servers/scimmyServer';
import {
	byDisplayName,
	byId,
	byUserName,
	CREDENTIAL_OF,
	json,
	offboardLeaver,
	runVendor,
} from './fixtures';
import { offeredOperations, useSimulator } from './vendors.fixtures';

/** What every vendor node shares, and where each one differs: the same scenarios, run per vendor. */
const VENDORS: Array<{
	node: 'leadIq' | 'leapsome' | 'spekit';
	start: (options?: SimulatorOptions) => Promise<RunningSimulator>;
	operations: { user: string[]; group: string[] };
	/** The group every user of this vendor is in, and stays in. */
	fallbackGroup?: string;
	/** What the credential test says to a wrong token. */
	wrongToken: string;
}> = [
	{
		node: 'leadIq',
		start: startLeadIqSimulator,
		operations: {
			user: ['audit', 'create', 'deactivate', 'get', 'getAll', 'reactivate', 'sync', 'update'],
			group: ['addMember', 'create', 'delete', 'get', 'getAll', 'removeMember', 'update'],
		},
		fallbackGroup: 'Default',
		wrongToken: 'The token was not accepted (401). Generate a new SCIM token and paste it here.',
	},
	{
		node: 'leapsome',
		start: startLeapsomeSimulator,
		operations: {
			user: ['audit', 'create', 'deactivate', 'get', 'getAll', 'reactivate', 'sync', 'update'],
			group: ['addMember', 'create', 'get', 'getAll', 'removeMember', 'update'],
		},
		wrongToken: 'The token was not accepted (403). Generate a new SCIM token and paste it here.',
	},
	{
		node: 'spekit',
		start: startSpekitSimulator,
		operations: {
			user: [
				'audit',
				'create',
				'deactivate',
				'delete',
				'get',
				'getAll',
				'reactivate',
				'sync',
				'update',
			],
			group: ['addMember', 'create', 'get', 'getAll', 'removeMember', 'update'],
		},
		wrongToken: 'The token was not accepted (401). Generate a new SCIM token and paste it here.',
	},
];

describe.each(VENDORS.map((vendor) => [vendor.node, vendor] as const))(
	'%s node, the scenarios every vendor shares',
	(_, { node, start, operations, fallbackGroup, wrongToken }) => {
		const service = useSimulator(start);
		const groupsOf = (userId: string) =>
			service()
				.store.groupIdsOf(userId)
				.map((id) => service().store.groups.get(id)?.displayName)
				.sort();

		test('offers every operation but those the vendor cannot do', () => {
			expect(offeredOperations(node, 'user')).toEqual(operations.user);
			expect(offeredOperations(node, 'group')).toEqual(operations.group);
		});

		test('offboarding: found by email, deactivated, out of their group (colleagues stay); a second run is alreadyInactive', async () => {
			const leaver = service().addUser({ userName: 'leaver@example.com' });
			const stays = service().addUser({ userName: 'stays@example.com' });
			const { store } = service();
			for (const group of store.groups.values())
				group.members = group.members.filter((member) => member.value !== leaver.id);
			store.addGroup('Sales', [leaver.id, stays.id]);
			const offboard = async () =>
				await offboardLeaver(node, service(), 'Sales', 'leaver@example.com');

			expect(await offboard()).toEqual(['deactivated', 'removed']);
			expect(store.users.get(leaver.id)?.active).toBe(false);
			expect(groupsOf(leaver.id)).toEqual(fallbackGroup ? [fallbackGroup] : []);
			expect(groupsOf(stays.id)).toContain('Sales');
			expect(await offboard()).toEqual(['alreadyInactive', 'notMember']);
		});

		test('the user picker finds a person past the first page by part of their name, and a whole userName by `eq`', async () => {
			const small = await start({ rules: { maxPageSize: { User: 10, Group: 10 } } });
			try {
				for (let n = 1; n <= 25; n++)
					small.addUser({ userName: `person${n}@example.com`, displayName: `Person ${n}` });
				const ana = small.addUser({ userName: 'ana.lima@example.com', displayName: 'Ana Lima' });
				const pick = async (filter: string) =>
					await runListSearch({
						type: node,
						method: 'searchUsers',
						credentials: {
							[CREDENTIAL_OF[node]]: { baseUrl: small.baseUrl, token: SIMULATOR_TOKEN },
						},
						filter,
					});
				const asked = () =>
					small.requests.map(
						({ query }) => `${String(query.filter ?? 'all')} from ${String(query.startIndex)}`,
					);
				const anaItem = { name: 'Ana Lima (ana.lima@example.com)', value: ana.id };
				expect((await pick('LIMA')).results).toEqual([anaItem]);
				expect(asked()).toEqual(['all from 1', 'all from 11', 'all from 21']);
				small.requests.length = 0;
				expect((await pick('Ana.Lima@example.com')).results).toEqual([anaItem]);
				expect(asked()).toEqual(['userName eq "Ana.Lima@example.com" from 1']);
				expect(small.violations).toEqual([]);
			} finally {
				await small.close();
			}
		});

		test('the credential test passes with the token (trailing slash or not) and fails readably without it', async () => {
			const credential = { baseUrl: `${service().baseUrl}/`, token: SIMULATOR_TOKEN };
			expect(await testCredential(CREDENTIAL_OF[node], credential)).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(await testCredential(CREDENTIAL_OF[node], { ...credential, token: 'wrong' })).toEqual({
				status: 'Error',
				message: wrongToken,
			});
		});
	},
);

/** The request shapes Okta's SCIM 2.0 client sends (developer.okta.com, SCIM 2.0 protocol reference). */
function oktaShape({ method, path, query, body }: RecordedRequest): string | undefined {
	const keys = Object.keys(query).sort().join(',');
	const filter = typeof query.filter === 'string' ? query.filter : undefined;
	const patch = body as { schemas?: string[]; Operations?: Array<Record<string, unknown>> };
	const operations = patch?.Operations ?? [];
	const isPatchOp = patch?.schemas?.includes('urn:ietf:params:scim:api:messages:2.0:PatchOp');
	if (method === 'GET' && /^\/(Users|Groups)$/.test(path)) {
		const attribute = path === '/Users' ? 'userName' : 'displayName';
		if (keys === 'count,startIndex') return `list ${path}`;
		if (
			keys === 'count,filter,startIndex' &&
			new RegExp(`^${attribute} eq "(?:[^"\\\\]|\\\\.)*"$`).test(filter!)
		)
			return `look up ${path} by ${attribute}`;
		return undefined;
	}
	if (method === 'GET' && /^\/(Users|Groups)\/[^/]+$/.test(path) && keys === '') return 'read one';
	if (method === 'POST' && (path === '/Users' || path === '/Groups')) return `create ${path}`;
	if (method === 'PUT' && path.startsWith('/Users/')) return 'replace a user';
	if (method === 'DELETE' && path.startsWith('/Groups/')) return 'delete a group';
	if (method !== 'PATCH' || !isPatchOp || operations.length === 0) return undefined;
	if (path.startsWith('/Users/')) {
		const [operation] = operations;
		const value = operation.value as Record<string, unknown> | undefined;
		return operations.length === 1 &&
			operation.op === 'replace' &&
			operation.path === undefined &&
			Object.keys(value ?? {}).join() === 'active'
			? 'set active'
			: undefined;
	}
	const each = operations.map((operation) => {
		const value = operation.value as Record<string, unknown> | Array<Record<string, unknown>>;
		if (operation.op === 'replace' && operation.path === undefined && !Array.isArray(value))
			return Object.keys(value).every((key) => key === 'id' || key === 'displayName')
				? 'rename'
				: undefined;
		if (operation.op === 'add' && operation.path === 'members' && Array.isArray(value))
			return value.every((member) =>
				Object.keys(member).every((key) => ['value', 'display'].includes(key)),
			)
				? 'add members'
				: undefined;
		if (operation.op === 'remove' && /^members\[value eq "[^"]+"\]$/.test(String(operation.path)))
			return 'remove a member';
		return undefined;
	});
	return each.every(Boolean) ? each.join(' + ') : undefined;
}

describe.each([
	['LeadIQ', 'leadIq', startLeadIqSimulator],
	['Spekit', 'spekit', startSpekitSimulator],
] as const)('%s node sends only what Okta’s SCIM client sends', (_, node, start) => {
	const service = useSimulator(start);
	const run = async (parameters: INodeParameters, items?: IDataObject[]) => {
		const result = await runVendor(node, service(), parameters, items);
		expect(result.error).toBeUndefined();
		return json(result);
	};

	test('a whole provisioning life: every request has one of Okta’s shapes, and each shape is there', async () => {
		const colleague = service().addUser({ userName: 'colleague@example.com', givenName: 'Col' });
		await run({
			resource: 'user',
			operation: 'create',
			userName: 'ana@example.com',
			additionalFields: { givenName: 'Ana', familyName: 'Lima', externalId: 'E-1' },
		});
		await run({ resource: 'user', operation: 'get', userId: byUserName('ana@example.com') });
		await run({
			resource: 'user',
			operation: 'update',
			userId: byUserName('ana@example.com'),
			updateFields: { familyName: 'Silva' },
		});
		await run({ resource: 'group', operation: 'create', displayName: 'Sales' });
		await run({ resource: 'group', operation: 'create', displayName: 'Support' });
		await run({
			resource: 'group',
			operation: 'update',
			groupId: byDisplayName('Support'),
			displayName: 'Customer Support',
		});
		for (const email of ['ana@example.com', 'colleague@example.com'])
			await run(
				{
					resource: 'group',
					operation: 'addMember',
					groupId: byDisplayName('Sales'),
					userId: byUserName('={{ $json.email }}'),
				},
				[{ email }],
			);
		await run({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { externalId: 'E-1', active: true },
		});
		await run({
			resource: 'user',
			operation: 'deactivate',
			userId: byUserName('ana@example.com'),
			removeFromGroups: true,
		});
		await run({ resource: 'user', operation: 'reactivate', userId: byId(colleague.id) });

		const shapes = service().requests.map((request) => [request, oktaShape(request)] as const);
		expect(shapes.filter(([, shape]) => !shape).map(([request]) => request)).toEqual([]);
		expect(new Set(shapes.map(([, shape]) => shape))).toEqual(
			new Set([
				'look up /Users by userName',
				'create /Users',
				'read one',
				'replace a user',
				'look up /Groups by displayName',
				'create /Groups',
				'rename',
				'add members',
				'list /Users',
				'set active',
				'remove a member',
			]),
		);
	});

	test('list searches match typed text here: the service is never asked for `sw`', async () => {
		service().addUser({ userName: 'ana.lima@example.com', displayName: 'Ana Lima' });
		service().addUser({ userName: 'bo@example.com', displayName: 'Bo Berg' });
		const found = await runListSearch({
			type: node,
			method: 'searchUsers',
			credentials: {
				[CREDENTIAL_OF[node]]: { baseUrl: service().baseUrl, token: SIMULATOR_TOKEN },
			},
			filter: 'lima',
		});
		expect(found.results.map((result) => result.name)).toEqual(['Ana Lima (ana.lima@example.com)']);
		expect(service().requests.map((request) => request.query.filter)).toEqual([undefined]);
	});
});
