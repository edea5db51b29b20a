import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { hasStatus, passOn } from '../../transport/errors';
import {
	applyChanges,
	readAttribute,
	topLevelAttribute,
	withoutSchemas,
} from '../../scim/attributes';
import type { AttributeChange } from '../../scim/attributes';
import { movingTotal } from '../../scim/list';
import { createOnce, findUsersByUserName } from '../../scim/resources';
import { parameter } from '../item';
import type { ItemContext } from '../item';
import { scimRequest } from '../../transport/request';
import { ENDPOINT, SCHEMA } from '../../scim/types';
import type { ScimUser } from '../../scim/types';
import { updateUserAttributes } from '../../scim/update';
import { unconfirmedConflict } from '../conflict';
import type { Operation } from '../operation';
import {
	checkUserName,
	checkWholeName,
	label,
	readUserChanges,
	updatableOnly,
	userFieldCollection,
} from './fields';

export type IfUserExists = 'error' | 'returnExisting' | 'update';

/** The service said the user exists: by a refusal (409), or by Leapsome's empty 201. */
interface Refused {
	refusal?: unknown;
}

/** On a dry run, the id a new user stands under until the service would give it one. */
export const PLANNED_ID = 'id-given-on-create';

/**
 * The one user with this userName. A service that compares userNames case-sensitively can
 * hold two that differ only in case: then which one is meant is not known, and the item
 * fails naming both rather than answer with somebody else.
 */
async function findUser(item: ItemContext, userName: string): Promise<ScimUser | undefined> {
	const users = await findUsersByUserName(item.connection, userName);
	if (users.length > 1) {
		item.input.fail(
			'User Name',
			`matches ${users.length} users (${users.map((user) => `${JSON.stringify(user.userName)} with ID ${JSON.stringify(user.id)}`).join(', ')}): the service tells userNames apart by case, so which one is meant is not known`,
			'Check these users in the service; the node never answers with one of them in the dark.',
		);
	}
	return users[0];
}

/** A value the service answered for one that was sent: a reference (the manager) counts when it is set. */
function kept(sent: unknown, answered: unknown): boolean {
	if (answered && typeof answered === 'object' && !Array.isArray(answered)) {
		const reference = answered as IDataObject;
		return !!(reference.managerId ?? reference.value);
	}
	return JSON.stringify(answered) === JSON.stringify(sent);
}

/**
 * Writes what the service does not take on creation (Leapsome: enterprise and custom
 * attributes) in a second request, and checks in its answer that it kept them.
 */
async function completeCreated(
	item: ItemContext,
	created: ScimUser,
	rest: AttributeChange[],
): Promise<ScimUser> {
	if (rest.length === 0) return created;
	const { connection } = item;
	const vendor = connection.profile.identity.displayName;
	const labels = (changes: AttributeChange[]) =>
		changes.map(({ path }) => label(connection.profile.users.fields.create, path)).join(', ');
	const again =
		'The user exists now: fix the value and run again with “If User Exists” set to “Update Existing”.';
	let updated: ScimUser;
	try {
		updated = (await updateUserAttributes(connection, created, rest)) ?? created;
	} catch (error) {
		return item.input.fail(
			'Additional Fields',
			`could not all be set: ${vendor} created the user (ID ${JSON.stringify(created.id)}), then refused ${labels(rest)}: ${(error as Error).message}`,
			again,
		);
	}
	const lost = rest.filter(({ path, value }) => !kept(value, readAttribute(updated, path)));
	if (lost.length > 0) {
		item.input.fail(
			'Additional Fields',
			`were not all kept: ${vendor} created the user (ID ${JSON.stringify(created.id)}) but did not keep ${labels(lost)}`,
			again,
		);
	}
	return updated;
}

