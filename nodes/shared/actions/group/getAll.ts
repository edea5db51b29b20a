import type { IDataObject } from 'n8n-workflow';

import {
	filtersCollection,
	listControls,
	rawFilterField,
	simplifyToggle,
} from '../../descriptions/common';
import type { ScimGroup } from '../../scim/types';
import { flag } from '../item';
import type { ItemContext } from '../item';
import { listMatching, readListRequest, textEquals } from '../listFilters';
import type { Operation } from '../operation';
import { GROUP_SHAPE } from '../simplify';
import { simplifyGroups } from './simplified';

async function getAllGroups(item: ItemContext): Promise<IDataObject[]> {
	const request = readListRequest(item, 'Group', (filters) => {
		const displayName = item.input.optionalText('Display Name', filters.displayName);
		return displayName === undefined ? [] : [textEquals('displayName', displayName)];
	});
	const groups = await listMatching<ScimGroup>(item, request);
	return flag(item, 'simplify', 'Simplify', true)
		? await simplifyGroups(item.connection, groups)
		: groups;
}

export const getAll: Operation = {
	name: 'Get Many',
	action: 'Get many groups',
	description: 'List groups, optionally filtered',
	properties: (profile) => [
		...listControls,
		filtersCollection([
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'Exact group name; case does not matter',
			},
			...(profile.operations.rawFilter ? [rawFilterField('e.g. displayName sw "Sales"')] : []),
		]),
		simplifyToggle(GROUP_SHAPE),
	],
	run: { perItem: getAllGroups },
};
