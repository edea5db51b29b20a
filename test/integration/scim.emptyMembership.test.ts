import type { IDataObject } from 'n8n-workflow';

import { PollingTrigger } from '../harness/runPoll';
import type { RunningScimServer, ScimServerOptions } from '../servers/scimmyServer';
import {
	byDisplayName,
	byUserName,
	groupsOf,
	json,
	runScim,
	scimCredentials,
	withScimServer,
	writes,
} from './fixtures';
import { syncParameters } from './sync.fixtures';

/**
 * RFC 7643 §2.5: an omitted multi-valued attribute is an empty one. A server that leaves
 * `members` off a group nobody is in and `groups` off a user in no group (as scimgateway
 * does) says "nobody" and "none" that way; only a service that shows membership nowhere
 * leaves it unknown.
 */
const SCIMGATEWAY_LIKE: ScimServerOptions = { omitEmptyMembership: true };

const offboard = async (server: RunningScimServer, userName: string) =>
	await runScim(server, {
		resource: 'user',
		operation: 'deactivate',
		userId: byUserName(userName),
		removeFromGroups: true,
	});

describe('SCIM node · an omitted `members` or `groups` is empty where the service shows membership', () => {
	test('the server leaves empty membership off: a group nobody is in has no `members`, a user in no group no `groups`', async () => {
		await withScimServer(SCIMGATEWAY_LIKE, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			server.store.addUser({ userName: 'bo@example.com' });
			server.store.addGroup('Sales', [ana.id]);
			server.store.addGroup('Empty');
			const headers = { authorization: 'Bearer scimmy-test-token' };
			const users = (await (await fetch(`${server.baseUrl}/Users`, { headers })).json()) as {
				Resources: IDataObject[];
			};
			const groups = (await (await fetch(`${server.baseUrl}/Groups`, { headers })).json()) as {
				Resources: IDataObject[];
			};
			expect(users.Resources.map((user) => 'groups' in user)).toEqual([true, false]);
			expect(groups.Resources.map((group) => 'members' in group)).toEqual([true, false]);
		});
	});

	test('Deactivate with Remove From All Groups, run twice: the second run is alreadyInactive and writes nothing', async () => {
		await withScimServer(SCIMGATEWAY_LIKE, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			const bo = server.store.addUser({ userName: 'bo@example.com' });
			server.store.addGroup('Sales', [ana.id]);
			server.store.addGroup('Engineering', [bo.id]);

			const first = await offboard(server, 'ana@example.com');
			expect(first.error).toBeUndefined();
			expect(json(first)[0]).toMatchObject({
				outcome: 'deactivated',
				removedFromGroups: [{ displayName: 'Sales' }],
			});
			expect(groupsOf(server.store, ana.id)).toEqual([]);

			const before = writes(server).length;
			const again = await offboard(server, 'ana@example.com');
			expect(again.error).toBeUndefined();
			expect(json(again)[0]).toMatchObject({ outcome: 'alreadyInactive', removedFromGroups: [] });
			expect(writes(server).length).toBe(before);
			expect(groupsOf(server.store, bo.id)).toEqual(['Engineering']);
		});
	});

	test('a leaver in no group, once a group is empty, is deactivated and left in no group', async () => {
		await withScimServer(SCIMGATEWAY_LIKE, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			const cy = server.store.addUser({ userName: 'cy@example.com' });
			server.store.addGroup('Sales', [ana.id]);
			server.store.addGroup('Nobody yet');

			const run = await offboard(server, 'cy@example.com');
			expect(run.error).toBeUndefined();
			expect(json(run)[0]).toMatchObject({ outcome: 'deactivated', removedFromGroups: [] });
			expect(server.store.users.get(cy.id)?.active).toBe(false);
			expect(groupsOf(server.store, ana.id)).toEqual(['Sales']);
		});
	});

	test('Get and Get Many with Simplify show an empty group’s count as 0 and a user in no group with groups: []', async () => {
		await withScimServer(SCIMGATEWAY_LIKE, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			server.store.addUser({ userName: 'bo@example.com' });
			const sales = server.store.addGroup('Sales', [ana.id]);
			server.store.addGroup('Empty');
			const users = await runScim(server, {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
			});
			expect(json(users).map(({ userName, groups }) => [userName, groups])).toEqual([
				['ana@example.com', [sales.id]],
				['bo@example.com', []],
			]);
			const groups = await runScim(server, {
				resource: 'group',
				operation: 'getAll',
				returnAll: true,
			});
			expect(
				json(groups).map(({ displayName, memberCount }) => [displayName, memberCount]),
			).toEqual([
				['Sales', 1],
				['Empty', 0],
			]);
		});
	});

	test('Remove Member of someone in no group from a group nobody is in is notMember, with no write', async () => {
		await withScimServer(SCIMGATEWAY_LIKE, async (server) => {
			server.store.addUser({ userName: 'ana@example.com' });
			server.store.addGroup('Empty');
			const run = await runScim(server, {
				resource: 'group',
				operation: 'removeMember',
				groupId: byDisplayName('Empty'),
				userId: byUserName('ana@example.com'),
			});
			expect(run.error).toBeUndefined();
			expect(json(run)[0]).toMatchObject({ outcome: 'notMember' });
			expect(writes(server)).toEqual([]);
		});
	});

	test('the trigger reports the last membership on the server ending, and the polls after it', async () => {
		await withScimServer(SCIMGATEWAY_LIKE, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			const sales = server.store.addGroup('Sales', [ana.id]);
			const trigger = new PollingTrigger(
				'scimTrigger',
				{ events: ['groupMembersChanged'] },
				scimCredentials(server),
			);
			expect((await trigger.poll()).events).toBeNull();

			server.store.groups.get(sales.id)!.members = [];
			const { events } = await trigger.poll();
			expect(events).toEqual([
				expect.objectContaining({
					event: 'group.membersChanged',
					id: sales.id,
					removed: [ana.id],
					added: [],
				}),
			]);
			expect((await trigger.poll()).events).toBeNull();

			server.store.groups.get(sales.id)!.members = [{ value: ana.id }];
			expect((await trigger.poll()).events).toEqual([
				expect.objectContaining({ id: sales.id, added: [ana.id], removed: [] }),
			]);
		});
	});

	test('Sync With List with Group Membership on plans from empty groups and people in none; the same list again, beside a new empty group, writes nothing', async () => {
		await withScimServer(SCIMGATEWAY_LIKE, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			const bo = server.store.addUser({ userName: 'bo@example.com' });
			server.store.addGroup('Sales');
			server.store.addGroup('Engineering');
			const list = [
				{ email: 'ana@example.com', team: 'Sales' },
				{ email: 'bo@example.com', team: ['Sales', 'Engineering'] },
			];
			const run = await runScim(server, syncParameters(), list);
			expect(run.error).toBeUndefined();
			expect(groupsOf(server.store, ana.id)).toEqual(['Sales']);
			expect(groupsOf(server.store, bo.id)).toEqual(['Engineering', 'Sales']);

			server.store.addGroup('Board');
			const again = await runScim(server, syncParameters({ options: { output: 'summary' } }), list);
			expect(again.error).toBeUndefined();
			expect(json(again)[0]).toMatchObject({ requests: { writes: 0 } });
		});
	});

	test('a service that shows membership nowhere is still unknown: its /Schemas say `members` and `groups` are never returned', async () => {
		await withScimServer({ omitUserGroups: true, omitGroupMembers: true }, async (server) => {
			const ana = server.store.addUser({ userName: 'ana@example.com' });
			server.store.addGroup('Sales', [ana.id]);
			const run = await offboard(server, 'ana@example.com');
			expect(run.error?.message).toMatch(
				/, but “Remove From All Groups” failed: The SCIM service shows group members neither on its groups nor on its users/,
			);
			expect(groupsOf(server.store, ana.id)).toEqual(['Sales']);
		});
	});

	describe('without /Schemas, judged from the data at hand', () => {
		const NO_SCHEMAS: ScimServerOptions = { omitEmptyMembership: true, schemas: false };

		test('a group showing `members` makes an omitted one empty: the leaver in no group is offboarded', async () => {
			await withScimServer(NO_SCHEMAS, async (server) => {
				const ana = server.store.addUser({ userName: 'ana@example.com' });
				const cy = server.store.addUser({ userName: 'cy@example.com' });
				server.store.addGroup('Sales', [ana.id]);
				server.store.addGroup('Empty');
				const run = await offboard(server, 'cy@example.com');
				expect(run.error).toBeUndefined();
				expect(json(run)[0]).toMatchObject({ outcome: 'deactivated', removedFromGroups: [] });
				expect(server.store.users.get(cy.id)?.active).toBe(false);
			});
		});

		test('with no membership anywhere and groups to be in, membership is unknown, and the trigger says so without recording anything', async () => {
			await withScimServer(NO_SCHEMAS, async (server) => {
				server.store.addUser({ userName: 'ana@example.com' });
				server.store.addGroup('Empty');
				const trigger = new PollingTrigger(
					'scimTrigger',
					{ events: ['groupMembersChanged'] },
					scimCredentials(server),
				);
				await expect(trigger.poll()).rejects.toThrow(
					'The SCIM service shows group members neither on its groups nor on its users',
				);
				expect(trigger.savedStaticData).toEqual({});
			});
		});
	});
});
