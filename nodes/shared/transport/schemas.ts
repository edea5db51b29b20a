import { NodeApiError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { ScimConnection } from './connection';
import { passOn } from './errors';
import { scimRequest } from './request';

/** What /Schemas answered: the schemas it lists, or why there are none (it is optional). */
export type SchemasAnswer = { schemas: IDataObject[] } | { notServed: string };

/** The schemas in an answer: a ListResponse's Resources, a bare list, or one schema alone. */
function schemasIn(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!body || typeof body !== 'object') return [];
	const resources = (body as IDataObject).Resources;
	if (Array.isArray(resources)) return resources as IDataObject[];
	return typeof (body as IDataObject).id === 'string' ? [body as IDataObject] : [];
}

async function read(connection: ScimConnection): Promise<SchemasAnswer> {
	try {
		const body = await scimRequest<IDataObject>(connection, { method: 'GET', path: '/Schemas' });
		return body ? { schemas: schemasIn(body) } : { notServed: 'answered without a body' };
	} catch (error) {
		// A wrong credential must surface as itself; a missing /Schemas just says nothing.
		if (error instanceof NodeApiError && (error.httpCode === '401' || error.httpCode === null))
			throw passOn(connection.ctx.getNode(), error);
		return { notServed: (error as Error).message ?? String(error) };
	}
}

/** The service's /Schemas, asked for at most once per execution. */
export async function schemasOf(connection: ScimConnection): Promise<SchemasAnswer> {
	connection.memo.schemas ??= read(connection);
	return await connection.memo.schemas;
}

/** An attribute as the service's /Schemas define it; undefined where they do not, or are not served. */
async function definitionOf(
	connection: ScimConnection,
	schemaId: string,
	attribute: string,
): Promise<IDataObject | undefined> {
	const answer = await schemasOf(connection);
	if (!('schemas' in answer)) return undefined;
	const schema = answer.schemas.find((entry) => entry?.id === schemaId);
	const attributes = Array.isArray(schema?.attributes) ? (schema.attributes as IDataObject[]) : [];
	return attributes.find(
		(entry) =>
			typeof entry?.name === 'string' && entry.name.toLowerCase() === attribute.toLowerCase(),
	);
}

/** Whether one of an attribute's characteristics is among `yes` (RFC 7643 §7, `fallback` where not said). */
async function characteristic(
	connection: ScimConnection,
	schemaId: string,
	attribute: string,
	{ name, fallback, yes }: { name: 'returned' | 'mutability'; fallback: string; yes: string[] },
): Promise<boolean | undefined> {
	const defined = await definitionOf(connection, schemaId, attribute);
	if (!defined) return undefined;
	const value =
		typeof defined[name] === 'string' ? (defined[name] as string).toLowerCase() : fallback;
	return yes.includes(value);
}

/**
 * Whether the service returns an attribute of a schema unless asked not to (`returned`
 * `always` or `default`, `default` where not said); undefined where its /Schemas do not
 * define the attribute, or are not served.
 */
export const returnedByDefault = async (
	connection: ScimConnection,
	schemaId: string,
	attribute: string,
) =>
	await characteristic(connection, schemaId, attribute, {
		name: 'returned',
		fallback: 'default',
		yes: ['always', 'default'],
	});

/**
 * Whether a client may change an attribute on an existing resource (`mutability`
 * `readWrite` or `writeOnly`, `readWrite` where not said); undefined where its /Schemas do
 * not define the attribute, or are not served.
 */
export const changeable = async (connection: ScimConnection, schemaId: string, attribute: string) =>
	await characteristic(connection, schemaId, attribute, {
		name: 'mutability',
		fallback: 'readwrite',
		yes: ['readwrite', 'writeonly'],
	});
