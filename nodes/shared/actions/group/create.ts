import type { IDataObject } from 'n8n-workflow';

import { passOn } from '../../transport/errors';
import { movingTotal } from '../../scim/list';
import { createOnce, findGroupsByDisplayName } from '../../scim/resources';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { scimRequest } from '../../transport/request';
import { withoutSchemas } from '../../scim/attributes';
import { ENDPOINT, SCHEMA } from '../../scim/types';
import { withResourceLock } from '../../scim/update';
import type { ScimGroup } from '../../scim/types';
import type { Operation } from '../operation';
import { checkGroupName, isNameTaken, nameTakenError, refusedAsDuplicate } from './names';

async function createGroup(item: ItemContext): Promise<IDataObject> {
	const { input } = item;
	const displayName = input.requiredText('Display Name', parameter(item, 'displayName'));
	checkGroupName(item, 'Display Name', displayName);
	const extra = parameter<IDataObject>(item, 'additionalFields', {});
	const externalId = input.optionalText('External ID', extra.externalId);
	return { outcome: 'created', ...(await createNamedGroup(item, displayName, externalId)) };
}

/** Creates a group with this name; a name another group has fails the item. */
export async function createNamedGroup(
	item: ItemContext,
	displayName: string,
	externalId?: string,
): Promise<ScimGroup> {
	const { connection } = item;
	const body: IDataObject = { schemas: [SCHEMA.group], displayName };
	if (externalId !== undefined) body.externalId = externalId;
	// One create of a name at a time in this process, so the look-up before it stays true.
	return await withResourceLock(
		connection,
		'Group',
		`name:${displayName.toLowerCase()}`,
		async () => await postGroup(item, displayName, body),
	);
}

async function postGroup(
	item: ItemContext,
	displayName: string,
	body: IDataObject,
): Promise<ScimGroup> {
	const { connection } = item;
	// Where a taken name comes back as a server error (LeadIQ), it is looked up first: then a
	// taken name is "taken" whatever the error says, and a group found after a lost answer is
	// ours. A dry run, which learns nothing from an answer, looks first too.
	const lookFirst = !!connection.profile.groups.duplicateNameDetail || !!connection.planned;
	if (lookFirst && (await findGroupsByDisplayName(connection, displayName)).length)
		nameTakenError(item, 'Display Name', displayName);
	if (connection.planned) {
		const planned = { ...withoutSchemas(body), id: null };
		await scimRequest(connection, {
			method: 'POST',
			path: ENDPOINT.Group,
			body,
			dryRunAnswer: planned,
		});
		return planned as unknown as ScimGroup;
	}
	const post = async () => {
		try {
			return await movingTotal(
				connection,
				'Group',
				async () =>
					await scimRequest<ScimGroup>(connection, { method: 'POST', path: ENDPOINT.Group, body }),
			);
		} catch (error) {
			if (isNameTaken(item, error))
				return await refusedAsDuplicate(item, 'Display Name', displayName, error);
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
	return item.input.fail(
		'Display Name',
		'was sent, but the service answered without the new group',
		'Check the service for this group before running the node again.',
	);
}

export const create: Operation = {
	name: 'Create',
	action: 'Create a group',
	description: 'Create a group',
	properties: () => [
		{
			displayName: 'Display Name',
			name: 'displayName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Sales EMEA',
			description: 'Name of the new group',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'External ID',
					name: 'externalId',
					type: 'string',
					default: '',
					description: 'Your identifier for the group',
				},
			],
		},
	],
	run: { perItem: createGroup },
	write: {},
};
