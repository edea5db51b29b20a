import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

import type { ScimStore, StoredUser } from '../servers/scimStore';
import type { HrRow } from './sync.fixtures';

/**
 * Generated cases for Sync With List: an app (accounts active or not, with or without an
 * employee ID, in managed and unmanaged groups, some protected, some on another domain)
 * and an HR list (joiners, leavers, renames, duplicates, invalid rows), from a few people
 * so that names, addresses and employee IDs collide the way real ones do.
 */

/** The people names are drawn from: namesakes and accents included. */
const PEOPLE = [
	{ given: 'Ana', family: 'Lima', local: 'ana' },
	{ given: 'Bo', family: 'Stone', local: 'bo' },
	{ given: 'Jo', family: 'Smith', local: 'jo.smith' },
	{ given: 'Jo', family: 'Smith', local: 'jsmith' },
	{ given: 'Zoé', family: 'Roux', local: 'zoé' },
	{ given: 'Dee', family: 'Park', local: 'dee' },
];

export const HOME_DOMAIN = 'example.com';
export const OTHER_DOMAIN = 'partner.example';
/** Groups in the app: two a list may name, and one nobody manages. */
export const LISTED_GROUPS = ['Sales', 'Engineering'];
export const UNMANAGED_GROUP = 'Board';
/** A group a list may name that the app does not have. */
export const MISSING_GROUP = 'Ops';

export interface Address {
	person: number;
	/** 0: the plain address; 1 and 2: older or other ones of the same person. */
	variant: number;
	domain: string;
	/** How the address is written: as is, upper case, or with the accent decomposed (NFD). */
	spelling: 'plain' | 'upper' | 'decomposed';
}

export interface GeneratedAccount {
	address: Address;
	active: boolean;
	employeeId?: string;
	groups: string[];
	protected: boolean;
	title?: string;
}

export interface GeneratedRow {
	kind: 'valid' | 'blankUserName' | 'spacedUserName' | 'badLeaver';
	address: Address;
	employeeId?: string;
	previous?: Address;
	leaver: boolean | string;
	groups: string[];
	/** The person whose names the row carries (usually the address's). */
	namedAs: number;
	title?: string;
	/** Start and leave dates, in days from today (far enough from now that a run's moment never crosses one). */
	startIn?: number;
	leaveIn?: number;
}

export interface GeneratedSettings {
	accountsNotInList: 'report' | 'deactivate';
	leaverScope: 'listDomains' | 'all' | 'withExternalId';
	groupMembership: 'exact' | 'addOnly';
	managedGroups: string;
	allowRenames: boolean;
	reactivateReturning: boolean;
	createMissingUsers: boolean;
	createMissingGroups: boolean;
	attributesToSync: string[];
}

export interface SyncCase {
	accounts: GeneratedAccount[];
	rows: GeneratedRow[];
	settings: GeneratedSettings;
}

export function addressOf({ person, variant, domain, spelling }: Address): string {
	const local = `${PEOPLE[person].local}${['', '.old', '2'][variant]}`;
	const address = `${local}@${domain}`;
	return spelling === 'upper'
		? address.toUpperCase()
		: spelling === 'decomposed'
			? address.normalize('NFD')
			: address;
}

/** How Sync compares names: the case and the Unicode form aside. */
export const keyOf = (text: string) => text.normalize('NFKC').trim().toLowerCase();

const anyAddress = (domains: string[]) =>
	fc.record({
		person: fc.nat(PEOPLE.length - 1),
		variant: fc.constantFrom(0, 0, 1, 2),
		domain: fc.constantFrom(...domains),
		spelling: fc.constantFrom('plain', 'plain', 'upper', 'decomposed') as fc.Arbitrary<
			Address['spelling']
		>,
	});

const employeeId = fc.option(fc.constantFrom('E-1', 'E-2', 'E-3', 'E-4', 'e-1'), {
	nil: undefined,
	freq: 2,
});

const title = fc.option(fc.constantFrom('Engineer', 'Account Executive'), { nil: undefined });

/** Some of these names, in any order. */
const someOf = (names: string[]) =>
	fc.subarray(names).chain((picked) => fc.shuffledSubarray(picked, { minLength: picked.length }));

/**
 * A generated case. `domains`: where addresses are (the home domain by default, some
 * elsewhere); `ascii`: no accented names, for a vendor whose addresses must be plain
 * (Leapsome's OpenAPI says `format: email`).
 */
