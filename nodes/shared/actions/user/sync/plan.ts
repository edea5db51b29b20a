import type { AttributeChange } from '../../../scim/attributes';
import type { ScimUser } from '../../../scim/types';
import { asChange } from '../fields';
import { currentValue, holds, userResolver } from './compare';
import type { ResolveUser } from './compare';
import { ManagedGroups } from './groupPlan';
import { keyOf, matchPeople } from './match';
import type { Matched } from './match';
import type { HeldItem } from './people';
import type {
	AppState,
	FieldChange,
	Person,
	Plan,
	PlanEntry,
	Reason,
	SyncSettings,
	VendorFacts,
} from './types';

export interface PlanInput {
	people: readonly Person[];
	held: readonly HeldItem[];
	app: AppState;
	settings: SyncSettings;
	vendor: VendorFacts;
}

/** Reasons that hold a person or account back from what the settings would otherwise do: shown as changes. */
const HOLDS: ReadonlySet<Reason> = new Set([
	'conflict',
	'possibleRename',
	'renameNotAllowed',
	'invalid',
	'missing',
	'inactive',
	'notInList',
]);

/** Whether an entry belongs in the Changes output: a write, or a hold. */
export function isChangeOrHold(entry: PlanEntry): boolean {
	return (
		entry.action !== 'none' ||
		(entry.reason !== undefined && HOLDS.has(entry.reason)) ||
		(entry.reason === 'protected' && entry.detail !== undefined)
	);
}

function entry(fields: Partial<PlanEntry> & Pick<PlanEntry, 'action' | 'userName'>): PlanEntry {
	return { changes: [], writes: [], groupsAdded: [], groupsRemoved: [], items: [], ...fields };
}

const hold = (
	reason: Reason,
	base: Pick<PlanEntry, 'userName'> & Partial<PlanEntry>,
	detail?: string,
): PlanEntry =>
	entry({
		...base,
		action: 'none',
		reason,
		detail,
		changes: [],
		writes: [],
		groupsAdded: [],
		groupsRemoved: [],
	});

/** Where an account may be deactivated when nobody on the list matches it. */
function scopeOf(settings: SyncSettings, people: readonly Person[]) {
	const domainOf = (address: string | undefined) =>
		address?.includes('@') ? keyOf(address.slice(address.lastIndexOf('@') + 1)) : undefined;
	const domains = new Set(people.map((person) => domainOf(person.userName)));
	return (account: ScimUser): boolean => {
		if (settings.leaverScope === 'all') return true;
		if (settings.leaverScope === 'withExternalId')
			return typeof account.externalId === 'string' && account.externalId.trim() !== '';
		const email = (account.emails ?? []).find((entry) => entry?.primary)?.value;
		return [account.userName, email].some((address) => {
			const domain = domainOf(typeof address === 'string' ? address : undefined);
			return domain !== undefined && domains.has(domain);
		});
	};
}

/** The attribute changes an existing account needs: the synced fields the vendor can update, and the employee ID. */
function attributeChanges(
	person: Person,
	account: ScimUser,
	settings: SyncSettings,
	vendor: VendorFacts,
	resolve: ResolveUser,
): { changes: FieldChange[]; writes: AttributeChange[] } {
	const changes: FieldChange[] = [];
	const writes: AttributeChange[] = [];
	for (const given of person.fields) {
		const { field, value } = given;
		if (!settings.attributesToSync.has(field.name) || !vendor.updatable.has(field.name)) continue;
		if (holds(account, field, value, resolve)) continue;
		changes.push({ field: field.name, from: currentValue(account, field, resolve), to: value });
		writes.push(asChange(given));
	}
	const externalId = vendor.updatable.get('externalId');
	if (
		externalId &&
		settings.attributesToSync.has('externalId') &&
		person.employeeId !== undefined &&
		account.externalId !== person.employeeId
	) {
		changes.push({ field: 'externalId', from: account.externalId ?? null, to: person.employeeId });
		writes.push({ path: 'externalId', value: person.employeeId });
	}
	return { changes, writes };
}

/** What a new account is created with: every field given, and the employee ID as its externalId. */
function createWrites(person: Person): { changes: FieldChange[]; writes: AttributeChange[] } {
	const changes: FieldChange[] = person.fields.map(({ field, value }) => ({
		field: field.name,
		from: null,
		to: value,
	}));
	const writes = [...person.fields.map(asChange), ...person.createOnly];
	if (person.employeeId !== undefined) {
		changes.push({ field: 'externalId', from: null, to: person.employeeId });
		writes.push({ path: 'externalId', value: person.employeeId });
	}
	return { changes, writes };
}

