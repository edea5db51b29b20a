import type { INodeProperties } from 'n8n-workflow';

import type { VendorProfile } from '../profile';
import { ignoreNotFoundToggle, listControls, show, simplifyToggle } from './common';
import { userLocator } from './locators';

const USER_FIELDS: INodeProperties[] = [
	{
		displayName: 'Active',
		name: 'active',
		type: 'boolean',
		default: true,
		description: 'Whether the user can sign in',
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Jane Doe',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'e.g. jane.doe@example.com',
		description: 'Sent as the primary work email (replaces the user’s email list on update)',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'Your identifier for the user, e.g. the HR system’s employee ID',
	},
	{
		displayName: 'Family Name',
		name: 'familyName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Doe',
	},
	{
		displayName: 'Given Name',
		name: 'givenName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Jane',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Account Executive',
	},
];

const USER_NAME_FIELD: INodeProperties = {
	displayName: 'User Name',
	name: 'userName',
	type: 'string',
	default: '',
	placeholder: 'e.g. jane.doe@example.com',
	description: 'Unique sign-in name, usually the work email',
};

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
			options: USER_FIELDS,
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
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show('user', ['update']),
			options: [
				...USER_FIELDS,
				{ ...USER_NAME_FIELD, description: 'New sign-in name, e.g. after an email change' },
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		ignoreNotFoundToggle('user', ['deactivate', 'reactivate', 'delete']),
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
