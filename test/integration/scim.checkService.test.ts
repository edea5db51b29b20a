import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import type { RunningScimServer, ScimServerOptions } from '../servers/scimmyServer';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import type { RunningSimulator } from '../servers/vendorSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import { PollingTrigger } from '../harness/runPoll';
import { byUserName, json, runScim, scimCredentials, withScimServer } from './fixtures';
import { offeredOperations } from './vendors.fixtures';

/** A few people in a team, as any app has them. */
function seed(server: { store: RunningScimServer['store'] }) {
	const ana = server.store.addUser({ userName: 'Ana.Lima@example.com', externalId: 'E-1' });
	const bo = server.store.addUser({ userName: 'bo@example.com' });
	server.store.addUser({ userName: 'cy@example.com' });
	server.store.addGroup('Sales', [ana.id, bo.id]);
}

/** The report by check and by workflow. */
function report(items: IDataObject[]) {
	const checks = Object.fromEntries(
		items.filter((item) => 'check' in item).map((item) => [item.check, item]),
	) as Record<string, IDataObject>;
	const verdicts = Object.fromEntries(
		items.filter((item) => 'workflow' in item).map((item) => [item.workflow, item.verdict]),
	);
	return { checks, verdicts, items };
}

async function check(options: ScimServerOptions, writeTest = false) {
	let result: ReturnType<typeof report> | undefined;
	let before = '';
	let after = '';
	await withScimServer(options, async (server) => {
		seed(server);
		before = JSON.stringify([[...server.store.users.keys()], [...server.store.groups.keys()]]);
		const run = await runScim(server, { resource: 'service', operation: 'check', writeTest });
		if (run.error) throw run.error;
		result = report(json(run));
		after = JSON.stringify([[...server.store.users.keys()], [...server.store.groups.keys()]]);
	});
	return { ...result!, unchanged: before === after };
}

const READY = {
	offboarding: 'ready',
	onboarding: 'ready',
	licenseAudit: 'ready',
	trigger: 'ready',
};

/** Without Write Test: the workflows that write are not called ready on writes never tried. */
const READ_ONLY = { ...READY, offboarding: 'notReady', onboarding: 'notReady' };

const why = (items: IDataObject[], workflow: string) =>
	items.find((item) => item.workflow === workflow)?.why;

