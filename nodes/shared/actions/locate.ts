import { NodeOperationError } from 'n8n-workflow';
import type { INodeParameterResourceLocator } from 'n8n-workflow';

import type { ScimConnection } from '../transport/connection';
import type { InputReader } from './input';
import { findGroupsByDisplayName, findUsersByUserName, getById } from '../scim/resources';
import type { ScimGroup, ScimResource, ScimUser } from '../scim/types';

/** What a resource locator asked for: by SCIM id, or by the resource's unique name. */
export interface Locator {
	by: 'id' | 'name';
	value: string;
}

interface LocatorKind<T extends ScimResource> {
	noun: 'user' | 'group';
	nameAttribute: string;
	findByName: (connection: ScimConnection, name: string) => Promise<T[]>;
	type: 'User' | 'Group';
}

const USER: LocatorKind<ScimUser> = {
	noun: 'user',
	nameAttribute: 'userName',
	findByName: findUsersByUserName,
	type: 'User',
};
const GROUP: LocatorKind<ScimGroup> = {
	noun: 'group',
	nameAttribute: 'displayName',
	findByName: findGroupsByDisplayName,
	type: 'Group',
};

/**
 * Reads a resource locator parameter. Modes `list` and `id` carry the SCIM id;
 * `userName` and `displayName` carry the name. A plain string (as an AI tool or
 * an older workflow may send) is taken as an id.
 */
export function readLocator(input: InputReader, field: string, raw: unknown): Locator {
	const locator = (
		raw && typeof raw === 'object' ? raw : { mode: 'id', value: raw }
	) as INodeParameterResourceLocator;
	const byName = locator.mode === 'userName' || locator.mode === 'displayName';
	return byName
		? { by: 'name', value: input.requiredText(field, locator.value) }
		: { by: 'id', value: input.resourceId(field, locator.value) };
}

async function locate<T extends ScimResource>(
	connection: ScimConnection,
	input: InputReader,
	kind: LocatorKind<T>,
	locator: Locator,
): Promise<T | undefined> {
	if (locator.by === 'id') return await getById<T>(connection, kind.type, locator.value);
	const matches = await kind.findByName(connection, locator.value);
	if (matches.length > 1) {
		input.fail(
			kind.noun,
			`matches ${matches.length} ${kind.noun}s with ${kind.nameAttribute} ${JSON.stringify(locator.value)}`,
			`Select the ${kind.noun} by ID instead.`,
		);
	}
	return matches[0];
}

export async function locateUser(connection: ScimConnection, input: InputReader, locator: Locator) {
	return await locate(connection, input, USER, locator);
}

export async function locateGroup(
	connection: ScimConnection,
	input: InputReader,
	locator: Locator,
) {
	return await locate(connection, input, GROUP, locator);
}

function describeLocator(noun: 'user' | 'group', locator: Locator): string {
	const attribute = noun === 'user' ? 'userName' : 'displayName';
	return locator.by === 'id'
		? `${noun} with ID ${JSON.stringify(locator.value)}`
		: `${noun} with ${attribute} ${JSON.stringify(locator.value)}`;
}

export function notFoundError(
	connection: ScimConnection,
	itemIndex: number,
	noun: 'user' | 'group',
	locator: Locator,
	canBeIgnored = false,
) {
	const ignoreHint = canBeIgnored
		? ', or turn on “Ignore Not Found” to get outcome “notFound” instead of an error'
		: '';
	return new NodeOperationError(
		connection.ctx.getNode(),
		`Item ${itemIndex + 1}: no ${describeLocator(noun, locator)} exists in ${connection.profile.identity.displayName}`,
		{ itemIndex, description: `Check the ${noun} selected${ignoreHint}.` },
	);
}
