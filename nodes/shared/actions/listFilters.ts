import type { IDataObject } from 'n8n-workflow';

import { equals } from '../scim/filter';
import { listResources } from '../scim/list';
import type { ResourceType, ScimResource } from '../scim/types';
import { hasStatus, passOn } from '../transport/errors';
import { flag, parameter } from './item';
import type { ItemContext } from './item';

/**
 * A structured filter: sent to the service where it can filter on the attribute (as
 * `clause`, when it has one worth sending), and always checked again here.
 */
export interface FieldFilter {
	attribute: string;
	clause?: string;
	accepts: (resource: IDataObject) => boolean;
}

interface ListRequest {
	type: ResourceType;
	/** What the service is asked to filter on, and whether the node wrote it (else the user did). */
	filter?: { clause: string; ours: boolean };
	/** How many to list: all when some filter can only be applied here. */
	listLimit?: number;
	limit?: number;
	accepts: (resource: IDataObject) => boolean;
}

function readLimit(item: ItemContext): number | undefined {
	if (flag(item, 'returnAll', 'Return All', false)) return undefined;
	const limit = parameter(item, 'limit', 50);
	if (!Number.isInteger(limit) || limit < 1) {
		item.input.fail(
			'Limit',
			`must be a whole number of at least 1, not ${JSON.stringify(limit)}`,
			'Set Limit to 1 or more, or turn on Return All.',
		);
	}
	return limit;
}

/**
 * Reads Return All, Limit and the Filters collection shared by the "Get Many" operations.
 * The service gets one clause at most, the most selective it understands (filters come
 * most selective first): real services answer compound filters wrongly, an empty list
 * that cannot be trusted, and some refuse an unquoted boolean. A raw filter the user
 * wrote goes alone. Everything else is matched here.
 */
export function readListRequest(
	item: ItemContext,
	type: ResourceType,
	fieldFilters: (filters: IDataObject) => FieldFilter[],
): ListRequest {
	const limit = readLimit(item);
	const filters = parameter<IDataObject>(item, 'filters', {});
	const structured = fieldFilters(filters);
	const raw = item.input.optionalText('Raw SCIM Filter', filters.filter);
	const filterable = item.connection.profile.protocol.filterableAttributes?.[type];
	const [sent] = structured.filter(
		(filter) => filter.clause && (!filterable || filterable.includes(filter.attribute)),
	);
	const filter = raw
		? { clause: raw, ours: false }
		: sent?.clause
			? { clause: sent.clause, ours: true }
			: undefined;
	const alone = structured.length === (raw || !sent ? 0 : 1);
	return {
		type,
		filter,
		listLimit: alone ? limit : undefined,
		limit,
		accepts: (resource) => structured.every((filter) => filter.accepts(resource)),
	};
}

/**
 * Lists what a "Get Many" asked for: filtered by the service where it can, and always
 * here. A filter of the node's own that the service refuses (400) is dropped: everything
 * is listed and matched here instead.
 */
export async function listMatching<T extends ScimResource>(
	item: ItemContext,
	request: ListRequest,
): Promise<T[]> {
	const purpose = '“Get Many” with these filters';
	let listed: T[];
	try {
		listed = await listResources<T>(item.connection, request.type, {
			purpose,
			filter: request.filter?.clause,
			limit: request.listLimit,
		});
	} catch (error) {
		if (!request.filter?.ours || !hasStatus(error, 400)) throw passOn(item.ctx.getNode(), error);
		listed = await listResources<T>(item.connection, request.type, { purpose });
	}
	const matching = listed.filter(request.accepts);
	return request.limit === undefined ? matching : matching.slice(0, request.limit);
}

/** Case-insensitive equality on a text attribute (userName, displayName). */
export function textEquals(attribute: string, value: string, caseExact = false): FieldFilter {
	const wanted = caseExact ? value : value.toLowerCase();
	return {
		attribute,
		clause: equals(attribute, value),
		accepts: (resource) => {
			const actual = resource[attribute];
			return typeof actual === 'string' && (caseExact ? actual : actual.toLowerCase()) === wanted;
		},
	};
}

/** Equality on a boolean, matched here only: some services refuse `active eq false` unquoted, as RFC 7644 writes it. */
export function booleanEquals(attribute: string, value: boolean): FieldFilter {
	return {
		attribute,
		accepts: (resource) => (resource[attribute] ?? true) === value,
	};
}
