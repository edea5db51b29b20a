import { runListSearch } from '../harness/runNode';
import { PollingTrigger } from '../harness/runPoll';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import { byDisplayName, byId, byUserName, json, runVendor } from './fixtures';
import { collectionFields, useSimulator } from './vendors.fixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('Leapsome node, against a simulator checked by Leapsome’s OpenAPI', () => {
	const leapsome = useSimulator(startLeapsomeSimulator);
	const teamsOf = (userId: string) =>
		leapsome()
			.store.groupIdsOf(userId)
			.map((id) => leapsome().store.groups.get(id)?.displayName)
			.sort();

	test('offers the enterprise attributes plus custom attributes on create and update', () => {
		for (const [collection, operation] of [
			['additionalFields', 'create'],
			['updateFields', 'update'],
		]) {
			expect(collectionFields('leapsome', collection, operation)).toEqual(
				expect.arrayContaining([
					'department',
					'manager',
					'startDate',
					'endDate',
					'location',
					'level',
					'division',
					'costCenter',
					'employmentType',
					'customAttributes',
				]),
			);
		}
	});

	test('a workflow naming user delete anyway is refused before any request', async () => {
		leapsome().addUser({ userName: 'ana@example.com' });
		const run = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'delete',
			userId: byUserName('ana@example.com'),
		});
		expect(run.error?.message).toBe(
			'The operation “delete” on “user” is not supported by Leapsome',
		);
		expect(leapsome().requests).toHaveLength(0);
	});

	test('creates a user with enterprise and custom attributes', async () => {
		const run = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'create',
			userName: 'ana@example.com',
			additionalFields: {
				givenName: 'Ana',
				familyName: 'Lima',
				department: 'Engineering',
				startDate: '2026-02-01T00:00:00',
				level: 'Senior',
				customAttributes: {
					attribute: [{ id: '6140868326541a4da586db0b', value: 'Berlin office' }],
				},
			},
		});
		expect(run.error).toBeUndefined();
		const stored = leapsome().store.userByName('ana@example.com');
		expect(stored).toMatchObject({
			name: { givenName: 'Ana', familyName: 'Lima' },
			title: 'Colleague',
			[ENTERPRISE]: {
				department: 'Engineering',
				startDate: '2026-02-01',
				level: 'Senior',
				'6140868326541a4da586db0b': 'Berlin office',
			},
		});
		expect(json(run)[0]).toMatchObject({ id: stored?.id });
		// POST /Users with what its OpenAPI documents; the rest by PATCH once the user exists.
		const [post, patch] = leapsome().requests.filter((request) => request.method !== 'GET');
		expect(post).toMatchObject({
			method: 'POST',
			body: { userName: 'ana@example.com', name: { givenName: 'Ana', familyName: 'Lima' } },
		});
		expect(Object.keys(post.body as object).sort()).toEqual(['name', 'userName']);
		expect(patch).toMatchObject({
			method: 'PATCH',
			path: `/Users/${stored?.id}`,
			body: {
				userName: 'ana@example.com',
				[ENTERPRISE]: { department: 'Engineering', level: 'Senior' },
			},
		});
	});

	test('a manager Leapsome does not know fails the item after creating, saying the user exists and what to do', async () => {
		const run = await runVendor(
			'leapsome',
			leapsome(),
			{
				resource: 'user',
				operation: 'create',
				userName: 'ana@example.com',
				additionalFields: { manager: 'nobody@example.com', department: 'R&D' },
			},
			[{}],
			{ continueOnFail: true },
		);
		const created = leapsome().store.userByName('ana@example.com');
		expect(json(run)).toEqual([
			{
				error: expect.stringMatching(
					new RegExp(
						`^Item 1: “Additional Fields” could not all be set: Leapsome created the user \\(ID "${created?.id}"\\), then refused Department, Manager: .*Manager nobody@example.com is not a user`,
					),
				),
			},
		]);
	});

	test('a name change on a user with one part of the name stored is refused before sending', async () => {
		const user = leapsome().addUser({ userName: 'ana@example.com' });
		leapsome().store.users.get(user.id)!.name = { givenName: 'Ana' };
		const run = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'update',
			userId: byUserName('ana@example.com'),
			updateFields: { givenName: 'Anna' },
		});
		expect(run.error?.message).toBe(
			'Item 1: “Family Name” is needed too: Leapsome takes a name only with both parts, and this user has none stored',
		);
		expect(leapsome().requests.filter((request) => request.method === 'PATCH')).toEqual([]);
	});

	test('a team that is not in the organisation (Leapsome answers 401) is not found; a wrong token (403) is said to be the token', async () => {
		leapsome().addUser({ userName: 'ana@example.com' });
		const missing = '5ecba01fb567a5d046582027';
		const get = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'get',
			groupId: byId(missing),
		});
		expect(get.error?.message).toBe(`Item 1: no group with ID "${missing}" exists in Leapsome`);
		const remove = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'removeMember',
			groupId: byId(missing),
			userId: byUserName('ana@example.com'),
			ignoreNotFound: true,
		});
		expect(json(remove)[0]).toMatchObject({ outcome: 'notFound', resourceType: 'Group' });
		const wrongToken = await runVendor(
			'leapsome',
			leapsome(),
			{ resource: 'group', operation: 'get', groupId: byId(missing) },
			[{}],
			{ token: 'not-the-token' },
		);
		expect(wrongToken.error?.message).toMatch(/failed with 403/);
		expect(wrongToken.error?.description).toBe(
			'Leapsome did not accept the credential (403). Check the token (or username and password) in the credential.',
		);
	});

	test('teams come with members: [] whatever they hold, as the OpenAPI declares, so Simplify counts them from the users (one listing), never 0 for a full team', async () => {
		const [ana, bo] = ['ana', 'bo'].map((name) =>
			leapsome().addUser({ userName: `${name}@example.com` }),
		);
		leapsome().store.addGroup('Engineering', [ana.id, bo.id]);
		leapsome().store.addGroup('Empty');
		const run = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
		});
		expect(json(run).map(({ displayName, memberCount }) => [displayName, memberCount])).toEqual([
			['Engineering', 2],
			['Empty', 0],
		]);
		const raw = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			simplify: false,
		});
		expect(json(raw).map(({ members }) => members)).toEqual([[], []]);
	});

	test('a dry run of an offboarding reads as a sentence, shows the account as it is, and names whom the team’s new list leaves out', async () => {
		const max = leapsome().addUser({ userName: 'max.turner@example.com' });
		const ana = leapsome().addUser({ userName: 'ana@example.com' });
		const sales = leapsome().store.addGroup('Sales', [max.id, ana.id]);
		const run = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'deactivate',
			userId: byUserName('max.turner@example.com'),
			removeFromGroups: true,
			options: { dryRun: true },
		});
		const [item] = json(run);
		const hints = (nodeRun: typeof run) =>
			nodeRun.run.data.resultData.runData['Node Under Test'][0].hints;
		// The canvas shows a preview as one: n8n puts the hint above the node's output.
		expect(hints(run)).toEqual([
			expect.objectContaining({ message: expect.stringMatching(/^Dry Run: nothing was written/) }),
		]);
		expect(Object.keys(item).slice(0, 2)).toEqual(['outcome', 'summary']);
		expect(item).toMatchObject({
			outcome: 'wouldDeactivate',
			summary: 'Would deactivate max.turner@example.com in Leapsome and remove them from Sales',
			active: true,
			dryRun: true,
		});
		expect(item.plannedRequests).toEqual([
			expect.objectContaining({ method: 'PATCH', path: `/Users/${max.id}` }),
			{
				method: 'PATCH',
				path: `/Groups/${sales.id}`,
				body: { members: [{ value: ana.id }], replaceMembers: true },
				removes: [{ id: max.id, userName: 'max.turner@example.com' }],
			},
		]);
		const real = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'deactivate',
			userId: byUserName('max.turner@example.com'),
			removeFromGroups: true,
		});
		expect(json(real)[0]).not.toHaveProperty('plannedRequests');
		expect(hints(real) ?? []).toEqual([]);
		expect(json(real)[0]).toMatchObject({
			summary: 'Deactivated max.turner@example.com in Leapsome and removed them from Sales',
			active: false,
		});
	});

	test('Remove Member takes the person out of a team served with members: [] (it is never taken as “not a member”)', async () => {
		const ana = leapsome().addUser({ userName: 'ana@example.com' });
		const bo = leapsome().addUser({ userName: 'bo@example.com' });
		const team = leapsome().store.addGroup('Sales', [ana.id, bo.id]);
		const run = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'removeMember',
			groupId: byDisplayName('Sales'),
			userId: byUserName('ana@example.com'),
		});
		expect(json(run)).toEqual([expect.objectContaining({ outcome: 'removed' })]);
		expect(team.members.map((member) => member.value)).toEqual([bo.id]);
		expect(leapsome().violations).toEqual([]);
	});

	test('an existing user, which Leapsome answers with 201 {}, is handled by If User Exists', async () => {
		const existing = leapsome().addUser({
			userName: 'ana@example.com',
			givenName: 'Ana',
			familyName: 'Lima',
		});
		const failing = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'create',
			userName: 'ana@example.com',
		});
		expect(failing.error?.message).toBe(
			'Item 1: “User Name” is taken: a user with userName "ana@example.com" already exists',
		);
		const returned = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'create',
			userName: 'ana@example.com',
			ifUserExists: 'returnExisting',
		});
		expect(json(returned)[0]).toMatchObject({ id: existing.id });
		const updated = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'create',
			userName: 'ana@example.com',
			additionalFields: { department: 'Sales' },
			ifUserExists: 'update',
		});
		expect(json(updated)[0]).toMatchObject({
			id: existing.id,
			[ENTERPRISE]: { department: 'Sales' },
		});
		expect(leapsome().store.users.size).toBe(1);
	});

	test('update sends a partial user object with the userName and the whole name', async () => {
		const boss = leapsome().addUser({ userName: 'boss@example.com', displayName: 'Bo Boss' });
		const user = leapsome().addUser({
			userName: 'ana@example.com',
			givenName: 'Ana',
			familyName: 'Lima',
		});
		const run = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'update',
			userId: byUserName('ana@example.com'),
			updateFields: { familyName: 'Silva', manager: 'boss@example.com', endDate: '2026-12-31' },
		});
		expect(run.error).toBeUndefined();
		const patch = leapsome().requests.find((request) => request.method === 'PATCH');
		expect(patch?.body).toEqual({
			userName: 'ana@example.com',
			name: { givenName: 'Ana', familyName: 'Silva' },
			[ENTERPRISE]: { manager: 'boss@example.com', endDate: '2026-12-31' },
		});
		// Leapsome keeps the manager by id, and shows it as a reference.
		expect(leapsome().store.users.get(user.id)).toMatchObject({
			name: { familyName: 'Silva' },
			[ENTERPRISE]: { manager: boss.id },
		});
		expect(json(run)[0]).toMatchObject({
			[ENTERPRISE]: { manager: { managerId: boss.id, displayName: 'Bo Boss' } },
			manager: { value: boss.id },
		});
	});

	test('get by an id that is someone’s externalId does not return them', async () => {
		const user = leapsome().addUser({ userName: 'ana@example.com', externalId: 'E-1' });
		const byExternal = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'get',
			userId: byId('E-1'),
		});
		expect(byExternal.error?.message).toBe('Item 1: no user with ID "E-1" exists in Leapsome');
		expect(
			json(
				await runVendor('leapsome', leapsome(), {
					resource: 'user',
					operation: 'get',
					userId: byId(user.id),
				}),
			)[0],
		).toMatchObject({ id: user.id });
	});

	test('get many filters on the service by userName only; other filters apply after listing', async () => {
		leapsome().addUser({ userName: 'a@example.com', externalId: 'E-1' });
		leapsome().addUser({ userName: 'b@example.com', externalId: 'E-2', active: false });
		leapsome().addUser({ userName: 'c@example.com', externalId: 'E-3' });
		const inactive = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { active: true, externalId: 'E-3' },
		});
		expect(json(inactive).map((user) => user.userName)).toEqual(['c@example.com']);
		const byName = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { userName: 'B@example.com', active: false },
		});
		expect(json(byName).map((user) => user.userName)).toEqual(['b@example.com']);
		const lists = leapsome().requests.filter((request) => request.path === '/Users');
		expect(lists.map((request) => request.query.filter)).toEqual([
			undefined,
			'userName eq "B@example.com"',
		]);
		expect(lists.every((request) => Number(request.query.count) === 5000)).toBe(true);
	});

	test('deactivates with a partial user object; a second run is alreadyInactive', async () => {
		const user = leapsome().addUser({ userName: 'leaver@example.com' });
		const first = await runVendor('leapsome', leapsome(), {
			resource: 'user',
			operation: 'deactivate',
			userId: byUserName('leaver@example.com'),
		});
		expect(json(first)[0]).toMatchObject({ outcome: 'deactivated', active: false });
		expect(leapsome().requests.find((request) => request.method === 'PATCH')?.body).toEqual({
			userName: 'leaver@example.com',
			active: false,
		});
		expect(leapsome().store.users.get(user.id)?.active).toBe(false);
		expect(
			json(
				await runVendor('leapsome', leapsome(), {
					resource: 'user',
					operation: 'deactivate',
					userId: byUserName('leaver@example.com'),
				}),
			)[0],
		).toMatchObject({ outcome: 'alreadyInactive' });
		expect(
			json(
				await runVendor('leapsome', leapsome(), {
					resource: 'user',
					operation: 'reactivate',
					userId: byId(user.id),
				}),
			)[0],
		).toMatchObject({ outcome: 'reactivated' });
	});

	test('teams: create, rename, duplicate names, list and get', async () => {
		const created = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'create',
			displayName: 'Engineering',
		});
		expect(json(created)[0]).toMatchObject({ displayName: 'Engineering' });
		const duplicate = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'create',
			displayName: 'Engineering',
		});
		expect(duplicate.error?.message).toBe(
			'Item 1: “Display Name” is taken: a group named "Engineering" already exists',
		);
		const renamed = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'update',
			groupId: byDisplayName('engineering'),
			displayName: 'R&D',
		});
		expect(json(renamed)[0]).toMatchObject({ displayName: 'R&D' });
		expect(
			leapsome()
				.requests.filter((request) => request.method === 'PATCH')
				.at(-1)?.body,
		).toEqual({ displayName: 'R&D' });
		const listed = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: { displayName: 'r&d' },
		});
		expect(json(listed)).toEqual([expect.objectContaining({ displayName: 'R&D' })]);
		expect(
			leapsome()
				.requests.filter((request) => request.path === '/Groups')
				.at(-1)?.query,
		).toMatchObject({ filter: 'displayName eq "r&d"', count: '1000' });
	});

	test('adds members with members/replaceMembers:false, and reports alreadyMember from the user’s teams', async () => {
		const user = leapsome().addUser({ userName: 'ana@example.com' });
		const team = leapsome().store.addGroup('Engineering');
		const add = {
			resource: 'group',
			operation: 'addMember',
			groupId: byDisplayName('Engineering'),
			userId: byUserName('ana@example.com'),
		};
		expect(json(await runVendor('leapsome', leapsome(), add))[0]).toMatchObject({
			outcome: 'added',
			groupId: team.id,
		});
		expect(leapsome().requests.find((request) => request.method === 'PATCH')?.body).toEqual({
			members: [{ value: user.id }],
			replaceMembers: false,
		});
		expect(teamsOf(user.id)).toEqual(['Engineering']);
		expect(json(await runVendor('leapsome', leapsome(), add))[0]).toMatchObject({
			outcome: 'alreadyMember',
		});
	});

	test('removes a member from a 250-member team by rebuilding the list in batches of at most 100', async () => {
		const members = Array.from({ length: 250 }, (_, index) =>
			leapsome().addUser({ userName: `m${index}@example.com` }),
		);
		const team = leapsome().store.addGroup(
			'Everyone',
			members.map((member) => member.id),
		);
		const other = leapsome().store.addGroup('Other', [members[0].id]);
		const run = await runVendor('leapsome', leapsome(), {
			resource: 'group',
			operation: 'removeMember',
			groupId: byId(team.id),
			userId: byUserName('m7@example.com'),
		});
		expect(json(run)[0]).toMatchObject({ outcome: 'removed' });
		const stored = leapsome()
			.store.groups.get(team.id)!
			.members.map((member) => member.value)
			.sort();
		expect(stored).toEqual(
			members
				.filter((_, index) => index !== 7)
				.map((member) => member.id)
				.sort(),
		);
		expect(leapsome().store.groups.get(other.id)?.members).toHaveLength(1);
		const patches = leapsome()
			.requests.filter((request) => request.method === 'PATCH')
			.map((request) => request.body as { members: unknown[]; replaceMembers: boolean });
		expect(patches.map((body) => [body.members.length, body.replaceMembers])).toEqual([
			[100, true],
			[100, false],
			[49, false],
		]);
		expect(
			json(
				await runVendor('leapsome', leapsome(), {
					resource: 'group',
					operation: 'removeMember',
					groupId: byId(team.id),
					userId: byUserName('m7@example.com'),
				}),
			)[0],
		).toMatchObject({ outcome: 'notMember' });
	});

	describe('a 150-member team, whose new list goes out as a replacement of 100 and an addition of 49', () => {
		/** Offboards m0; `answer` may answer a team write (the first, second, …) with an error status. */
		async function offboarding(
			answer: (
				write: number,
				body: { members: Array<{ value: string }>; replaceMembers: boolean },
			) => number | undefined,
		) {
			let teamWrites = 0;
			const service = await startLeapsomeSimulator({
				onRequest: (request, store) => {
					if (request.method !== 'PATCH' || !request.path.startsWith('/Groups/')) return;
					const body = request.body as {
						members: Array<{ value: string }>;
						replaceMembers: boolean;
					};
					const status = answer(++teamWrites, body);
					if (status === undefined) return;
					// Applied, but the answer says otherwise (the answer was lost on the way).
					if (status >= 500 && body.replaceMembers)
						store.groupByName('Eng')!.members = body.members.map(({ value }) => ({ value }));
					return { status };
				},
			});
			const members = Array.from({ length: 150 }, (_, index) =>
				service.addUser({ userName: `m${index}@example.com` }),
			);
			const team = service.store.addGroup(
				'Eng',
				members.map((member) => member.id),
			);
			const run = await runVendor('leapsome', service, {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('m0@example.com'),
				removeFromGroups: true,
			});
			await service.close();
			const kept = team.members.map((member) => member.value).sort();
			const ids = (from: number, to?: number) =>
				members
					.slice(from, to)
					.map((member) => member.id)
					.sort();
			return { run, kept, ids, names: members.map((member) => member.userName) };
		}

		test('the addition refused (403): the item says whom the team lost, in its message and, more of them, in its description', async () => {
			const { run, kept, ids, names } = await offboarding((write) =>
				write === 2 ? 403 : undefined,
			);
			expect(kept).toEqual(ids(1, 101));
			expect(run.error?.message).toContain(
				`Deactivated m0@example.com in Leapsome, but removing them from Eng failed: Leapsome took the team's new member list only in part: 49 members no change removed are out of the team: ${names.slice(101, 106).join(', ')} and 44 more (SCIM PATCH /Groups/`,
			);
			expect(run.error?.message).toMatch(/ failed with 403/);
			// The replacement took m0 out; the item does not claim either way.
			expect(run.error?.description).toMatch(
				/^m0@example\.com is inactive, not confirmed out of Eng\. /,
			);
			expect(run.error?.description).toContain(
				`Check the team and add back, leaving out anyone being offboarded: ${names.slice(101, 121).join(', ')} and 29 more.`,
			);
			// The service's own advice on a 403 goes with it.
			expect(run.error?.description).toMatch(/credential|token/i);
		});

		test('the addition unavailable once (503): retried, and nobody is lost', async () => {
			const { run, kept, ids } = await offboarding((write) => (write === 2 ? 503 : undefined));
			expect(run.error).toBeUndefined();
			expect(kept).toEqual(ids(1));
		});

		test('the replacement applied but answered 500 every time: the addition puts back the 49 it left out', async () => {
			const { run, kept, ids } = await offboarding((_, body) =>
				body.replaceMembers ? 500 : undefined,
			);
			expect(kept).toEqual(ids(1));
			// The item fails on the 500 after its retries; where the retries outlast the fresh window,
			// the round is read and sent again, finds m0 out, and the item succeeds. Nobody is lost.
			if (run.error) expect(run.error.message).toMatch(/removing them from Eng failed: /);
		});

		test('the addition answered 500 every time, applied or not: the item says they are perhaps out', async () => {
			const { run, kept, ids } = await offboarding((_, body) =>
				body.replaceMembers ? undefined : 500,
			);
			expect(kept).toEqual(ids(1, 101));
			expect(run.error?.message).toContain(
				'49 members no change removed are perhaps out of the team',
			);
			expect(run.error?.description).toContain('whether the additions landed is not known');
		});
	});

	test('many items stay under 30 requests per second without a single 429', async () => {
		const names = Array.from({ length: 40 }, (_, index) => `p${index}@example.com`);
		names.forEach((userName) => leapsome().addUser({ userName }));
		const run = await runVendor(
			'leapsome',
			leapsome(),
			{
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('={{ $json.email }}'),
				options: { parallelRequests: 10 },
			},
			names.map((email) => ({ email })),
		);
		expect(json(run).every((item) => item.outcome === 'deactivated')).toBe(true);
		expect(leapsome().rateLimited).toBe(0);
		expect([...leapsome().store.users.values()].every((user) => user.active === false)).toBe(true);
	});

	test('the user list search matches typed text here, since Leapsome cannot filter by prefix', async () => {
		leapsome().addUser({ userName: 'ana.lima@example.com', displayName: 'Ana Lima' });
		leapsome().addUser({ userName: 'bo@example.com', displayName: 'Bo Berg' });
		const found = await runListSearch({
			type: 'leapsome',
			method: 'searchUsers',
			credentials: { leapsomeScimApi: { baseUrl: leapsome().baseUrl, token: SIMULATOR_TOKEN } },
			filter: 'lima',
		});
		expect(found.results.map((result) => result.name)).toEqual(['Ana Lima (ana.lima@example.com)']);
		expect(leapsome().requests.at(-1)?.query).toEqual({ startIndex: '1', count: '5000' });
	});

	test('the trigger compares a manager by id: renaming the manager changes nobody else, a new manager does', async () => {
		const boss = leapsome().addUser({ userName: 'boss@example.com', displayName: 'Bo Boss' });
		const other = leapsome().addUser({ userName: 'other@example.com', displayName: 'Ola Other' });
		const report = leapsome().addUser({ userName: 'report@example.com' });
		leapsome().store.users.get(report.id)![ENTERPRISE] = { manager: boss.id };
		const trigger = new PollingTrigger(
			'leapsomeTrigger',
			{ events: ['userUpdated'] },
			{ leapsomeScimApi: { baseUrl: leapsome().baseUrl, token: SIMULATOR_TOKEN } },
		);
		expect((await trigger.poll()).events).toBeNull();
		leapsome().store.users.get(boss.id)!.displayName = 'Bo Renamed';
		const renamed = (await trigger.poll()).events ?? [];
		expect(renamed.map((event) => event.id)).toEqual([boss.id]);
		leapsome().store.users.get(report.id)![ENTERPRISE] = { manager: other.id };
		const changed = (await trigger.poll()).events ?? [];
		expect(changed.map((event) => event.id)).toEqual([report.id]);
		// One digit per attribute names what changed; where two digits happen to agree, every attribute is named.
		expect(changed[0].changes).toEqual(
			expect.arrayContaining([{ field: 'manager', from: null, to: other.id }]),
		);
	});
});
