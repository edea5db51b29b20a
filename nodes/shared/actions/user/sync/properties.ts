import type { INodeProperties } from 'n8n-workflow';

import type { VendorProfile } from '../../../vendors/profile';
import type { UserField } from '../../../vendors/userFields';
import { userFieldCollection } from '../fields';
import { personFields } from './people';

/** Fields kept in sync unless chosen otherwise, where the vendor can update them. */
const SYNCED_BY_DEFAULT = ['givenName', 'familyName', 'displayName', 'title'];

/** Attributes Sync itself decides on an existing account: whether it is active, and its userName (a rename). */
const NOT_SYNCED = new Set(['active', 'userName']);

/** The fields an update can keep in sync on this vendor, by name. */
export function syncableFields(profile: VendorProfile): UserField[] {
	return profile.users.fields.update.filter((field) => !NOT_SYNCED.has(field.path));
}

const hideWhenGroupsIgnored = { hide: { groupMembership: ['ignore'] } };

/** The per-person parameters: expressions read on each input item. */
function personProperties(profile: VendorProfile): INodeProperties[] {
	return [
		{
			displayName: 'User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. {{ $json.email }}',
			description:
				'Each input item is one person who should have an account: their sign-in name, usually the work email. Compared without regard to case or surrounding spaces.',
		},
		{
			displayName: 'Employee ID',
			name: 'employeeId',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.employee_id }}',
			description:
				'The HR system’s ID for the person, stored as the account’s External ID: the strongest key, which finds the account after an email change',
		},
		{
			displayName: 'Leaver',
			name: 'leaver',
			type: 'boolean',
			default: false,
			description:
				'Whether this person must not have an active account, e.g. when their HR status is “terminated”: their account is deactivated, never deleted. A Leave Date decides instead where one is given.',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.start_date }}',
			description:
				'First day of work, an ISO date (that whole day) or date-time: the account is created on it, or “Create Accounts Before Start” days before (see Options); until then the person is held as “scheduled”',
		},
		{
			displayName: 'Leave Date',
			name: 'leaveDate',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.leave_date }}',
			description:
				'Last day of work, an ISO date (that whole day) or date-time: once it has passed (the end of the day, unless “Access Ends” says its start), the person is a leaver whatever “Leaver” says; before, they keep their account. A start date after it is a rehire.',
		},
		{
			displayName: 'Groups',
			name: 'groups',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.team }}',
			description:
				'Group names this person belongs in, as a list or comma-separated. Groups named anywhere in the input are the ones Sync manages (see “Managed Groups”).',
			displayOptions: hideWhenGroupsIgnored,
		},
		{
			displayName: 'Previous User Names',
			name: 'previousUserNames',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.former_email }}',
			description:
				'Former userNames of this person, as a list or comma-separated: an account found under one is renamed (with “Allow Renames”) rather than replaced',
		},
		userFieldCollection(
			profile,
			'fields',
			personFields(profile),
			'The person’s attributes: all are set when an account is created; on existing accounts, those under “Attributes to Keep in Sync”',
		),
	];
}

/** The settings of the sync: what it may change, and where. */
function settingProperties(profile: VendorProfile): INodeProperties[] {
	const syncable = syncableFields(profile);
	return [
		{
			displayName: 'Attributes to Keep in Sync',
			name: 'attributesToSync',
			type: 'multiOptions',
			options: [
				...syncable.map((field) => ({
					name: field.name === 'externalId' ? 'External ID (from Employee ID)' : field.displayName,
					value: field.name,
				})),
			].sort((a, b) => a.name.localeCompare(b.name)),
			default: [
				...SYNCED_BY_DEFAULT.filter((name) => syncable.some((field) => field.name === name)),
			],
			description:
				'Attributes corrected on existing accounts when they differ from the list; the others are set only when an account is created. Blank values in the list never clear anything.',
		},
		{
			displayName: 'Accounts Not in the List',
			name: 'accountsNotInList',
			type: 'options',
			default: 'report',
			options: [
				{
					name: 'Report Only',
					value: 'report',
					description: 'List them with reason “notInList”, and change nothing',
				},
				{
					name: 'Deactivate',
					value: 'deactivate',
					description: 'Deactivate them (never delete), within “Leaver Scope”',
				},
			],
		},
		{
			displayName: 'Leaver Scope',
			name: 'leaverScope',
			type: 'options',
			default: 'listDomains',
			options: [
				{
					name: 'Accounts on the List’s Email Domains',
					value: 'listDomains',
					description: 'Only accounts whose email domain someone on the list has',
				},
				{ name: 'All Accounts', value: 'all' },
				{
					name: 'Accounts With an External ID',
					value: 'withExternalId',
					description: 'Only accounts an HR system set up (they carry its employee ID)',
				},
			],
			description: 'Which accounts nobody on the list matches may be deactivated',
		},
		{
			displayName: 'Group Membership',
			name: 'groupMembership',
			type: 'options',
			default: 'exact',
			options: [
				{
					name: 'Exact Within the Managed Groups',
					value: 'exact',
					description: 'Add people to their groups and take them out of the other managed groups',
				},
				{
					name: 'Add Only',
					value: 'addOnly',
					description: 'Add people to their groups; never remove',
				},
				{ name: 'Ignore', value: 'ignore', description: 'Leave every group as it is' },
			],
		},
		{
			displayName: 'Managed Groups',
			name: 'managedGroups',
			type: 'string',
			default: '',
			placeholder: 'e.g. Sales, Engineering',
			description:
				'The only groups Sync adds to or removes from, as a list or comma-separated. Empty: every group named in the input. Other groups are never touched.',
			displayOptions: hideWhenGroupsIgnored,
		},
		{
			displayName: 'Create Missing Users',
			name: 'createMissingUsers',
			type: 'boolean',
			default: true,
			description: 'Whether to create an account for a person on the list who has none',
		},
		{
			displayName: 'Reactivate Returning Users',
			name: 'reactivateReturning',
			type: 'boolean',
			default: true,
			description: 'Whether to reactivate the deactivated account of a person on the list',
		},
		{
			displayName: 'Remove Leavers From Groups',
			name: 'removeLeaversFromGroups',
			type: 'boolean',
			default: true,
			description:
				'Whether leavers, and accounts deactivated as not in the list, also leave the managed groups',
			displayOptions: hideWhenGroupsIgnored,
		},
		{
			displayName: 'Allow Renames',
			name: 'allowRenames',
			type: 'boolean',
			default: false,
			description:
				'Whether an account found by Employee ID or a previous userName is renamed in place to the new userName. Off: it is held as “renameNotAllowed”.',
		},
		{
			displayName: 'Create Missing Groups',
			name: 'createMissingGroups',
			type: 'boolean',
			default: false,
			description:
				'Whether to create a group the list names that does not exist. Off: the people naming it are held as “invalid”.',
			displayOptions: hideWhenGroupsIgnored,
		},
	];
}

export function syncProperties(profile: VendorProfile): INodeProperties[] {
	return [...personProperties(profile), ...settingProperties(profile)];
}
