import type { INodeProperties } from 'n8n-workflow';

import type { VendorProfile } from '../profile';
import { ignoreNotFoundToggle, listControls, show, simplifyToggle } from './common';
import { groupLocator, userLocator } from './locators';

function operationOptions(profile: VendorProfile): INodeProperties {
	const all = [
		{
			name: 'Add Member',
			value: 'addMember',
			action: 'Add a member to a group',
			description: 'Add a user to a group',
		},
		{ name: 'Create', value: 'create', action: 'Create a group', description: 'Create a group' },
		{ name: 'Delete', value: 'delete', action: 'Delete a group', description: 'Delete a group' },
		{ name: 'Get', value: 'get', action: 'Get a group', description: 'Get one group' },
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many groups',
			description: 'List groups, optionally filtered',
		},
		{
			name: 'Remove Member',
			value: 'removeMember',
			action: 'Remove a member from a group',
			description: 'Remove a user from a group',
		},
		{
			name: 'Rename',
			value: 'update',
			action: 'Rename a group',
			description: 'Change a group’s display name',
		},
	];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: all.filter(
			(option) => !profile.unsupportedOperations.includes(`group.${option.value}`),
		),
		default: 'get',
	};
}

/** Only where a user may belong to one group at a time. */
function moveFromCurrentGroup(profile: VendorProfile): INodeProperties[] {
	if (!profile.singleGroupPerUser) return [];
	return [
		{
			displayName: 'Move From Current Group',
			name: 'moveFromCurrentGroup',
			type: 'boolean',
			default: true,
			description: `Whether to take the user out of the group they are in first, since ${profile.displayName} allows one group per user. Off: a user already in another group fails the item.`,
			displayOptions: show('group', ['addMember']),
		},
	];
}

export function groupProperties(profile: VendorProfile): INodeProperties[] {
	return [
		operationOptions(profile),
		{
			displayName: 'Display Name',
			name: 'displayName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Sales EMEA',
			description: 'Name of the new group',
			displayOptions: show('group', ['create']),
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show('group', ['create']),
			options: [
				{
					displayName: 'External ID',
					name: 'externalId',
					type: 'string',
					default: '',
					description: 'Your identifier for the group',
				},
			],
		},
		groupLocator(show('group', ['get', 'update', 'delete', 'addMember', 'removeMember'])),
		{
			displayName: 'New Display Name',
			name: 'displayName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Sales EMEA',
			displayOptions: show('group', ['update']),
		},
		userLocator(
			show('group', ['addMember', 'removeMember']),
			'The user to add to or remove from the group',
		),
		...moveFromCurrentGroup(profile),
		ignoreNotFoundToggle('group', ['delete', 'removeMember']),
		...listControls('group'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: show('group', ['getAll']),
			options: [
				{
					displayName: 'Display Name',
					name: 'displayName',
					type: 'string',
					default: '',
					description: 'Exact group name; case does not matter',
				},
				...(profile.rawFilter
					? [
							{
								displayName: 'Raw SCIM Filter',
								name: 'filter',
								type: 'string' as const,
								default: '',
								placeholder: 'e.g. displayName sw "Sales"',
								description:
									'A SCIM filter expression (RFC 7644 §3.4.2.2), combined with the other filters by “and”',
							},
						]
					: []),
			],
		},
		simplifyToggle('group', 'id, displayName, externalId and member count'),
	];
}
