import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { booleanEquals, listMatching, readListRequest, textEquals } from '../listParameters';
import type { FieldFilter } from '../listParameters';
import { simplifyUser } from '../simplify';
import type { ScimUser } from '../types';

export async function getAllUsers(item: ItemContext): Promise<IDataObject[]> {
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
	return parameter(item, 'simplify', true) ? users.map(simplifyUser) : users;
}