/** POSTs the user; answers the created user, or what the service said when it refused it as existing. */
async function postUser(
	item: ItemContext,
	userName: string,
	body: IDataObject,
): Promise<ScimUser | Refused> {
	const { connection } = item;
	if (connection.planned) {
		// A dry run cannot learn from a 409 that the user exists: it looks first.
		if (await findUser(item, userName)) return {};
		const planned = { ...withoutSchemas(body), id: PLANNED_ID } as ScimUser;
		await scimRequest(connection, {
			method: 'POST',
			path: ENDPOINT.User,
			body,
			dryRunAnswer: planned,
		});
		return planned;
	}
	try {
		const created = await createOnce(
			connection.ctx.getNode(),
			async () =>
				await movingTotal(
					connection,
					'User',
					async () =>
						await scimRequest<ScimUser>(connection, { method: 'POST', path: ENDPOINT.User, body }),
				),
			async () => await findUser(item, userName),
		);
		if (created?.id) return created;
	} catch (error) {
		if (hasStatus(error, 409)) return { refusal: error };
		throw passOn(connection.ctx.getNode(), error);
	}
	if (connection.profile.users.emptyCreateAnswerMeansExists) return {};
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
	checkWholeName(item, user, changes);
	return (await updateUserAttributes(item.connection, user, changes)) ?? user;
}

async function createUser(item: ItemContext): Promise<IDataObject> {
	const { input, connection } = item;
	const userName = input.requiredText('User Name', parameter(item, 'userName'));
	checkUserName(item, userName);
	const fields = connection.profile.users.fields.create;
	const changes = readUserChanges(item, 'additionalFields', fields).filter((change) => {
		// An Email that is the userName (Leapsome) must be the User Name given.
		if (change.path !== 'userName') return true;
		if (String(change.value).toLowerCase() !== userName.toLowerCase()) {
			input.fail(
				label(fields, 'userName'),
				`must be the same as the User Name here, since ${connection.profile.identity.displayName}’s email is the userName`,
				'Leave the email empty, or give the same address as User Name.',
			);
		}
		return false;
	});
	const ifUserExists = parameter<IfUserExists>(item, 'ifUserExists', 'error');
	const { user, created } = await createAccount(item, userName, changes, ifUserExists);
	const outcome = created ? 'created' : ifUserExists === 'update' ? 'updated' : 'alreadyExists';
	return { outcome, ...(created && user.id === PLANNED_ID ? { ...user, id: null } : user) };
}

/**
 * Creates a user with these attributes, or, where one with this userName exists, fails
 * or answers it (`ifUserExists`). On a dry run the new user stands under a planned id.
 */
export async function createAccount(
	item: ItemContext,
	userName: string,
	changes: AttributeChange[],
	ifUserExists: IfUserExists,
): Promise<{ user: ScimUser; created: boolean }> {
	const { input, connection } = item;
	const fields = connection.profile.users.fields.create;
	// A vendor that documents only some attributes on creation gets those, and the rest right after.
	const { createAttributes } = connection.profile.users;
	const inPost = createAttributes
		? changes.filter(({ path }) => createAttributes.includes(topLevelAttribute(path)))
		: changes;
	const body = applyChanges<IDataObject>(
		createAttributes ? { userName } : { schemas: [SCHEMA.user], userName },
		inPost,
	);
	const result = await postUser(item, userName, body);
	if ('id' in result) {
		const rest = changes.filter((change) => !inPost.includes(change));
		return { user: await completeCreated(item, result, rest), created: true };
	}
	// A refusal says some unique value is taken, not which one: the userName only if a user has it.
	const existing = await findUser(item, userName);
	if (!existing) {
		return unconfirmedConflict(
			item,
			'User Name',
			`userName ${JSON.stringify(userName)}`,
			result.refusal,
			fields.map((field) => ({ label: field.displayName, names: [field.name, field.path] })),
		);
	}
	if (ifUserExists === 'error') {
		input.fail(
			'User Name',
			`is taken: a user with userName ${JSON.stringify(userName)} already exists`,
			'Set “If User Exists” to “Return Existing” or “Update Existing” to carry on with that user.',
		);
	}
	if (ifUserExists !== 'update') return { user: existing, created: false };
	const updated = await updateExisting(item, existing, updatableOnly(connection.profile, changes));
	return { user: updated, created: false };
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
	write: {},
};
