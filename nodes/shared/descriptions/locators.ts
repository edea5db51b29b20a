import type { INodeProperties } from 'n8n-workflow';

/** A resource locator picking a user or group from a searchable list, by its unique name, or by id. */
function locator(spec: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	byName: { mode: string; displayName: string; placeholder: string; hint: string };
	idPlaceholder: string;
	noun: string;
}): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${spec.noun}…`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: spec.byName.displayName,
				name: spec.byName.mode,
				type: 'string',
				placeholder: spec.byName.placeholder,
				hint: spec.byName.hint,
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				hint: `The SCIM id the service gave the ${spec.noun}`,
			},
		],
	};
}

export function userLocator(description = 'The user to act on'): INodeProperties {
	return locator({
		displayName: 'User',
		name: 'userId',
		description,
		searchListMethod: 'searchUsers',
		byName: {
			mode: 'userName',
			displayName: 'By Name',
			placeholder: 'e.g. jane.doe@example.com',
			hint: 'Exact userName, usually the work email; case does not matter',
		},
		idPlaceholder: 'e.g. 2819c223-7f76-453a-919d-413861904646',
		noun: 'user',
	});
}

export function groupLocator(description = 'The group to act on'): INodeProperties {
	return locator({
		displayName: 'Group',
		name: 'groupId',
		description,
		searchListMethod: 'searchGroups',
		byName: {
			mode: 'displayName',
			displayName: 'By Name',
			placeholder: 'e.g. Sales',
			hint: 'Exact group name; case does not matter',
		},
		idPlaceholder: 'e.g. e9e30dba-f08f-4109-8486-d5c6a331660a',
		noun: 'group',
	});
}