describe('Check Service on the generic SCIM node', () => {
	test('is offered on the generic node alone', () => {
		expect(offeredOperations('scim', 'service' as 'user')).toEqual(['check']);
		for (const vendor of ['leadIq', 'leapsome', 'spekit'])
			expect(offeredOperations(vendor, 'service' as 'user')).toEqual([]);
	});

	test('a standards server: every check it tries passes; the writes it does not try are “not tried”, so onboarding and offboarding are not called ready; the read-only check sends no write', async () => {
		const { checks, verdicts, items, unchanged } = await check({});
		expect(verdicts).toEqual(READ_ONLY);
		expect(why(items, 'offboarding')).toBe(
			'Offboarding (find by email, deactivate, remove from groups): not tried (turn on Write Test to try them): patch, deactivate, removeMember',
		);
		expect(why(items, 'onboarding')).toBe(
			'Onboarding (create, add to a group): not tried (turn on Write Test to try them): createUser, addMember',
		);
		expect(why(items, 'trigger')).toBe(
			'Trigger (list everything, compare): everything it needs works',
		);
		const writes = [
			'patch',
			'createUser',
			'deactivate',
			'reactivate',
			'storeEmployeeId',
			'createGroup',
			'addMember',
			'removeMember',
			'deleteUser',
			'deleteGroup',
		];
		for (const item of items.filter((entry) => 'check' in entry))
			expect({ check: item.check, ok: item.ok }).toEqual({
				check: item.check,
				ok: writes.includes(String(item.check)) ? null : true,
			});
		for (const name of writes) expect(checks[name]).toMatchObject({ observed: 'not tried' });
		expect(checks.membership).toMatchObject({ observed: 'shown on the groups' });
		expect(checks.patch).toMatchObject({ advertised: true, observed: 'not tried' });
		for (const item of items)
			expect(Object.keys(item)).toEqual(
				'check' in item
					? ['check', 'advertised', 'observed', 'ok', 'nodeUses', 'detail']
					: ['workflow', 'verdict', 'why'],
			);
		expect(unchanged).toBe(true);
	});

	test('Write Test tries every write on a throwaway user and group and leaves nothing behind', async () => {
		const { checks, verdicts, items, unchanged } = await check({}, true);
		expect(verdicts).toEqual(READY);
		for (const name of [
			'createUser',
			'deactivate',
			'reactivate',
			'createGroup',
			'addMember',
			'removeMember',
			'deleteUser',
			'deleteGroup',
			'cleanUp',
		])
			expect({ name, ok: checks[name]?.ok }).toEqual({ name, ok: true });
		expect(checks.createUser.observed).toMatch(/^created /);
		expect(checks.patch).toMatchObject({ observed: 'works', ok: true });
		expect(items.filter((item) => 'workflow' in item).map((item) => item.leftBehind)).toEqual([
			[],
			[],
			[],
			[],
		]);
		expect(unchanged).toBe(true);
	});

	test('users without groups and groups without members: membership unknown, offboarding and the trigger not ready', async () => {
		const { checks, verdicts } = await check(
			{ omitUserGroups: true, omitGroupMembers: true },
			true,
		);
		expect(checks.usersShowGroups).toMatchObject({ observed: 'no', advertised: false, ok: true });
		expect(checks.groupsShowMembers).toMatchObject({ observed: 'no', advertised: false, ok: true });
		expect(checks.membership).toMatchObject({ observed: 'shown nowhere', ok: false });
		expect(verdicts).toEqual({
			offboarding: 'notReady',
			onboarding: 'ready',
			licenseAudit: 'ready',
			trigger: 'notReady',
		});
		const alone = await check({ omitUserGroups: true }, true);
		expect(alone.checks.membership).toMatchObject({ observed: 'shown on the groups', ok: true });
		expect(alone.verdicts).toEqual(READY);
	});

	test('membership is judged by the operations’ rule from what the service says of itself: where empty members and groups are left off, the verdicts stay when the last membership ends, and Remove From All Groups and the trigger do what they say', async () => {
		await withScimServer({ omitEmptyMembership: true }, async (server) => {
			seed(server);
			const checkNow = async () =>
				report(
					json(await runScim(server, { resource: 'service', operation: 'check', writeTest: true })),
				);
			const before = await checkNow();
			expect(before.checks.membership).toMatchObject({ observed: 'shown on the groups', ok: true });
			expect(before.checks.groupsShowMembers).toMatchObject({ observed: 'yes', advertised: true });
			expect(before.checks.usersShowGroups).toMatchObject({ observed: 'yes', advertised: true });
			expect(before.verdicts).toEqual(READY);

			for (const group of server.store.groups.values()) group.members = [];
			const after = await checkNow();
			for (const name of ['usersShowGroups', 'groupsShowMembers', 'membership'])
				expect(after.checks[name]).toEqual(before.checks[name]);
			expect(after.verdicts).toEqual(READY);

			const offboard = await runScim(server, {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('bo@example.com'),
				removeFromGroups: true,
			});
			expect(offboard.error).toBeUndefined();
			expect(json(offboard)[0]).toMatchObject({ outcome: 'deactivated', removedFromGroups: [] });
			const trigger = new PollingTrigger(
				'scimTrigger',
				{ events: ['groupMembersChanged'] },
				scimCredentials(server),
			);
			expect((await trigger.poll()).events).toBeNull();
		});
	});

	test('the Employee ID: Write Test stores one on the throwaway user; where /Schemas make externalId immutable, the read-only check already says Sync’s recycled-address guard is weaker there, and Write Test finds the same', async () => {
		const tried = await check({}, true);
		expect(tried.checks.storeEmployeeId).toMatchObject({
			observed: 'kept',
			ok: true,
			nodeUses: expect.stringMatching(/^Sync With List stores each person’s Employee ID/),
		});
		const weaker =
			/^Sync With List cannot store the Employee ID on accounts it did not create: a recycled address is told from its former owner only on accounts Sync created, and an inactive account found by its address alone is held, not reactivated$/;
		const readOnly = await check({ immutableExternalId: true });
		expect(readOnly.checks.storeEmployeeId).toMatchObject({
			advertised: false,
			ok: false,
			nodeUses: expect.stringMatching(weaker),
		});
		const refused = await check({ immutableExternalId: true }, true);
		expect(refused.checks.storeEmployeeId).toMatchObject({
			ok: false,
			nodeUses: expect.stringMatching(weaker),
			detail: expect.stringMatching(/externalId cannot be changed/),
		});
		expect(refused.unchanged).toBe(true);
	});

	test('without /Schemas, membership is judged from the users and groups listed now, and the check and the verdicts say so', async () => {
		const { checks, items } = await check({ omitEmptyMembership: true, schemas: false }, true);
		expect(checks.schemas.observed).toMatch(/^not served/);
		expect(checks.groupsShowMembers).toMatchObject({ observed: 'yes', advertised: null });
		expect(checks.membership).toMatchObject({
			observed: 'shown on the groups (judged from the data)',
			ok: true,
		});
		expect(why(items, 'trigger')).toBe(
			'Trigger (list everything, compare): membership judged from the users and groups listed now (the service’s /Schemas do not say), so this may change with them',
		);
	});

	test('Write Test says where the delete leaves the app’s own account behind: a new create of the same userName is refused with 409', async () => {
		await withScimServer({ deleteKeepsAccount: true }, async (server) => {
			seed(server);
			const run = await runScim(server, {
				resource: 'service',
				operation: 'check',
				writeTest: true,
			});
			const { checks, items } = report(json(run));
			expect(checks.deleteUser).toMatchObject({
				ok: false,
				observed: expect.stringMatching(/^deleted .+, but the app keeps the account$/),
				detail: expect.stringMatching(
					/^After the DELETE, a new create of its userName is refused \(.*409.*\): the app keeps its own account for scim-check-.+@example\.invalid/,
				),
			});
			expect(checks.cleanUp).toMatchObject({
				ok: false,
				detail: expect.stringMatching(/^Remove by hand: the app’s own account for scim-check-/),
			});
			expect(items.find((item) => item.workflow === 'offboarding')?.leftBehind).toEqual([
				{
					resourceType: 'User',
					id: expect.any(String),
					userName: expect.stringMatching(/^scim-check-.+@example\.invalid$/),
					error: expect.stringMatching(/409/),
				},
			]);
		});
	});

	test('an eq-only server: the picker matches here; no workflow needs more', async () => {
		const { checks, verdicts } = await check({ eqOnlyFilters: true }, true);
		expect(checks.startsWithFilter).toMatchObject({
			observed: 'refused',
			ok: true,
			nodeUses: 'nothing: the pickers match typed text here',
		});
		expect(checks.externalIdFilter).toMatchObject({ observed: 'accepted' });
		expect(verdicts).toEqual(READY);
	});

	test('case-sensitive userNames and a refused userName filter: lookups by email are not ready', async () => {
		const caseSensitive = await check({ caseExactFilters: true });
		expect(caseSensitive.checks.userNameCase).toMatchObject({
			observed: 'case-sensitive',
			ok: false,
		});
		expect(caseSensitive.verdicts).toMatchObject({
			offboarding: 'notReady',
			licenseAudit: 'ready',
		});
		const refused = await check({ refuseFiltersOn: ['userName'] });
		expect(refused.checks.userNameFilter).toMatchObject({ observed: 'failed', ok: false });
		expect(refused.verdicts).toMatchObject({
			offboarding: 'notReady',
			onboarding: 'notReady',
			licenseAudit: 'ready',
		});
	});

	test('no PATCH: the nodes read and PUT whole resources, ready with workarounds, and the write test proves it', async () => {
		const { checks, verdicts } = await check({ patch: false }, true);
		expect(checks.patch).toMatchObject({
			advertised: false,
			observed: 'not used',
			ok: true,
			nodeUses: 'GET + PUT of the whole resource, under a lock',
		});
		expect(checks.addMember).toMatchObject({ ok: true, nodeUses: 'GET + PUT of the whole group' });
		expect(verdicts).toEqual({
			offboarding: 'readyWithWorkarounds',
			onboarding: 'readyWithWorkarounds',
			licenseAudit: 'ready',
			trigger: 'ready',
		});
		const etags = await check({ etag: true });
		expect(etags.checks.etag).toMatchObject({
			advertised: true,
			nodeUses: 'If-Match on PUT and PATCH; a 412 reads again and redoes',
		});
	});

	test('Write Test leaves nothing behind when a step fails half-way, and names by id what it could not remove', async () => {
		let groupPatches = 0;
		const failingAdd = await check(
			{
				onRequest: (request) =>
					request.method === 'PATCH' && request.path.startsWith('/Groups/') && ++groupPatches
						? { status: 500 }
						: undefined,
			},
			true,
		);
		expect(failingAdd.checks.addMember).toMatchObject({ ok: false });
		expect(failingAdd.checks.cleanUp).toMatchObject({ observed: 'nothing left behind', ok: true });
		expect(failingAdd.unchanged).toBe(true);
		expect(failingAdd.verdicts).toMatchObject({ onboarding: 'notReady', offboarding: 'notReady' });

		let kept: string | undefined;
		await withScimServer(
			{
				onRequest: (request) =>
					request.method === 'DELETE' && request.path.startsWith('/Users/')
						? { status: 403 }
						: undefined,
			},
			async (server) => {
				seed(server);
				const run = await runScim(server, {
					resource: 'service',
					operation: 'check',
					writeTest: true,
				});
				const { checks, items } = report(json(run));
				kept = [...server.store.users.values()].find((user) =>
					user.userName.startsWith('scim-check-'),
				)?.id;
				expect(kept).toBeDefined();
				expect(checks.cleanUp).toMatchObject({
					ok: false,
					detail: `Remove by hand: User ${kept}.`,
				});
				expect(items.find((item) => item.workflow === 'offboarding')?.leftBehind).toEqual([
					{ resourceType: 'User', id: kept, error: expect.stringMatching(/failed with 403/) },
				]);
				expect(
					[...server.store.groups.values()].some((group) =>
						group.displayName.startsWith('scim-check-'),
					),
				).toBe(false);
			},
		);
	});

	describe('Write Test where a write fails early: what it could not try is still an item, “not tried”, and no verdict is ready on it', () => {
		/** Every write Write Test tries, in the order it tries them. */
		const WRITE_ITEMS = [
			'createUser',
			'deactivate',
			'reactivate',
			'storeEmployeeId',
			'createGroup',
			'addMember',
			'removeMember',
			'deleteGroup',
			'deleteUser',
		];
		const writeItems = (items: IDataObject[]) =>
			items
				.filter((item) => WRITE_ITEMS.includes(String(item.check)))
				.map(({ check, observed, ok }) => ({ check, observed, ok }));
		const notTried = (check: string) => ({ check, observed: 'not tried', ok: null });

		test('POST /Users refused (a token that may not create): deactivate, reactivate, the member changes and the user’s delete are not tried, PATCH is not said to work, offboarding and onboarding are not ready', async () => {
			const { checks, verdicts, items, unchanged } = await check(
				{
					onRequest: (request) =>
						request.method === 'POST' && request.path === '/Users' ? { status: 403 } : undefined,
				},
				true,
			);
			expect(writeItems(items)).toEqual([
				{ check: 'createUser', observed: 'failed', ok: false },
				notTried('deactivate'),
				notTried('reactivate'),
				notTried('storeEmployeeId'),
				{ check: 'createGroup', observed: expect.stringMatching(/^created /), ok: true },
				notTried('addMember'),
				notTried('removeMember'),
				{ check: 'deleteGroup', observed: expect.stringMatching(/^deleted /), ok: true },
				notTried('deleteUser'),
			]);
			expect(checks.deactivate).toMatchObject({
				nodeUses: 'active set to false in the service’s dialect',
				detail: 'Not tried: createUser failed, so there was nothing to try it on.',
			});
			expect(checks.addMember.detail).toBe(
				'Not tried: createUser failed, so there was nothing to try it on.',
			);
			expect(checks.patch).toMatchObject({ advertised: true, observed: 'not tried', ok: null });
			expect(verdicts).toEqual({ ...READY, offboarding: 'notReady', onboarding: 'notReady' });
			expect(why(items, 'offboarding')).toBe(
				'Offboarding (find by email, deactivate, remove from groups): not tried (createUser failed first): patch, deactivate, removeMember',
			);
			expect(why(items, 'onboarding')).toMatch(
				/^Onboarding \(create, add to a group\): createUser: .*403.*; not tried \(createUser failed first\): addMember$/,
			);
			expect(checks.cleanUp).toMatchObject({ observed: 'nothing left behind', ok: true });
			expect(unchanged).toBe(true);
		});

		test('POST /Groups refused: the member changes and the group’s delete are not tried; PATCH is said to work only for the user’s writes it carried; offboarding and onboarding are not ready', async () => {
			const { checks, verdicts, items, unchanged } = await check(
				{
					onRequest: (request) =>
						request.method === 'POST' && request.path === '/Groups' ? { status: 403 } : undefined,
				},
				true,
			);
			expect(writeItems(items)).toEqual([
				{ check: 'createUser', observed: expect.stringMatching(/^created /), ok: true },
				{ check: 'deactivate', observed: 'active: false', ok: true },
				{ check: 'reactivate', observed: 'active: true', ok: true },
				{ check: 'storeEmployeeId', observed: 'kept', ok: true },
				{ check: 'createGroup', observed: 'failed', ok: false },
				notTried('addMember'),
				notTried('removeMember'),
				notTried('deleteGroup'),
				{ check: 'deleteUser', observed: expect.stringMatching(/^deleted /), ok: true },
			]);
			expect(checks.removeMember).toMatchObject({
				nodeUses: 'PATCH, one member a request',
				detail: 'Not tried: createGroup failed, so there was nothing to try it on.',
			});
			expect(checks.patch).toMatchObject({
				observed: 'works for deactivate, reactivate; not tried: addMember, removeMember',
				ok: true,
			});
			expect(verdicts).toEqual({ ...READY, offboarding: 'notReady', onboarding: 'notReady' });
			expect(why(items, 'offboarding')).toBe(
				'Offboarding (find by email, deactivate, remove from groups): not tried (createGroup failed first): removeMember',
			);
			expect(why(items, 'onboarding')).toBe(
				'Onboarding (create, add to a group): not tried (createGroup failed first): addMember',
			);
			expect(unchanged).toBe(true);
		});

		test('adding the member refused both ways (PATCH and PUT of the group): removing it is not tried, and offboarding is not ready on it', async () => {
			const { checks, verdicts, items, unchanged } = await check(
				{
					onRequest: (request) =>
						['PATCH', 'PUT'].includes(request.method) && request.path.startsWith('/Groups/')
							? { status: 403 }
							: undefined,
				},
				true,
			);
			expect(checks.addMember).toMatchObject({ observed: 'failed', ok: false });
			expect(checks.removeMember).toMatchObject({
				observed: 'not tried',
				ok: null,
				detail: 'Not tried: addMember failed, so there was nothing to try it on.',
			});
			expect(checks.patch).toMatchObject({ observed: 'refused (addMember)', ok: false });
			expect(verdicts).toMatchObject({ offboarding: 'notReady', onboarding: 'notReady' });
			expect(why(items, 'offboarding')).toMatch(
				/; not tried \(addMember failed first\): removeMember$/,
			);
			expect(unchanged).toBe(true);
		});
	});

	describe('each vendor’s simulator, reached through the generic node', () => {
		const through = async (start: () => Promise<RunningSimulator>, writeTest = true) => {
			const service = await start();
			try {
				const ana = service.addUser({ userName: 'ana@example.com' });
				service.addUser({ userName: 'bo@example.com' });
				service.addUser({ userName: 'cy@example.com' });
				service.store.addGroup('Sales', [ana.id]);
				const run = await runNode({
					type: 'scim',
					parameters: { resource: 'service', operation: 'check', writeTest },
					credentials: {
						scimApi: {
							baseUrl: service.baseUrl,
							authentication: 'bearer',
							token: SIMULATOR_TOKEN,
							maxRequestsPerSecond: 0,
						},
					},
				});
				if (run.error) throw run.error;
				const leftovers = [
					...[...service.store.users.values()].map((user) => user.userName),
					...[...service.store.groups.values()].map((group) => group.displayName),
				].filter((name) => name.startsWith('scim-check-'));
				return { ...report(json(run)), leftovers };
			} finally {
				await service.close();
			}
		};

		test('read-only, onboarding and offboarding are never called ready on writes not tried: Write Test then finds LeadIQ’s and Spekit’s deactivation refused', async () => {
			for (const start of [startLeadIqSimulator, startSpekitSimulator]) {
				const { verdicts, items, checks } = await through(start, false);
				expect(verdicts).toMatchObject({ offboarding: 'notReady', onboarding: 'notReady' });
				expect(why(items, 'offboarding')).toMatch(
					/not tried \(turn on Write Test to try them\): patch, deactivate, removeMember(;|$)/,
				);
				expect(checks.deactivate).toMatchObject({ observed: 'not tried', ok: null });
				const tried = await through(start, true);
				expect(tried.checks.deactivate).toMatchObject({ ok: false });
			}
		});

		test('LeadIQ, proven only with Okta’s client: lookups and listings work, the generic node’s PatchOp is refused, so offboarding is not ready; the user it cannot delete is named', async () => {
			const { checks, verdicts, leftovers } = await through(startLeadIqSimulator);
			expect(checks.serviceProviderConfig.observed).toMatch(/^not served/);
			expect(checks.userNameFilter).toMatchObject({ ok: true });
			expect(checks.deactivate).toMatchObject({
				ok: false,
				detail: expect.stringMatching(/failed with 400/),
			});
			expect(verdicts).toMatchObject({
				offboarding: 'notReady',
				licenseAudit: 'ready',
				trigger: 'ready',
			});
			expect(checks.cleanUp).toMatchObject({
				ok: false,
				detail: expect.stringMatching(/^Remove by hand: User /),
			});
			expect(leftovers).toEqual([expect.stringMatching(/^scim-check-.*@example\.invalid$/)]);
		});

		test('Leapsome: teams shown with members: [] are caught against the users’ groups; its JSON-only writes make onboarding not ready here (its own node speaks them)', async () => {
			const { checks, verdicts, leftovers } = await through(startLeapsomeSimulator);
			expect(checks.groupsShowMembers).toMatchObject({
				observed: 'yes, but 1 memberships the users show are missing',
				nodeUses: 'every membership either side shows',
			});
			expect(checks.membership).toMatchObject({ ok: true });
			expect(checks.createUser).toMatchObject({
				ok: false,
				detail: expect.stringMatching(/failed with 415/),
			});
			expect(verdicts).toMatchObject({
				onboarding: 'notReady',
				licenseAudit: 'ready',
				trigger: 'readyWithWorkarounds',
			});
			expect(leftovers).toEqual([]);
		});

		test('Spekit: ready to list and look up; it takes Okta’s user PATCH only, and the team it cannot delete is named', async () => {
			const { checks, verdicts, leftovers } = await through(startSpekitSimulator);
			expect(checks.listUsers).toMatchObject({ ok: true });
			expect(checks.deactivate).toMatchObject({ ok: false });
			expect(checks.addMember).toMatchObject({ ok: true });
			expect(verdicts).toEqual({
				offboarding: 'notReady',
				onboarding: 'ready',
				licenseAudit: 'ready',
				trigger: 'ready',
			});
			expect(checks.cleanUp).toMatchObject({
				ok: false,
				detail: expect.stringMatching(/^Remove by hand: Group /),
			});
			expect(leftovers).toEqual([expect.stringMatching(/^scim-check-/)]);
		});
	});
});
