import type { IDataObject } from 'n8n-workflow';

import { passOn } from '../errors';
import { applyChanges, userChange } from '../attributes';
import type { AttributeChange } from '../attributes';
import { createOnce } from '../createOnce';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { findUsersByUserName, hasStatus } from '../lookup';
import { scimRequest } from '../transport';
import { ENDPOINT, SCHEMA } from '../types';
import type { ScimUser } from '../types';
import { updateResource } from '../update';
import { checkUserName, readUserChanges, updatableOnly } from './fields';

export type IfUserExists = 'error' | 'returnExisting' | 'update';

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
	if (connection.profile.emptyCreateAnswerMeansExists) return EXISTS;
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

export async function createUser(item: ItemContext): Promise<IDataObject> {
	const { input, connection } = item;
	const userName = input.requiredText('User Name', parameter(item, 'userName'));
	checkUserName(item, userName);
	const changes = readUserChanges(item, 'additionalFields', connection.profile.userFields.create);
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
