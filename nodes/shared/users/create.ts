import type { IDataObject } from 'n8n-workflow';

import {
	applyChanges,
	readAttributeChanges,
	toPatchOperations,
	USER_ATTRIBUTES,
} from '../attributes';
import type { AttributeChange } from '../attributes';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { findUsersByUserName, hasStatus } from '../lookup';
import { scimRequest } from '../transport';
import { ENDPOINT, SCHEMA } from '../types';
import type { ScimUser } from '../types';
import { updateResource } from '../update';

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
	try {
		const created = await scimRequest<ScimUser>(item.connection, {
			method: 'POST',
			path: ENDPOINT.User,
			body,
		});
		if (created?.id) return created;
	} catch (error) {
		if (hasStatus(error, 409)) return EXISTS;
		throw error;
	}
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
	const change = {
		operations: toPatchOperations(changes),
		applyTo: (resource: ScimUser) => applyChanges(resource, changes),
	};
	return (await updateResource<ScimUser>(item.connection, 'User', user.id, change, user)) ?? user;
}

export async function createUser(item: ItemContext): Promise<IDataObject> {
	const { input } = item;
	const userName = input.requiredText('User Name', parameter(item, 'userName'));
	const changes = readAttributeChanges(
		input,
		USER_ATTRIBUTES,
		parameter<IDataObject>(item, 'additionalFields', {}),
	);
	const ifUserExists = parameter<IfUserExists>(item, 'ifUserExists', 'error');

	const result = await postUser(
		item,
		userName,
		applyChanges<IDataObject>({ schemas: [SCHEMA.user], userName }, changes),
	);
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
	return ifUserExists === 'update' ? await updateExisting(item, existing, changes) : existing;
}
