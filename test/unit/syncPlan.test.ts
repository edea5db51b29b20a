import fc from 'fast-check';
import { DateTime } from 'luxon';

import type { ScimGroup, ScimUser } from '../../nodes/shared/scim/types';
import { brakesOf } from '../../nodes/shared/actions/user/sync/brakes';
import { keyOf, matchPeople } from '../../nodes/shared/actions/user/sync/match';
import type { HeldItem } from '../../nodes/shared/actions/user/sync/people';
import { planSync } from '../../nodes/shared/actions/user/sync/plan';
import { planIdOf, settingsDiffer } from '../../nodes/shared/actions/user/sync/planId';
import type {
	Person,
	PlanEntry,
	SyncSettings,
	VendorFacts,
} from '../../nodes/shared/actions/user/sync/types';
import { USER_FIELD } from '../../nodes/shared/vendors/userFields';

/** Matching, planning, brakes and the plan id are plain functions over data: no server here. */

let ids = 0;
function account(userName: string, extra: Partial<ScimUser> = {}): ScimUser {
	return {
		id: `id-${++ids}`,
		userName,
		active: true,
		emails: [{ value: userName, primary: true }],
		...extra,
	};
}

function person(userName: string, extra: Partial<Person> = {}): Person {
	return {
		items: [0],
		userName,
		previousUserNames: [],
		leaver: false,
		dates: {},
		fields: [],
		createOnly: [],
		groups: [],
		...extra,
	};
}

const named = (given: string, family: string) => [
	{ field: USER_FIELD.givenName, value: given },
	{ field: USER_FIELD.familyName, value: family },
];

const SETTINGS: SyncSettings = {
	attributesToSync: new Set(['givenName', 'familyName', 'displayName', 'title']),
	accountsNotInList: 'deactivate',
	leaverScope: 'listDomains',
	groupMembership: 'exact',
	createMissingUsers: true,
	reactivateReturning: true,
	removeLeaversFromGroups: true,
	allowRenames: false,
	createMissingGroups: false,
	dates: { zone: 'Europe/Berlin', accessEnds: 'endOfLeaveDate', createBeforeStartDays: 0 },
	apply: 'everything',
};

function vendor(extra: Partial<VendorFacts> = {}): VendorFacts {
	const fields = [
		USER_FIELD.givenName,
		USER_FIELD.familyName,
		USER_FIELD.displayName,
		USER_FIELD.title,
		USER_FIELD.externalId,
		USER_FIELD.email,
	];
	return {
		displayName: 'Acme',
		updatable: new Map(fields.map((field) => [field.name, field])),
		canRename: true,
		storesEmployeeId: true,
		groupNameRefusal: () => undefined,
		isProtected: () => false,
		...extra,
	};
}

function plan(
	people: Person[],
	users: ScimUser[],
	options: {
		settings?: Partial<SyncSettings>;
		vendor?: Partial<VendorFacts>;
		groups?: ScimGroup[];
		held?: HeldItem[];
	} = {},
) {
	const groups = options.groups ?? [];
	const membership = new Map<string, string[]>();
	for (const group of groups)
		for (const member of group.members ?? [])
			membership.set(String(member.value), [
				...(membership.get(String(member.value)) ?? []),
				group.id,
			]);
	return planSync({
		asOf: DateTime.fromISO('2026-12-02T09:00:00', { zone: 'Europe/Berlin' }),
		people,
		held: options.held ?? [],
		app: { users, groups, membership },
		settings: { ...SETTINGS, ...options.settings },
		vendor: vendor(options.vendor),
	});
}

const byUser = (entries: PlanEntry[]) =>
	Object.fromEntries(
		entries.map((entry) => [entry.userName, [entry.action, entry.reason ?? null]]),
	);

