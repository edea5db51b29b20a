import type { IDataObject } from 'n8n-workflow';

import { passOn } from '../errors';
import { createOnce } from '../createOnce';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { findGroupsByDisplayName } from '../lookup';
import { scimRequest } from '../transport';
import { ENDPOINT, SCHEMA } from '../types';
import type { ScimGroup } from '../types';
import { checkGroupName, isNameTaken, nameTakenError } from './names';

export async function createGroup(item: ItemContext): Promise<IDataObject> {
	const { input, connection } = item;
	const displayName = input.requiredText('Display Name', parameter(item, 'displayName'));
	checkGroupName(item, 'Display Name', displayName);
	const extra = parameter<IDataObject>(item, 'additionalFields', {});
	const externalId = input.optionalText('External ID', extra.externalId);

	const body: IDataObject = { schemas: [SCHEMA.group], displayName };
	if (externalId !== undefined) body.externalId = externalId;
	// A taken name is answered as such before any lost-answer handling: LeadIQ reports it as a 500.
	const post = async () => {
		try {
			return await scimRequest<ScimGroup>(connection, {
				method: 'POST',
				path: ENDPOINT.Group,
				body,
			});
		} catch (error) {
			if (isNameTaken(item, error)) nameTakenError(item, 'Display Name', displayName);
			throw passOn(connection.ctx.getNode(), error);
		}
	};
	const created = await createOnce(
		connection.ctx.getNode(),
		post,
		async () => (await findGroupsByDisplayName(connection, displayName))[0],
	);
	if (created?.id) return created;
	const [found] = await findGroupsByDisplayName(connection, displayName);
	if (found) return found;
	return input.fail(
		'Display Name',
		'was sent, but the service answered without the new group',
		'Check the service for this group before running the node again.',
	);
}
