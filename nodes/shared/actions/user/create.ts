import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { hasStatus, passOn } from '../../transport/errors';
import { applyChanges, userChange } from '../../scim/attributes';
import type { AttributeChange } from '../../scim/attributes';
import { createOnce, findUsersByUserName } from '../../scim/resources';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { scimRequest } from '../../transport/request';
import { ENDPOINT, SCHEMA } from '../../scim/types';
import type { ScimUser } from '../../scim/types';
import { updateResource } from '../../scim/update';
import type { Operation } from '../operation';
import { checkUserName, readUserChanges, updatableOnly, userFieldCollection } from './fields';

type IfUserExists = 'error' | 'returnExisting' | 'update';

const EXISTS = 'exists';

async function findUser(item: ItemContext, userName: string): Promise<ScimUser | undefined> {
	const [user] = await findUsersByUserName(item.connection, userName);
	return user;
}

/** POSTs the user; answers the created user, or EXISTS when the service says the userName is taken. */
async function postUser(
	item: ItemContext,
	userName: string,
	body: IDataObject,
): Promise<ScimUser | typeof EXISTS> {
	const { connection } = item;
	try {
		const created = await createOnce(
			connection.ctx.getNode(),
			async () =>
				await scimRequest<ScimUser>(connection, { method: 'POST', path: ENDPOINT.User, body }),
			async () => await findUser(item, userName),
		);
		if (created?.id) return created;
	} catch (error) {
		if (hasStatus(error, 409)) return EXISTS;
		throw passOn(connection.ctx.getNode(), error);
	}
	if (connection.profile.users.emptyCreateAnswerMeansExists) return EXISTS;
	// Created, but the answer carried no resource: read it back.
	const created = await findUser(item, userName);
	if (created) return created;
	return item.input.fail(
		'User Name',
		`was sent, but the service answered without a user and none with userName ${JSON.stringify(userName)} can be found`,
		'Check the service for this user before running the node again.',
	);
}

async function updateExisting(
	item: ItemContext,
	user: ScimUser,
	changes: AttributeChange[],
): Promise<ScimUser> {
	if (changes.length === 0) return user;
	return (
		(await updateResource<ScimUser>(item.connection, 'User', user, userChange(changes))) ?? user
	);
}

async function createUser(item: ItemContext): Promise<IDataObject> {
	const { input, connection } = item;
	const userName = input.requiredText('User Name', parameter(item, 'userName'));
	checkUserName(item, userName);
	const changes = readUserChanges(item, 'additionalFields', connection.profile.users.fields.create);
	const ifUserExists = parameter<IfUserExists>(item, 'ifUserExists', 'error');

	const body = applyChanges<IDataObject>({ schemas: [SCHEMA.user], userName }, changes);
	const result = await postUser(item, userName, body);
	if (result !== EXISTS) return result;

	if (ifUserExists === 'error') {
		input.fail(
			'User Name',
			`is taken: a user with userName ${JSON.stringify(userName)} already exists`,
			'Set “If User Exists” to “Return Existing” or “Update Existing” to carry on with that user.',
		);
	}
	const existing = await findUser(item, userName);
	if (!existing) {
		return input.fail(
			'User Name',
			`is taken according to the service, but no user with userName ${JSON.stringify(userName)} can be found`,
			'The userName may belong to a user the credential cannot see. Check the service’s admin console.',
		);
	}
	if (ifUserExists !== 'update') return existing;
	return await updateExisting(item, existing, updatableOnly(connection.profile, changes));
}

const IF_USER_EXISTS: INodeProperties = {
	displayName: 'If User Exists',
	name: 'ifUserExists',
	type: 'options',
	default: 'error',
	description: 'What to do when a user with this userName already exists',
	options: [
		{ name: 'Error', value: 'error', description: 'Fail the item' },
		{
			name: 'Return Existing',
			value: 'returnExisting',
			description: 'Output the existing user unchanged',
		},
		{
			name: 'Update Existing',
			value: 'update',
			description: 'Apply the fields above to the existing user and output it',
		},
	],
};

export const create: Operation = {
	name: 'Create',
	action: 'Create a user',
	description: 'Create a user account',
	properties: (profile) => [
		{
			displayName: 'User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. jane.doe@example.com',
			description: 'Unique sign-in name, usually the work email',
		},
		userFieldCollection(profile, 'additionalFields', profile.users.fields.create),
		IF_USER_EXISTS,
	],
	run: { perItem: createUser },
};