describe('Sync With List · matching', () => {
	test('names compare Unicode-normalised, trimmed and case aside', () => {
		expect(keyOf('  ANA@Example.com ')).toBe(keyOf('ana@example.com'));
		expect(keyOf('ｊａｎｅ@example.com')).toBe('jane@example.com');
		expect(keyOf('Zoe\u0301')).toBe(keyOf('Zoé'));
	});

	test('a name in plain ASCII, read without normalising, has the key a normalised one has', () => {
		const text = fc.oneof(
			fc.string({
				unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
			}),
			fc.string({ unit: 'grapheme' }),
		);
		fc.assert(
			fc.property(text, (value) => {
				expect(keyOf(value)).toBe(value.normalize('NFKC').trim().toLowerCase());
			}),
			{ numRuns: 2000 },
		);
	});

	test('keys are tried in order: employee ID, then userName, then email, then a previous userName', () => {
		const byId = account('old@example.com', { externalId: 'E-1' });
		const byName = account('bo@example.com');
		const byMail = account('cy-login', { emails: [{ value: 'cy@example.com' }] });
		const byPrevious = account('dee.old@example.com');
		const { matched } = matchPeople(
			[
				person('ana@example.com', { employeeId: 'e-1' }),
				person('BO@example.com'),
				person('cy@example.com'),
				person('dee@example.com', { previousUserNames: ['Dee.Old@example.com'] }),
			],
			[],
			[byId, byName, byMail, byPrevious],
		);
		expect(matched.map((match) => [match.account?.id, match.matchedBy])).toEqual([
			[byId.id, 'employeeId'],
			[byName.id, 'userName'],
			[byMail.id, 'email'],
			[byPrevious.id, 'previousUserName'],
		]);
	});

	test('ambiguity is a conflict for everyone involved: a key hitting two accounts, keys hitting different accounts, an account two people hit, a recycled address', () => {
		const twins = [
			account('a1', { emails: [{ value: 'same@example.com' }] }),
			account('a2', { emails: [{ value: 'same@example.com' }] }),
		];
		const split = [account('x@example.com', { externalId: 'E-9' }), account('y@example.com')];
		const shared = account('shared@example.com', { externalId: 'E-5' });
		const recycled = account('recycled@example.com', { externalId: 'E-OLD' });
		const { matched, heldAccounts } = matchPeople(
			[
				person('same@example.com'),
				person('y@example.com', { employeeId: 'E-9' }),
				person('shared@example.com'),
				person('other@example.com', { employeeId: 'E-5' }),
				person('recycled@example.com', { employeeId: 'E-NEW' }),
			],
			[],
			[...twins, ...split, shared, recycled],
		);
		expect(matched.map((match) => [match.account?.id ?? null, !!match.conflict])).toEqual([
			[null, true],
			[null, true],
			[null, true],
			[null, true],
			[null, true],
		]);
		expect(matched[4].conflict).toMatch(
			/belongs to employee ID "E-OLD", not "E-NEW" \(a recycled address\?\)/,
		);
		for (const held of [...twins, ...split, shared, recycled])
			expect(heldAccounts.has(held.id)).toBe(true);
	});

	test('a row that could not be read still holds the account it names', () => {
		const ana = account('ana@example.com');
		const { heldAccounts } = matchPeople(
			[],
			[{ userName: 'ANA@example.com', reason: 'invalid', detail: 'Item 3: bad' }],
			[ana],
		);
		expect(heldAccounts.get(ana.id)).toEqual({ reason: 'invalid', detail: 'Item 3: bad' });
	});
});

