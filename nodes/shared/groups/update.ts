import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateGroup, notFoundError, readLocator } from '../locate';
import { hasStatus } from '../lookup';
import type { ScimGroup } from '../types';
import { updateResource } from '../update';

/** Renames a group. */
export async function updateGroup(item: ItemContext): Promise<IDataObject> {
	const { input, connection } = item;
	const locator = readLocator(input, 'Group', parameter(item, 'groupId'));
	const displayName = input.requiredText('New Display Name', parameter(item, 'displayName'));
	const group = await locateGroup(connection, input, locator);
	if (!group) throw notFoundError(connection, item.itemIndex, 'group', locator);
	try {
		const updated = await updateResource<ScimGroup>(
			connection,
			'Group',
			group.id,
			{
				operations: [{ op: 'replace', path: 'displayName', value: displayName }],
				applyTo: (resource) => ({ ...resource, displayName }),
			},
			group,
		);
		if (!updated) throw notFoundError(connection, item.itemIndex, 'group', locator);
		return updated;
	} catch (error) {
		if (!hasStatus(error, 409)) throw error;
		return input.fail(
			'New Display Name',
			`is taken: a group named ${JSON.stringify(displayName)} already exists`,
			'Choose another name.',
		);
	}
}
