import { groupIdsOf } from '../../../scim/membership';
import type { ScimUser } from '../../../scim/types';
import { userResolver } from './compare';
import type { ResolveUser } from './compare';
import type { Referable } from './changes';
import type { DateTime } from 'luxon';

import { statusAt } from './dates';
import { entry, hold, isLeaving } from './entry';
import { ManagedGroups } from './groupPlan';
import { employeeIdOf, keyOf, matchPeople } from './match';
import type { AccountHold, Matched } from './match';
import type { HeldItem } from './people';
import { personEntry } from './personPlan';
import { isLink } from './steps';
import type { PersonContext } from './personPlan';
import type { Adopt, AppState, Person, Plan, PlanEntry, SyncSettings, VendorFacts } from './types';

export interface PlanInput {
	/** The people as read; their dates are decided as of `asOf`. */
	people: readonly Person[];
	/** The moment the plan is made for (As Of; now by default). */
	asOf: DateTime;
	held: readonly HeldItem[];
	app: AppState;
	settings: SyncSettings;
	vendor: VendorFacts;
}

/** Where an account may be deactivated when nobody on the list matches it. */
function scopeOf(settings: SyncSettings, people: readonly Person[]) {
	const domainOf = (address: string | undefined) =>
		address?.includes('@') ? keyOf(address.slice(address.lastIndexOf('@') + 1)) : undefined;
	const domains = new Set(people.map((person) => domainOf(person.userName)));
	return (account: ScimUser): boolean => {
		if (settings.leaverScope === 'all') return true;
		if (settings.leaverScope === 'withExternalId') return hasEmployeeId(account);
		const email = (account.emails ?? []).find((entry) => entry?.primary)?.value;
		return [account.userName, email].some((address) => {
			const domain = domainOf(typeof address === 'string' ? address : undefined);
			return domain !== undefined && domains.has(domain);
		});
	};
}

const hasEmployeeId = (account: ScimUser) => employeeIdOf(account) !== undefined;

/** An account nobody on the list matches: it claims no input row. */
function accountEntry(
	account: ScimUser,
	input: PlanInput,
	groups: ManagedGroups,
	inScope: (account: ScimUser) => boolean,
	possibleRenameOf: ReadonlySet<ScimUser>,
	heldBy: AccountHold | undefined,
): PlanEntry {
	const { settings, vendor } = input;
	const base = { account, userName: account.userName };
	if (heldBy) return hold(heldBy.reason, base, `Not changed: ${heldBy.detail}`);
	const deactivating = settings.accountsNotInList === 'deactivate';
	if (!inScope(account)) return hold('outOfScope', base);
	if (vendor.isProtected(account))
		return hold(
			'protected',
			base,
			deactivating && account.active !== false
				? `Not deactivated: ${JSON.stringify(account.userName)} is on the credential’s Protected Accounts`
				: undefined,
		);
	if (possibleRenameOf.has(account))
		return hold(
			'possibleRename',
			base,
			'Not deactivated: a person on the list without an account has the same name. If it is them, add this userName to their “Previous User Names”',
		);
	const groupsRemoved =
		deactivating && settings.removeLeaversFromGroups ? groups.managedOf(account) : [];
	if (account.active === false)
		return groupsRemoved.length > 0
			? entry({ ...base, action: 'groups', reason: 'notInList', groupsRemoved })
			: hold('unchanged', base);
	if (!deactivating)
		return hold('notInList', base, 'Not deactivated: “Accounts Not in the List” is Report Only');
	return entry({ ...base, action: 'deactivate', reason: 'notInList', groupsRemoved });
}

/**
 * Pairs an unmatched person with an unmatched account of the same given and family name.
 * An account holding another employee ID is not theirs, and neither is an inactive account
 * without one for a person with an Employee ID no account holds: otherwise a hand-made
 * namesake, long inactive, would block a new hire for good.
 */
function namesakes(
	people: readonly Matched[],
	accounts: readonly ScimUser[],
): { people: Map<Person, ScimUser>; accounts: Set<ScimUser> } {
	const nameOf = (given: unknown, family: unknown) =>
		typeof given === 'string' && typeof family === 'string' && given.trim() && family.trim()
			? `${keyOf(given)}\u0000${keyOf(family)}`
			: undefined;
	const byName = new Map<string, ScimUser[]>();
	for (const account of accounts) {
		const name = nameOf(account.name?.givenName, account.name?.familyName);
		if (name) byName.set(name, [...(byName.get(name) ?? []), account]);
	}
	const result = { people: new Map<Person, ScimUser>(), accounts: new Set<ScimUser>() };
	for (const { person } of people) {
		const part = (path: string) => person.fields.find(({ field }) => field.path === path)?.value;
		const name = nameOf(part('name.givenName'), part('name.familyName'));
		const twins = (name ? (byName.get(name) ?? []) : []).filter((account) =>
			person.employeeId === undefined
				? true
				: hasEmployeeId(account)
					? keyOf(employeeIdOf(account)!) === keyOf(person.employeeId)
					: account.active !== false,
		);
		if (twins.length === 0) continue;
		result.people.set(person, twins[0]);
		for (const twin of twins) result.accounts.add(twin);
	}
	return result;
}

/** The people as their dates decide at the plan's moment: a leave passed makes a leaver, a start ahead waits. */
function datedPeople({ people, asOf, settings }: PlanInput): Person[] {
	return people.map((person) => {
		const status = statusAt(person.dates, person.leaver, asOf, settings.dates);
		return { ...person, ...status };
	});
}

/** What a run that applies everything would do, in words, for an entry deferred. */
const DEFERRED: Record<PlanEntry['action'], string> = {
	create: 'create the account',
	reactivate: 'reactivate the account',
	update: 'update the account',
	rename: 'rename the account',
	deactivate: 'deactivate the account',
	groups: 'change the account’s groups',
	none: 'leave it as it is',
};