describe('Sync With List · planning', () => {
	test('a case-only difference in userName or email is equal: no write, no duplicate', () => {
		const ana = account('Ana.Lima@Example.com', { name: { givenName: 'Ana', familyName: 'Lima' } });
		const result = plan([person('ana.lima@example.com', { fields: named('Ana', 'Lima') })], [ana]);
		expect(byUser(result.entries)).toEqual({ 'Ana.Lima@Example.com': ['none', 'unchanged'] });
	});

	test('a rename by employee ID or previous userName is one rename in place with Allow Renames, held without', () => {
		const users = () => [
			account('old@example.com', { externalId: 'E-1' }),
			account('bo.old@example.com'),
		];
		const people = [
			person('new@example.com', { employeeId: 'E-1' }),
			person('bo@example.com', { previousUserNames: ['bo.old@example.com'], items: [1] }),
		];
		const allowed = plan(people, users(), { settings: { allowRenames: true } });
		expect(allowed.entries.map((entry) => [entry.action, entry.changes])).toEqual([
			['rename', [{ field: 'userName', from: 'old@example.com', to: 'new@example.com' }]],
			['rename', [{ field: 'userName', from: 'bo.old@example.com', to: 'bo@example.com' }]],
		]);
		const held = plan(people, users());
		expect(held.entries.map((entry) => [entry.action, entry.reason])).toEqual([
			['none', 'renameNotAllowed'],
			['none', 'renameNotAllowed'],
		]);
		const cannot = plan(people, users(), {
			settings: { allowRenames: true },
			vendor: { canRename: false },
		});
		expect(cannot.entries[0].detail).toMatch(/Acme does not let a userName change through SCIM/);
	});

	test('an unmatched person and an unmatched account with the same name are a possible rename: neither created nor deactivated', () => {
		const old = account('jane.doe@example.com', { name: { givenName: 'Jane', familyName: 'Doe' } });
		const result = plan(
			[person('jane.smith@example.com', { fields: named('Jane', 'Doe') })],
			[old],
		);
		expect(byUser(result.entries)).toEqual({
			'jane.smith@example.com': ['none', 'possibleRename'],
			'jane.doe@example.com': ['none', 'possibleRename'],
		});
		const different = plan(
			[person('jane.smith@example.com', { fields: named('Jane', 'Doe'), employeeId: 'E-2' })],
			[
				account('jane.doe@example.com', {
					name: { givenName: 'Jane', familyName: 'Doe' },
					externalId: 'E-1',
				}),
			],
		);
		expect(different.entries.map((entry) => entry.action)).toEqual(['create', 'deactivate']);
	});

	test('protected and out-of-scope accounts absent from the list are never deactivated or removed', () => {
		const sales: ScimGroup = { id: 'g-sales', displayName: 'Sales', members: [] };
		const admin = account('IT-Breakglass@example.com');
		const outside = account('partner@partner.example');
		const stays = account('ana@example.com');
		sales.members = [{ value: admin.id }, { value: outside.id }, { value: stays.id }];
		const result = plan(
			[person('ana@example.com', { groups: ['Sales'] })],
			[stays, admin, outside],
			{
				groups: [sales],
				vendor: { isProtected: (user) => keyOf(user.userName) === 'it-breakglass@example.com' },
			},
		);
		expect(byUser(result.entries)).toEqual({
			'ana@example.com': ['none', 'unchanged'],
			'IT-Breakglass@example.com': ['none', 'protected'],
			'partner@partner.example': ['none', 'outOfScope'],
		});
	});

	test('groups: an unmanaged group is untouched, Exact takes people out of the other managed groups, Add Only never removes', () => {
		const ana = account('ana@example.com');
		const groups: ScimGroup[] = [
			{ id: 'g-sales', displayName: 'Sales', members: [] },
			{ id: 'g-emea', displayName: 'EMEA', members: [{ value: ana.id }] },
			{ id: 'g-board', displayName: 'Board', members: [{ value: ana.id }] },
		];
		const people = [
			person('ana@example.com', { groups: ['Sales'] }),
			person('bo@example.com', { groups: ['EMEA'], items: [1] }),
		];
		const exact = plan(people, [ana, account('bo@example.com')], { groups });
		expect(exact.entries[0]).toMatchObject({
			action: 'groups',
			groupsAdded: [{ id: 'g-sales', displayName: 'Sales' }],
			groupsRemoved: [{ id: 'g-emea', displayName: 'EMEA' }],
		});
		const addOnly = plan(people, [ana, account('bo@example.com')], {
			groups,
			settings: { groupMembership: 'addOnly' },
		});
		expect(addOnly.entries[0]).toMatchObject({
			groupsAdded: [{ id: 'g-sales' }],
			groupsRemoved: [],
		});
		expect(JSON.stringify([exact, addOnly])).not.toContain('g-board');
	});

	test('one group per person (LeadIQ): a move out of a group Sync does not manage is a conflict, never a write there', () => {
		const ana = account('ana@example.com');
		const groups: ScimGroup[] = [
			{ id: 'g-default', displayName: 'Default', members: [] },
			{ id: 'g-sales', displayName: 'Sales', members: [] },
			{ id: 'g-mkt', displayName: 'Marketing', members: [{ value: ana.id }] },
		];
		const result = plan([person('ana@example.com', { groups: ['Sales'] })], [ana], {
			groups,
			vendor: { defaultGroupName: 'Default' },
		});
		expect(result.entries[0]).toMatchObject({ action: 'none', reason: 'conflict' });
		expect(result.entries[0].detail).toMatch(
			/is in "Marketing".*add that group to “Managed Groups”/,
		);
	});

	test('an unknown group makes that person invalid; with Create Missing Groups it is planned once', () => {
		const people = [
			person('ana@example.com', { groups: ['New Team'] }),
			person('bo@example.com', { groups: ['new team'], items: [1] }),
		];
		const off = plan(people, []);
		expect(off.entries.map((entry) => entry.reason)).toEqual(['invalid', 'invalid']);
		const on = plan(people, [], { settings: { createMissingGroups: true } });
		expect(on.entries.map((entry) => entry.action)).toEqual(['create', 'create']);
		expect(on.groupsToCreate).toEqual(['New Team']);
	});

	test('leavers are deactivated and leave the managed groups; returning people are reactivated', () => {
		const max = account('max@example.com');
		const returning = account('ana@example.com', { active: false });
		const sales: ScimGroup = { id: 'g-sales', displayName: 'Sales', members: [{ value: max.id }] };
		const result = plan(
			[
				person('max@example.com', { leaver: true }),
				person('ana@example.com', { groups: ['Sales'], items: [1] }),
			],
			[max, returning],
			{ groups: [sales] },
		);
		expect(
			result.entries.map((entry) => [
				entry.action,
				entry.reason ?? null,
				entry.groupsRemoved.length,
				entry.groupsAdded.length,
			]),
		).toEqual([
			['deactivate', 'leaver', 1, 0],
			['reactivate', null, 0, 1],
		]);
	});
});

