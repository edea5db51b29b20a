import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { findGroupsByDisplayName, hasStatus } from '../lookup';
import { scimRequest } from '../transport';
import { ENDPOINT, SCHEMA } from '../types';
import type { ScimGroup } from '../types';

export async function createGroup(item: ItemContext): Promise<IDataObject> {
	const { input, connection } = item;
	const displayName = input.requiredText('Display Name', parameter(item, 'displayName'));
	const extra = parameter<IDataObject>(item, 'additionalFields', {});
	const externalId = input.optionalText('External ID', extra.externalId);

	const body: IDataObject = { schemas: [SCHEMA.group], displayName, members: [] };
	if (externalId !== undefined) body.externalId = externalId;
	try {
		const created = await scimRequest<ScimGroup>(connection, {
			method: 'POST',
			path: ENDPOINT.Group,
			body,
		});
		if (created?.id) return created;
	} catch (error) {
		if (!hasStatus(error, 409)) throw error;
		input.fail(
			'Display Name',
			`is taken: a group named ${JSON.stringify(displayName)} already exists`,
			'Choose another name, or use the existing group.',
		);
	}
	const [found] = await findGroupsByDisplayName(connection, displayName);
	if (found) return found;
	return input.fail(
		'Display Name',
		'was sent, but the service answered without the new group',
		'Check the service for this group before running the node again.',
	);
}
