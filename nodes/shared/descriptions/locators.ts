import type { INodeProperties } from 'n8n-workflow';

export function userLocator(description = 'The user to act on'): INodeProperties {
	return {
		displayName: 'User',
		name: 'userId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a user…',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By User Name',
				name: 'userName',
				type: 'string',
				placeholder: 'e.g. jane.doe@example.com',
				hint: 'Exact userName, usually the work email; case does not matter',
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2819c223-7f76-453a-919d-413861904646',
				hint: 'The SCIM id the service gave the user',
			},
		],
	};
}

export function groupLocator(description = 'The group to act on'): INodeProperties {
	return {
		displayName: 'Group',
		name: 'groupId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a group…',
				typeOptions: { searchListMethod: 'searchGroups', searchable: true },
			},
			{
				displayName: 'By Display Name',
				name: 'displayName',
				type: 'string',
				placeholder: 'e.g. Sales',
				hint: 'Exact group name; case does not matter',
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. e9e30dba-f08f-4109-8486-d5c6a331660a',
				hint: 'The SCIM id the service gave the group',
			},
		],
	};
}
