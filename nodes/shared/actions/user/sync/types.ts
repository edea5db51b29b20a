import type { IDataObject } from 'n8n-workflow';

import type { DateTime } from 'luxon';

import type { AttributeChange } from '../../../scim/attributes';
import type { MembershipView } from '../../../scim/membership';
import type { ScimGroup, ScimUser } from '../../../scim/types';
import type { UserField } from '../../../vendors/userFields';
import type { FieldValue } from '../fields';
import type { DateRules, PersonDates } from './dates';

/** One person who should have an account, read from one input item (or several identical ones). */
export interface Person {
	/** The input items that named this person (identical rows merge). */
	items: number[];
	userName: string;
	employeeId?: string;
	previousUserNames: string[];
	/** This person must not have an active account: the Leaver flag, or their dates as of the plan's moment. */
	leaver: boolean;
	/** Start and leave dates, as given. */
	dates: PersonDates;
	/** Nothing is done for them before this moment (a joiner not yet due, a rehire not yet back). */
	notBefore?: DateTime;
	/** Their access ends at this moment, still ahead. */
	leavesAt?: DateTime;
	fields: FieldValue[];
	/** Custom attributes and other writes set only when the account is created. */
	createOnly: AttributeChange[];
	/** Group names, as given. */
	groups: string[];
}

/** An input item that could not be read as a person: it is held as `invalid`, and nobody else is affected. */
export interface InvalidItem {
	itemIndex: number;
	userName?: string;
	error: string;
}

/** How a person was matched to an account. */
export type MatchKey = 'employeeId' | 'userName' | 'email' | 'previousUserName';

export type Action =
	'create' | 'reactivate' | 'update' | 'rename' | 'deactivate' | 'groups' | 'none';

export type Reason =
	| 'unchanged'
	| 'protected'
	| 'outOfScope'
	| 'notInList'
	| 'leaver'
	| 'conflict'
	| 'possibleRename'
	| 'renameNotAllowed'
	| 'invalid'
	| 'missing'
	| 'inactive'
	| 'scheduled'
	| 'deferred';

/** One attribute as it is and as it will be. */
export interface FieldChange extends IDataObject {
	field: string;
	from: string | boolean | null;
	to: string | boolean | null;
}

/** A group the plan puts someone into or takes them out of: an existing one, or one to create (no id yet). */
export interface PlannedGroup {
	id?: string;
	displayName: string;
}

/** What the plan does for one person, or for one account nobody on the list matches. */
export interface PlanEntry {
	action: Action;
	reason?: Reason;
	/** Absent for an account not in the list. */
	person?: Person;
	/** The account matched, as read; absent for a person without one. */
	account?: ScimUser;
	matchedBy?: MatchKey;
	/** The userName the account has (or will have, for a create or a rename). */
	userName: string;
	changes: FieldChange[];
	/** What is written to the account: the changes as SCIM attributes. */
	writes: AttributeChange[];
	groupsAdded: PlannedGroup[];
	groupsRemoved: PlannedGroup[];
	/** Why a person or account is held, in words. */
	detail?: string;
	/** When a scheduled change falls due (a leave, a creation). */
	effectiveAt?: DateTime;
	/** Values the list gives that are not written, and why (a manager nobody knows). */
	warnings?: string[];
	/** The input items this entry answers; none for an account not in the list. */
	items: number[];
}

export interface SyncSettings {
	/** User field names kept in sync on existing accounts. */
	attributesToSync: ReadonlySet<string>;
	accountsNotInList: 'report' | 'deactivate';
	leaverScope: 'listDomains' | 'all' | 'withExternalId';
	groupMembership: 'exact' | 'addOnly' | 'ignore';
	/** Group names given as managed; undefined: every group named in the input. */
	managedGroups?: string[];
	createMissingUsers: boolean;
	reactivateReturning: boolean;
	removeLeaversFromGroups: boolean;
	allowRenames: boolean;
	createMissingGroups: boolean;
	/** How start and leave dates are read and decided. */
	dates: DateRules;
	/** Everything, or only leavers (deactivations and their group removals); the rest is deferred. */
	apply: 'everything' | 'leaversOnly';
}

/** The vendor facts planning needs, as data. */
export interface VendorFacts {
	displayName: string;
	/** Fields whose values an update may change (by field name). */
	updatable: ReadonlyMap<string, UserField>;
	/** A userName can be changed in place. */
	canRename: boolean;
	/** An existing account's externalId can be set: the employee ID is linked on accounts Sync did not create. */
	storesEmployeeId: boolean;
	/** A user is in one group at most, and falls back to this one. */
	defaultGroupName?: string;
	/** Why the vendor would refuse a group of this name, where Sync is to create one. */
	groupNameRefusal(name: string): { problem: string } | undefined;
	isProtected(account: ScimUser): boolean;
}

/** The app as read once: every user, the groups, and who is in which (undefined when groups are not read). */
export interface AppState {
	users: ScimUser[];
	groups: ScimGroup[];
	membership?: ReadonlyMap<string, readonly string[]>;
	/** How the service shows membership, for an account read later (a create answered "exists"). */
	view?: MembershipView;
}

export interface Plan {
	entries: PlanEntry[];
	/** Groups the plan creates (Create Missing Groups), by name. */
	groupsToCreate: string[];
	/** Managed groups found in the app. */
	managedGroups: ScimGroup[];
	/** Active accounts the leaver scope covers, protected ones left out. */
	activeInScope: number;
	/** Of those, how many a person on the list matched. */
	activeInScopeMatched: number;
}

/** Plans a person against an account found only when their create was refused as existing. */
export type Adopt = (person: Person, account: ScimUser) => PlanEntry;
