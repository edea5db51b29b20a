import type { IDataObject } from 'n8n-workflow';

import {
	filtersCollection,
	listControls,
	rawFilterField,
	simplifyToggle,
} from '../../descriptions/common';
import { flag } from '../item';
import type { ItemContext } from '../item';
import { booleanEquals, listMatching, readListRequest, textEquals } from '../listFilters';
import type { FieldFilter } from '../listFilters';
import type { Operation } from '../operation';
import { USER_SHAPE } from '../simplify';
import { simplifyUsers } from './simplified';
import type { ScimUser } from '../../scim/types';

async function getAllUsers(item: ItemContext): Promise<IDataObject[]> {
	const { input } = item;
	const request = readListRequest(item, 'User', (filters): FieldFilter[] => {
		const result: FieldFilter[] = [];
		const userName = input.optionalText('User Name', filters.userName);
		if (userName !== undefined) result.push(textEquals('userName', userName));
		const externalId = input.optionalText('External ID', filters.externalId);
		if (externalId !== undefined) result.push(textEquals('externalId', externalId, true));
		const active = input.optionalBoolean('Active', filters.active);
		if (active !== undefined) result.push(booleanEquals('active', active));
		return result;
	});
	const users = await listMatching<ScimUser>(item, request);
	return flag(item, 'simplify', 'Simplify', true)
		? await simplifyUsers(item.connection, users)
		: users;
}

export const getAll: Operation = {
	name: 'Get Many',
	action: 'Get many users',
	description: 'List users, optionally filtered',
	properties: (profile) => [
		...listControls,
		filtersCollection([
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
			...(profile.operations.rawFilter ? [rawFilterField('e.g. title eq "Engineer"')] : []),
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				default: '',
				description: 'Exact userName; case does not matter',
			},
		]),
		simplifyToggle(USER_SHAPE),
	],
	run: { perItem: getAllUsers },
};