/**
 * With Apply set to Only Leavers, anything but taking access away waits for a run that
 * applies everything: a leaver's employee ID, stored to tell a recycled address apart,
 * takes no access away, so it waits too.
 */
function deferredUnlessLeaving(planned: PlanEntry, vendor: VendorFacts): PlanEntry {
	if (planned.action === 'none') return planned;
	if (isLeaving(planned)) {
		if (!planned.writes.some(isLink)) return planned;
		if (planned.action !== 'update')
			return {
				...planned,
				writes: planned.writes.filter((write) => !isLink(write)),
				changes: planned.changes.filter((change) => change.field !== 'externalId'),
			};
	}
	return hold(
		'deferred',
		{ ...planned, userName: planned.account?.userName ?? planned.userName },
		`Not now: “Apply” is Only Leavers; applying everything would ${DEFERRED[planned.action]} in ${vendor.displayName}`,
	);
}

/** A reference to a user names an account in the app, or a person on the list (who has or gets one). */
function referableIn(resolve: ResolveUser, people: readonly Person[]): Referable {
	const listed = new Set(
		people
			.filter((person) => !person.leaver)
			.flatMap((person) => [person.userName, person.employeeId])
			.filter((key): key is string => key !== undefined)
			.map(keyOf),
	);
	return (reference) => resolve(reference) !== undefined || listed.has(keyOf(reference));
}

/** The accounts in the order of their ids: what is planned does not depend on the order the app listed them in. */
const byId = (accounts: readonly ScimUser[]) =>
	[...accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Plans everything for everyone from one reading of the app: each person's create,
 * reactivation, update, rename or deactivation and group changes, each account nobody
 * matches, and every hold with why. A plain function over data: it writes nothing.
 * Each entry answers the input rows it comes from; an account no row names claims none.
 */
export function planSync(input: PlanInput): Plan {
	const { held, settings, vendor } = input;
	const people = datedPeople(input);
	const users = byId(input.app.users);
	const { matched, heldAccounts, namedBy } = matchPeople(people, held, users);
	const groups = new ManagedGroups(
		input.app.groups,
		input.app.membership,
		settings,
		vendor,
		people,
	);
	const inScope = scopeOf(settings, people);
	const matchedIds = new Set(matched.map((match) => match.account?.id));
	const shownOnRow = new Set([...namedBy.values()].map((account) => account.id));
	const absent = users.filter(
		(account) => !matchedIds.has(account.id) && !heldAccounts.has(account.id),
	);
	const candidates = absent.filter((account) => inScope(account) && !vendor.isProtected(account));
	// A person held as a conflict may still be a namesake's owner: that account waits too.
	const twins = namesakes(
		matched.filter((match) => !match.account && !match.person.leaver),
		candidates,
	);
	const resolve = userResolver(users);
	const context: PersonContext = {
		settings,
		vendor,
		groups,
		resolve,
		possibleRename: twins.people,
		referable: referableIn(resolve, people),
	};
	const withAccountNamed = (planned: PlanEntry, holder: object): PlanEntry => {
		const account = namedBy.get(holder);
		return account ? { ...planned, account } : planned;
	};
	const entries = [
		...matched.map((match) => withAccountNamed(personEntry(match, context), match.person)),
		...held.map((row) =>
			withAccountNamed(
				hold(row.reason, { userName: row.userName ?? '', items: row.items }, row.detail),
				row,
			),
		),
		...users
			.filter((account) => !matchedIds.has(account.id) && !shownOnRow.has(account.id))
			.sort((a, b) => String(a.userName).localeCompare(String(b.userName)))
			.map((account) =>
				accountEntry(account, input, groups, inScope, twins.accounts, heldAccounts.get(account.id)),
			),
	]
		.map((planned) =>
			settings.apply === 'leaversOnly' ? deferredUnlessLeaving(planned, vendor) : planned,
		)
		.sort((a, b) => (a.items[0] ?? Infinity) - (b.items[0] ?? Infinity));
	const named = new Set([...matchedIds, ...heldAccounts.keys()]);
	const activeInScope = users.filter(
		(account) => account.active !== false && inScope(account) && !vendor.isProtected(account),
	);
	const groupsToCreate = new Map<string, string>();
	for (const planned of entries)
		for (const group of planned.groupsAdded)
			if (group.id === undefined) groupsToCreate.set(keyOf(group.displayName), group.displayName);
	return {
		entries,
		groupsToCreate: [...groupsToCreate.values()],
		managedGroups: groups.groups,
		activeInScope: activeInScope.length,
		activeInScopeMatched: activeInScope.filter((account) => named.has(account.id)).length,
	};
}

/**
 * Plans a person against an account the app answered "exists" for when they were created
 * (it was not in the reading): by the same matching and rules as any other, so a recycled
 * address is a conflict and an inactive account is reactivated only as the settings allow.
 * Its groups are those it shows, else none: nothing is taken from it on a guess.
 */
export function adoptionPlanner(input: PlanInput): Adopt {
	const { settings, vendor } = input;
	const membership = new Map(input.app.membership ?? []);
	let context: PersonContext | undefined;
	return (person, account) => {
		const view = input.app.view;
		membership.set(account.id, (view && groupIdsOf(view, account)) ?? []);
		const people = datedPeople(input);
		const resolve = userResolver(byId(input.app.users));
		context ??= {
			settings,
			vendor,
			groups: new ManagedGroups(input.app.groups, membership, settings, vendor, people),
			resolve,
			possibleRename: new Map(),
			referable: referableIn(resolve, people),
		};
		const [match] = matchPeople([person], [], [account]).matched;
		return personEntry(match, context);
	};
}
