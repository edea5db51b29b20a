import type { INodeProperties } from 'n8n-workflow';

import type { VendorProfile } from '../profile';
import type { UserField } from '../userFields';
import { ignoreNotFoundToggle, listControls, show, simplifyToggle } from './common';
import { userLocator } from './locators';

function fieldProperty(field: UserField): INodeProperties {
	const type = field.kind === 'boolean' ? 'boolean' : field.kind === 'date' ? 'dateTime' : 'string';
	const property: INodeProperties = {
		displayName: field.displayName,
		name: field.name,
		type,
		default: field.kind === 'boolean' ? true : '',
	};
	if (field.description) property.description = field.description;
	if (field.placeholder) property.placeholder = field.placeholder;
	return property;
}

function customAttributes(profile: VendorProfile): INodeProperties[] {
	if (!profile.customAttributeSchema) return [];
	return [
		{
			displayName: 'Custom Attributes',
			name: 'customAttributes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Custom Attribute',
			default: {},
			description: `${profile.displayName} custom attributes, by the attribute ID shown in its settings`,
			options: [
				{
					name: 'attribute',
					displayName: 'Attribute',
					values: [
						{
							displayName: 'Attribute ID',
							name: 'id',
							type: 'string',
							default: '',
							placeholder: 'e.g. 6140868326541a4da586db0b',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
	];
}

/** The fields of a user collection, sorted by name as n8n lists them. */
function fieldCollection(profile: VendorProfile, fields: readonly UserField[]): INodeProperties[] {
	return [...fields.map(fieldProperty), ...customAttributes(profile)].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
}

const USER_NAME_FIELD: INodeProperties = {
	displayName: 'User Name',
	name: 'userName',
	type: 'string',
	default: '',
	placeholder: 'e.g. jane.doe@example.com',
	description: 'Unique sign-in name, usually the work email',
};

/** Offboarding in one step, where the vendor lets members be removed. */
function removeFromGroupsToggle(profile: VendorProfile): INodeProperties[] {
	if (profile.unsupportedOperations.includes('group.removeMember')) return [];
	const fallback = profile.singleGroupPerUser
		? ` (they stay in ${profile.displayName}’s ${profile.singleGroupPerUser.defaultGroupName} group, which every user belongs to)`
		: '';
	return [
		{
			displayName: 'Remove From All Groups',
			name: 'removeFromGroups',
			type: 'boolean',
			default: false,
			description: `Whether to also take the user out of every group they are in, as an offboarding does${fallback}. The output lists the groups left in “removedFromGroups”.`,
			displayOptions: show('user', ['deactivate']),
		},
	];
}

function operationOptions(profile: VendorProfile): INodeProperties {
	const all = [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a user',
			description: 'Create a user account',
		},
		{
			name: 'Deactivate',
			value: 'deactivate',
			action: 'Deactivate a user',
			description: 'Block sign-in and free the seat, keeping the user’s data',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a user',
			description: 'Delete the user for good',
		},
		{ name: 'Get', value: 'get', action: 'Get a user', description: 'Get one user' },
		{
			name: 'License Audit',
			value: 'audit',
			action: 'Audit user licenses',
			description: 'Compare who should have an account (one per input item) with who has one',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many users',
			description: 'List users, optionally filtered',
		},
		{
			name: 'Reactivate',
			value: 'reactivate',
			action: 'Reactivate a user',
			description: 'Allow a deactivated user to sign in again',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a user',
			description: 'Change a user’s attributes',
		},
	];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: all.filter(
			(option) => !profile.unsupportedOperations.includes(`user.${option.value}`),
		),
		default: 'get',
	};
}

export function userProperties(profile: VendorProfile): INodeProperties[] {
	return [
		operationOptions(profile),
		{ ...USER_NAME_FIELD, required: true, displayOptions: show('user', ['create']) },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show('user', ['create']),
			options: fieldCollection(profile, profile.userFields.create),
		},
		{
			displayName: 'If User Exists',
			name: 'ifUserExists',
			type: 'options',
			default: 'error',
			description: 'What to do when a user with this userName already exists',
			displayOptions: show('user', ['create']),
			options: [
				{ name: 'Error', value: 'error', description: 'Fail the item' },
				{
					name: 'Return Existing',
					value: 'returnExisting',
					description: 'Output the existing user unchanged',
				},
				{
					name: 'Update Existing',
					value: 'update',
					description: 'Apply the fields above to the existing user and output it',
				},
			],
		},
		userLocator(show('user', ['get', 'update', 'deactivate', 'reactivate', 'delete'])),
		{
			displayName: 'Expected User Name',
			name: 'expectedUserName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. {{ $json.email }}',
			description:
				'Who should have an account, one per input item: usually the work email from an HR export. Matched case-insensitively on userName and primary email.',
			displayOptions: show('user', ['audit']),
		},
		{
			displayName: 'Summary Only',
			name: 'summaryOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to return one item with the counts and the userNames of licenses to reclaim, instead of one item per person or account',
			displayOptions: show('user', ['audit']),
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show('user', ['update']),
			options: fieldCollection(profile, profile.userFields.update),
		},
		ignoreNotFoundToggle('user', ['deactivate', 'reactivate', 'delete']),
		...removeFromGroupsToggle(profile),
		...listControls('user'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: show('user', ['getAll']),
			options: [
				{
					displayName: 'Active',
					name: 'active',
					type: 'boolean',
					default: true,
					description: 'Whether to return only active (on) or only deactivated (off) users',
				},
				{
					displayName: 'External ID',
					name: 'externalId',
					type: 'string',
					default: '',
					description: 'Exact external ID',
				},
				...(profile.rawFilter
					? [
							{
								displayName: 'Raw SCIM Filter',
								name: 'filter',
								type: 'string' as const,
								default: '',
								placeholder: 'e.g. title eq "Engineer"',
								description:
									'A SCIM filter expression (RFC 7644 §3.4.2.2), combined with the other filters by “and”',
							},
						]
					: []),
				{
					displayName: 'User Name',
					name: 'userName',
					type: 'string',
					default: '',
					description: 'Exact userName; case does not matter',
				},
			],
		},
		simplifyToggle('user', 'id, userName, active, names, email, externalId and group ids'),
	];
}