test('Only Leavers with the whole HR list: someone whose team has no seat here (a move, a misspelled team) keeps their account, the change deferred; leavers and accounts gone from the list lose access', () => {
	const liam = account('liam@example.com');
	const max = account('max@example.com');
	const ana = account('ana@example.com');
	const gone = account('gone@example.com');
	const sales: ScimGroup = {
		id: 'g-sales',
		displayName: 'Sales',
		members: [liam, max, ana].map((member) => ({ value: member.id })),
	};
	const result = plan(
		[
			// Moved to Marketing, which gets no seat here: no groups given for them.
			person('liam@example.com', { items: [0] }),
			// A team spelled "engineering": no seat, and no account here.
			person('hana@example.com', { items: [1] }),
			person('max@example.com', { leaver: true, items: [2] }),
			person('ana@example.com', { groups: ['Sales'], items: [3] }),
		],
		[liam, max, ana, gone],
		{ groups: [sales], settings: { apply: 'leaversOnly' } },
	);
	expect(byUser(result.entries)).toEqual({
		'liam@example.com': ['none', 'deferred'],
		'hana@example.com': ['none', 'deferred'],
		'max@example.com': ['deactivate', 'leaver'],
		'ana@example.com': ['none', 'unchanged'],
		'gone@example.com': ['deactivate', 'notInList'],
	});
	const deferred = result.entries.filter((entry) => entry.reason === 'deferred');
	expect(deferred.map((entry) => entry.detail)).toEqual([
		'Not now: “Apply” is Only Leavers; applying everything would change the account’s groups in Acme',
		'Not now: “Apply” is Only Leavers; applying everything would create the account in Acme',
	]);
	// A deferred entry writes nothing: no attribute, no group.
	for (const entry of deferred)
		expect([entry.writes, entry.groupsAdded, entry.groupsRemoved]).toEqual([[], [], []]);
	expect(
		result.entries.find((entry) => entry.userName === 'max@example.com')?.groupsRemoved,
	).toEqual([{ id: 'g-sales', displayName: 'Sales' }]);
});

