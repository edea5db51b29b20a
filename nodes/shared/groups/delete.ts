import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { readLocator } from '../locate';
import { deleteResource } from '../remove';

export async function deleteGroup(item: ItemContext): Promise<IDataObject> {
	return await deleteResource(
		item,
		'Group',
		readLocator(item.input, 'Group', parameter(item, 'groupId')),
	);
}
