import type { ScimUser } from '../../../scim/types';
import type { ResolveUser } from './compare';
import { attributeChanges, createWrites, linkWrites } from './changes';
import type { Referable } from './changes';
import { inWords } from './dates';
import { entry, hold } from './entry';
import type { ManagedGroups } from './groupPlan';
import { employeeIdOf, keyOf } from './match';
import type { Matched } from './match';
import type { Person, PlanEntry, SyncSettings, VendorFacts } from './types';

/** What planning one person needs besides the person: the settings, the vendor, the app as read. */
export interface PersonContext {
	settings: SyncSettings;
	vendor: VendorFacts;
	groups: ManagedGroups;
	resolve: ResolveUser;
	/** People nobody matches who share their name with an account nobody matches either. */
	possibleRename: ReadonlyMap<Person, ScimUser>;
	/** Whether a reference to a user (a manager) names someone the vendor will know. */
	referable: Referable;
}

/** Why a person without an account is not created while an account of the same name waits, and the ways out. */
function namesakeDetail(person: Person, twin: ScimUser): string {
	const twinHasId = employeeIdOf(twin) !== undefined;
	// Either step makes the account no longer a candidate (see `namesakes`).
	const notThem = [
		person.employeeId === undefined ? 'give this person their Employee ID' : undefined,
		twin.active !== false && !twinHasId ? 'deactivate that account' : undefined,
	].filter((step): step is string => step !== undefined);
	return `Not created: ${JSON.stringify(twin.userName)} has the same name and nobody on the list matches it. If it is this person, add it to “Previous User Names”; if not, ${notThem.join(' and ')}`;
}

/** A person without an account: created, or held with why. */
function newcomerEntry(
	person: Person,
	context: PersonContext,
	base: Partial<PlanEntry>,
): PlanEntry {
	const userName = person.userName;
	if (person.leaver) return hold('leaver', { ...base, userName });
	const twin = context.possibleRename.get(person);
	if (twin) return hold('possibleRename', { ...base, userName }, namesakeDetail(person, twin));
	if (!context.settings.createMissingUsers)
		return hold('missing', { ...base, userName }, 'Not created: “Create Missing Users” is off');
	const planned = context.groups.changesFor(person, undefined);
	if ('reason' in planned)
		return hold(planned.reason, { ...base, userName }, `Not created: ${planned.detail}`);
	return entry({
		...base,
		userName,
		action: 'create',
		...createWrites(person, context.referable, context.vendor),
		groupsAdded: planned.added,
	});
}

/**
 * An inactive account found only by its address, for a person with an Employee ID, on a
 * vendor that cannot store one on it: whether it was this person's or a former employee's
 * under a recycled address is not known, so it is not reactivated.
 */
function ownerUnproven(match: Matched, vendor: VendorFacts): boolean {
	const { person, account, matchedBy } = match;
	return (
		account?.active === false &&
		(matchedBy === 'userName' || matchedBy === 'email') &&
		person.employeeId !== undefined &&
		employeeIdOf(account) === undefined &&
		!vendor.storesEmployeeId
	);
}

/** A leaver with an account: deactivated and out of the managed groups, the employee ID stored. */
function leaverEntry(match: Matched, context: PersonContext, base: Partial<PlanEntry>): PlanEntry {
	const account = match.account!;
	const { settings, vendor, groups } = context;
	const groupsRemoved = settings.removeLeaversFromGroups ? groups.managedOf(account) : [];
	const link = linkWrites(match.person, account, settings, vendor);
	const action =
		account.active !== false
			? 'deactivate'
			: groupsRemoved.length > 0
				? 'groups'
				: link.writes.length > 0
					? 'update'
					: 'none';
	const userName = account.userName;
	if (action === 'none') return hold('leaver', { ...base, userName });
	return entry({ ...base, userName, action, reason: 'leaver', groupsRemoved, ...link });
}

/**
 * What the plan does for one person: create, reactivate, update, rename, deactivate or
 * change their groups, or hold them with why. A plain function over data.
 */
export function personEntry(match: Matched, context: PersonContext): PlanEntry {
	const { person, account, matchedBy } = match;
	const { vendor } = context;
	const base = {
		person,
		account,
		matchedBy,
		userName: account?.userName ?? person.userName,
		items: person.items,
	};
	if (match.conflict) return hold('conflict', base, `Not changed: ${match.conflict}`);
	if (person.notBefore && !person.leaver)
		return hold(
			'scheduled',
			{ ...base, effectiveAt: person.notBefore },
			`${account ? 'Changed' : 'Created'} in ${vendor.displayName} from ${inWords(person.notBefore)}, as the start date says`,
		);
	if (!account) return newcomerEntry(person, context, base);
	const planned = person.leaver
		? leaverEntry(match, context, base)
		: stayerEntry(match, context, base);
	return vendor.isProtected(account) && planned.action !== 'none'
		? hold(
				'protected',
				base,
				`Not changed: ${JSON.stringify(account.userName)} is on the credential’s Protected Accounts`,
			)
		: planned;
}

/** A person who stays, with an account: renamed, reactivated, updated and regrouped as needed. */
function stayerEntry(match: Matched, context: PersonContext, base: Partial<PlanEntry>): PlanEntry {
	const { person, matchedBy } = match;
	const account = match.account!;
	const { settings, vendor, groups, resolve } = context;
	const active = account.active !== false;
	const current = { ...base, userName: account.userName };
	if (!active && ownerUnproven(match, vendor))
		return hold(
			'conflict',
			current,
			`Not reactivated: the account was found by its address only, and ${vendor.displayName} cannot store an Employee ID on an existing account, so whether it was this person’s or a former employee’s (a recycled address) is not known. If it is theirs, reactivate it by hand`,
		);
	const renamed =
		(matchedBy === 'employeeId' || matchedBy === 'previousUserName') &&
		keyOf(account.userName) !== keyOf(person.userName);
	if (renamed && !(settings.allowRenames && vendor.canRename)) {
		const why = !vendor.canRename
			? `${vendor.displayName} does not let a userName change through SCIM`
			: 'turn on “Allow Renames” to rename it in place';
		return hold(
			'renameNotAllowed',
			current,
			`Not renamed from ${JSON.stringify(account.userName)} to ${JSON.stringify(person.userName)}: ${why}`,
		);
	}
	if (!active && !settings.reactivateReturning)
		return hold('inactive', current, 'Not reactivated: “Reactivate Returning Users” is off');
	const planned = groups.changesFor(person, account);
	if ('reason' in planned) return hold(planned.reason, current, `Not changed: ${planned.detail}`);
	const { changes, writes, warnings } = attributeChanges(
		person,
		account,
		settings,
		vendor,
		resolve,
		context.referable,
	);
	if (renamed) {
		changes.unshift({ field: 'userName', from: account.userName, to: person.userName });
		writes.unshift({ path: 'userName', value: person.userName });
		// A rename of an inactive account brings it back in the same run.
		if (!active) changes.push({ field: 'active', from: false, to: true });
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
	if (action === 'none')
		return person.leavesAt
			? hold(
					'scheduled',
					{ ...current, effectiveAt: person.leavesAt },
					`Leaves ${vendor.displayName} on ${inWords(person.leavesAt)}`,
				)
			: hold('unchanged', current);
	return entry({
		...base,
		userName: person.userName,
		action,
		changes,
		writes,
		warnings,
		groupsAdded: planned.added,
		groupsRemoved: planned.removed,
	});
}
