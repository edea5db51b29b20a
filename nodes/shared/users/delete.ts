import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { readLocator } from '../locate';
import { deleteResource } from '../remove';

export async function deleteUser(item: ItemContext): Promise<IDataObject> {
	return await deleteResource(
		item,
		'User',
		readLocator(item.input, 'User', parameter(item, 'userId')),
	);
}