export function caseArbitrary(options: { domains?: string[]; ascii?: boolean } = {}) {
	const domains = options.domains ?? [HOME_DOMAIN, HOME_DOMAIN, OTHER_DOMAIN];
	const address = (among: string[]) =>
		anyAddress(among).filter(
			(generated) => !options.ascii || /^[\x20-\x7e]*$/.test(addressOf(generated)),
		);
	const account = fc.record({
		address: address(domains),
		active: fc.boolean(),
		employeeId,
		groups: someOf([...LISTED_GROUPS, UNMANAGED_GROUP]),
		protected: fc.constantFrom(false, false, false, true),
		title,
	});
	const row = fc
		.record({
			kind: fc.constantFrom(
				'valid',
				'valid',
				'valid',
				'valid',
				'valid',
				'valid',
				'blankUserName',
				'spacedUserName',
				'badLeaver',
			) as fc.Arbitrary<GeneratedRow['kind']>,
			// Most people on the list are on the home domain.
			address: address([HOME_DOMAIN, HOME_DOMAIN, ...domains]),
			employeeId,
			previous: fc.option(address(domains), { nil: undefined, freq: 3 }),
			leaver: fc.constantFrom<boolean | string>(false, false, false, true, 'TRUE', 'no'),
			groups: someOf([...LISTED_GROUPS, MISSING_GROUP]),
			namedAs: fc.nat(PEOPLE.length - 1),
			title,
			startIn: fc.option(fc.constantFrom(-30, -2, 3, 20), { nil: undefined, freq: 3 }),
			leaveIn: fc.option(fc.constantFrom(-5, -2, 2), { nil: undefined, freq: 3 }),
		})
		.map((generated) => ({
			...generated,
			// Most rows carry the names of the person whose address they give.
			namedAs: generated.namedAs % 3 === 0 ? generated.namedAs : generated.address.person,
		}));
	const settings = fc.record({
		accountsNotInList: fc.constantFrom('report', 'deactivate') as fc.Arbitrary<
			'report' | 'deactivate'
		>,
		leaverScope: fc.constantFrom('listDomains', 'all', 'withExternalId') as fc.Arbitrary<
			GeneratedSettings['leaverScope']
		>,
		groupMembership: fc.constantFrom('exact', 'addOnly') as fc.Arbitrary<'exact' | 'addOnly'>,
		managedGroups: fc.constantFrom('', 'Sales, Engineering'),
		allowRenames: fc.boolean(),
		reactivateReturning: fc.boolean(),
		createMissingUsers: fc.constantFrom(true, true, false),
		createMissingGroups: fc.boolean(),
		attributesToSync: fc.constantFrom<string[]>(
			['givenName', 'familyName', 'displayName', 'title'],
			['givenName', 'familyName'],
			['givenName', 'familyName', 'displayName', 'title', 'externalId'],
		),
	});
	return fc.record({
		accounts: fc.uniqueArray(account, {
			maxLength: 7,
			selector: (generated) => keyOf(addressOf(generated.address)),
		}),
		rows: fc
			.array(row, { minLength: 1, maxLength: 7 })
			// A row repeated as HR exports repeat them.
			.chain((rows) =>
				fc
					.option(fc.nat(rows.length - 1), { nil: undefined })
					.map((repeat) => (repeat === undefined ? rows : [...rows, rows[repeat]])),
			),
		settings,
	});
}

/** The HR export a row stands for, as Sync's expressions read it (see sync.fixtures). */
export function hrRowOf(row: GeneratedRow): HrRow {
	const names = PEOPLE[row.namedAs];
	const email =
		row.kind === 'blankUserName'
			? ''
			: row.kind === 'spacedUserName'
				? `two words@${HOME_DOMAIN}`
				: addressOf(row.address);
	return {
		email,
		first: names.given,
		last: names.family,
		...(row.title ? { title: row.title } : {}),
		...(row.employeeId ? { employeeId: row.employeeId } : {}),
		...(row.previous ? { previous: addressOf(row.previous) } : {}),
		left: row.kind === 'badLeaver' ? 'maybe' : row.leaver,
		team: row.groups.join(', '),
		...(row.startIn !== undefined ? { start: inDays(row.startIn) } : {}),
		...(row.leaveIn !== undefined ? { leave: inDays(row.leaveIn) } : {}),
	};
}

/** A date this many days from today, in Sync's time zone (UTC in these cases). */
const inDays = (days: number) => DateTime.utc().plus({ days }).toISODate() ?? '';

/** The node's parameters for the generated settings, brakes off (the brakes have their own tests). */
export function syncOverrides(settings: GeneratedSettings): INodeParameters {
	return {
		accountsNotInList: settings.accountsNotInList,
		leaverScope: settings.leaverScope,
		groupMembership: settings.groupMembership,
		managedGroups: settings.managedGroups,
		allowRenames: settings.allowRenames,
		reactivateReturning: settings.reactivateReturning,
		createMissingUsers: settings.createMissingUsers,
		createMissingGroups: settings.createMissingGroups,
		attributesToSync: settings.attributesToSync,
		startDate: "={{ $json.start ?? '' }}",
		leaveDate: "={{ $json.leave ?? '' }}",
	};
}

/** Seeds a store with the generated accounts and the app's groups; answers the protected userNames. */
export function seed(
	store: ScimStore,
	accounts: GeneratedAccount[],
	addUser: (seed: Parameters<ScimStore['addUser']>[0]) => StoredUser = (seed) =>
		store.addUser(seed),
): string[] {
	const users = accounts.map((account) => {
		const names = PEOPLE[account.address.person];
		return addUser({
			userName: addressOf(account.address),
			givenName: names.given,
			familyName: names.family,
			active: account.active,
			externalId: account.employeeId,
			title: account.title,
		});
	});
	for (const name of [...LISTED_GROUPS, UNMANAGED_GROUP]) {
		const existing = store.groupByName(name) ?? store.addGroup(name);
		accounts.forEach((account, index) => {
			if (account.groups.includes(name)) existing.members.push({ value: users[index].id });
		});
	}
	return accounts
		.filter((account) => account.protected)
		.map((account) => addressOf(account.address));
}

/** Lists a store's users, groups and members the other way round, as other pages of the same app would. */
export function reverseListing(store: ScimStore): void {
	for (const map of [store.users, store.groups] as Array<Map<string, unknown>>) {
		const entries = [...map].reverse();
		map.clear();
		for (const [key, value] of entries) map.set(key, value);
	}
	for (const group of store.groups.values()) group.members.reverse();
}
