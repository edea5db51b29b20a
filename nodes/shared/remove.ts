import type { IDataObject } from 'n8n-workflow';

import { passOn } from './errors';
import type { ItemContext } from './item';
import type { Locator } from './locate';
import { locateGroup, locateUser } from './locate';
import { hasStatus } from './lookup';
import { notFoundOutcome } from './outcome';
import { resourcePath, scimRequest } from './transport';
import { ENDPOINT } from './types';
import type { ResourceType } from './types';

/** DELETE a user or group; a resource that is already gone is "notFound" (or an error). */
export async function deleteResource(
	item: ItemContext,
	type: ResourceType,
	locator: Locator,
): Promise<IDataObject> {
	const noun = type === 'User' ? 'user' : 'group';
	let id = locator.value;
	if (locator.by === 'name') {
		const found = await (type === 'User' ? locateUser : locateGroup)(
			item.connection,
			item.input,
			locator,
		);
		if (!found) return notFoundOutcome(item, noun, locator);
		id = found.id;
	}
	try {
		await scimRequest(item.connection, {
			method: 'DELETE',
			path: resourcePath(ENDPOINT[type], id),
		});
	} catch (error) {
		if (hasStatus(error, 404)) return notFoundOutcome(item, noun, locator);
		throw passOn(item.ctx.getNode(), error);
	}
	return { outcome: 'deleted', resourceType: type, id };
}