test('Only Leavers takes access away and nothing else: a leaver’s employee ID waits for a run that applies everything, and so does storing it on an account already deactivated', () => {
	const max = account('max@example.com');
	const lea = account('lea@example.com', { active: false });
	const result = plan(
		[
			person('max@example.com', { leaver: true, employeeId: 'E-1', items: [0] }),
			person('lea@example.com', { leaver: true, employeeId: 'E-2', items: [1] }),
		],
		[max, lea],
		{ settings: { apply: 'leaversOnly' } },
	);
	expect(byUser(result.entries)).toEqual({
		'max@example.com': ['deactivate', 'leaver'],
		'lea@example.com': ['none', 'deferred'],
	});
	for (const entry of result.entries) expect([entry.writes, entry.changes]).toEqual([[], []]);
	// Applying everything stores both.
	const everything = plan(
		[
			person('max@example.com', { leaver: true, employeeId: 'E-1', items: [0] }),
			person('lea@example.com', { leaver: true, employeeId: 'E-2', items: [1] }),
		],
		[max, lea],
	);
	expect(everything.entries.map((entry) => [entry.action, entry.writes])).toEqual([
		['deactivate', [{ path: 'externalId', value: 'E-1' }]],
		['update', [{ path: 'externalId', value: 'E-2' }]],
	]);
});

describe('Sync With List · brakes and the plan id', () => {
	const org = (count: number) =>
		Array.from({ length: count }, (_, index) => account(`p${index}@example.com`));

	test('the change limit counts accounts the plan takes something from; the share brake applies from 20 active accounts; a cut-off list is refused with Deactivate on', () => {
		const users = org(40);
		const list = users.slice(0, 30).map((user, index) => person(user.userName, { items: [index] }));
		const result = plan(list, users);
		const limits = { changeLimit: 5, maxShareDeactivated: 20 };
		const { brakes, stop } = brakesOf(result, list.length, SETTINGS, limits);
		expect(brakes.map(({ name, tripped, planned }) => [name, tripped, planned])).toEqual([
			['emptyInput', false, 30],
			['changeLimit', true, 10],
			['maxShareDeactivated', true, 25],
			['cutOffInput', false, 75],
		]);
		expect(stop?.message).toMatch(
			/^10 accounts would lose access or a group \(10 deactivated\), more than the Change Limit of 5: p30@example.com, p31@example.com/,
		);
		const cutOff = plan(list.slice(0, 10), users);
		expect(
			brakesOf(cutOff, 10, SETTINGS, { changeLimit: 0, maxShareDeactivated: 0 }).stop?.message,
		).toMatch(/^The list matches 10 of 40 active accounts in scope \(25%\)/);
		expect(
			brakesOf(
				cutOff,
				10,
				{ ...SETTINGS, accountsNotInList: 'report' },
				{ changeLimit: 0, maxShareDeactivated: 0 },
			).stop,
		).toBeUndefined();
	});

	test('the plan id is the same for the same app and list, in any order, and changes when what it would write changes', () => {
		const users = [account('a@example.com', { title: 'AE' }), account('b@example.com')];
		const list = [
			person('a@example.com', { fields: [{ field: USER_FIELD.title, value: 'Senior AE' }] }),
			person('c@example.com', { items: [1] }),
		];
		const first = planIdOf(plan(list, users), SETTINGS);
		expect(planIdOf(plan([...list].reverse(), [...users].reverse()), SETTINGS)).toBe(first);
		expect(first).toMatch(/^[0-9a-f]{64}$/);
		const moved = [{ ...users[0], title: 'Lead AE' }, users[1]];
		expect(planIdOf(plan(list, moved), SETTINGS)).not.toBe(first);
		expect(settingsDiffer(first, planIdOf(plan(list, moved), SETTINGS))).toBe(false);
		const report = { ...SETTINGS, accountsNotInList: 'report' as const };
		const unrelated = [users[0], { ...users[1], displayName: 'Someone' }];
		expect(planIdOf(plan(list, unrelated, { settings: report }), report)).toBe(
			planIdOf(plan(list, users, { settings: report }), report),
		);
	});

	test('the plan id covers the settings that shape the plan, in its last digits, whatever order they were given in', () => {
		const users = [account('a@example.com')];
		const list = [person('a@example.com'), person('c@example.com', { items: [1] })];
		const first = planIdOf(plan(list, users), SETTINGS);
		const reordered = {
			...SETTINGS,
			attributesToSync: new Set([...SETTINGS.attributesToSync].reverse()),
		};
		expect(planIdOf(plan(list, users), reordered)).toBe(first);
		const other = planIdOf(plan(list, users), { ...SETTINGS, allowRenames: true });
		expect(other).not.toBe(first);
		expect(other.slice(0, 48)).toBe(first.slice(0, 48));
		expect(settingsDiffer(first, other)).toBe(true);
	});
});
