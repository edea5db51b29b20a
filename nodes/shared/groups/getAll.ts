import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { listMatching, readListRequest, textEquals } from '../listParameters';
import { simplifyGroup } from '../simplify';
import type { ScimGroup } from '../types';

export async function getAllGroups(item: ItemContext): Promise<IDataObject[]> {
	const request = readListRequest(item, 'Group', (filters) => {
		const displayName = item.input.optionalText('Display Name', filters.displayName);
		return displayName === undefined ? [] : [textEquals('displayName', displayName)];
	});
	const groups = await listMatching<ScimGroup>(item, request);
	return parameter(item, 'simplify', true) ? groups.map(simplifyGroup) : groups;
}