/** A person who should have an account (or, a leaver, should not have an active one). */
function personEntry(
	match: Matched,
	input: PlanInput,
	groups: ManagedGroups,
	resolve: ResolveUser,
	possibleRename: ReadonlyMap<Person, ScimUser>,
): PlanEntry {
	const { person, account, matchedBy } = match;
	const { settings, vendor } = input;
	const base = {
		person,
		account,
		matchedBy,
		userName: account?.userName ?? person.userName,
		items: person.items,
	};
	if (match.conflict) return hold('conflict', base, `Not changed: ${match.conflict}`);
	if (!account) {
		if (person.leaver) return hold('leaver', base);
		const twin = possibleRename.get(person);
		if (twin)
			return hold(
				'possibleRename',
				base,
				`Not created: ${JSON.stringify(twin.userName)} has the same name and nobody on the list matches it. If it is this person, add it to “Previous User Names”; if not, give them different employee IDs`,
			);
		if (!settings.createMissingUsers)
			return hold('missing', base, 'Not created: “Create Missing Users” is off');
		const planned = groups.changesFor(person, undefined);
		if ('reason' in planned) return hold(planned.reason, base, `Not created: ${planned.detail}`);
		return entry({
			...base,
			action: 'create',
			...createWrites(person),
			groupsAdded: planned.added,
		});
	}
	const active = account.active !== false;
	const wouldTouch = (planned: PlanEntry) =>
		vendor.isProtected(account) && planned.action !== 'none'
			? hold(
					'protected',
					base,
					`Not changed: ${JSON.stringify(account.userName)} is on the credential’s Protected Accounts`,
				)
			: planned;
	if (person.leaver) {
		const groupsRemoved = settings.removeLeaversFromGroups ? groups.managedOf(account) : [];
		if (active)
			return wouldTouch(entry({ ...base, action: 'deactivate', reason: 'leaver', groupsRemoved }));
		if (groupsRemoved.length > 0)
			return wouldTouch(entry({ ...base, action: 'groups', reason: 'leaver', groupsRemoved }));
		return hold('leaver', base);
	}
	const renamed =
		(matchedBy === 'employeeId' || matchedBy === 'previousUserName') &&
		keyOf(account.userName) !== keyOf(person.userName);
	if (renamed && !(settings.allowRenames && vendor.canRename)) {
		const why = !vendor.canRename
			? `${vendor.displayName} does not let a userName change through SCIM`
			: 'turn on “Allow Renames” to rename it in place';
		return hold(
			'renameNotAllowed',
			base,
			`Not renamed from ${JSON.stringify(account.userName)} to ${JSON.stringify(person.userName)}: ${why}`,
		);
	}
	if (!active && !settings.reactivateReturning)
		return hold('inactive', base, 'Not reactivated: “Reactivate Returning Users” is off');
	const planned = groups.changesFor(person, account);
	if ('reason' in planned) return hold(planned.reason, base, `Not changed: ${planned.detail}`);
	const { changes, writes } = attributeChanges(person, account, settings, vendor, resolve);
	if (renamed) {
		changes.unshift({ field: 'userName', from: account.userName, to: person.userName });
		writes.unshift({ path: 'userName', value: person.userName });
	}
	const action = renamed
		? 'rename'
		: !active
			? 'reactivate'
			: writes.length > 0
				? 'update'
				: planned.added.length + planned.removed.length > 0
					? 'groups'
					: 'none';
	const result = entry({
		...base,
		userName: person.userName,
		action,
		changes,
		writes,
		groupsAdded: planned.added,
		groupsRemoved: planned.removed,
	});
	return action === 'none'
		? { ...result, reason: 'unchanged', userName: account.userName }
		: wouldTouch(result);
}

/** An account nobody on the list matches. */
function accountEntry(
	account: ScimUser,
	input: PlanInput,
	groups: ManagedGroups,
	inScope: (account: ScimUser) => boolean,
	possibleRenameOf: ReadonlySet<ScimUser>,
	heldBy: { reason: 'conflict' | 'invalid'; detail: string } | undefined,
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

/** Pairs an unmatched person with an unmatched account of the same given and family name. */
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
		const twins = (name ? (byName.get(name) ?? []) : []).filter(
			(account) =>
				!(
					person.employeeId &&
					account.externalId &&
					keyOf(person.employeeId) !== keyOf(account.externalId)
				),
		);
		if (twins.length === 0) continue;
		result.people.set(person, twins[0]);
		for (const twin of twins) result.accounts.add(twin);
	}
	return result;
}

/**
 * Plans everything for everyone from one reading of the app: each person's create,
 * reactivation, update, rename or deactivation and group changes, each account nobody
 * matches, and every hold with why. A plain function over data: it writes nothing.
 */
export function planSync(input: PlanInput): Plan {
	const { people, held, app, settings, vendor } = input;
	const { matched, heldAccounts } = matchPeople(people, held, app.users);
	const groups = new ManagedGroups(app.groups, app.membership, settings, vendor, people);
	const resolve = userResolver(app.users);
	const inScope = scopeOf(settings, people);
	const matchedIds = new Set(matched.map((match) => match.account?.id));
	const absent = app.users.filter(
		(account) => !matchedIds.has(account.id) && !heldAccounts.has(account.id),
	);
	const candidates = absent.filter((account) => inScope(account) && !vendor.isProtected(account));
	const twins = namesakes(
		matched.filter((match) => !match.account && !match.conflict && !match.person.leaver),
		candidates,
	);
	const entries = [
		...matched.map((match) => personEntry(match, input, groups, resolve, twins.people)),
		...held.map((row) =>
			hold(row.reason, { userName: row.userName ?? '', items: row.items }, row.detail),
		),
		...app.users
			.filter((account) => !matchedIds.has(account.id))
			.sort((a, b) => String(a.userName).localeCompare(String(b.userName)))
			.map((account) =>
				accountEntry(account, input, groups, inScope, twins.accounts, heldAccounts.get(account.id)),
			),
	].sort((a, b) => (a.items[0] ?? Infinity) - (b.items[0] ?? Infinity));
	const named = new Set([...matchedIds, ...heldAccounts.keys()]);
	const activeInScope = app.users.filter(
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
