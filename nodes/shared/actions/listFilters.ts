import type { IDataObject } from 'n8n-workflow';

import { allOf, equals } from '../scim/filter';
import { parameter } from './item';
import type { ItemContext } from './item';
import { listResources } from '../scim/list';
import type { ResourceType, ScimResource } from '../scim/types';

/** A structured filter: sent to the service where it can filter on the attribute, and always checked again here. */
export interface FieldFilter {
	attribute: string;
	clause: string;
	accepts: (resource: IDataObject) => boolean;
}

interface ListRequest {
	type: ResourceType;
	/** What the service is asked to filter on. */
	filter?: string;
	/** How many to list: all when some filter can only be applied here. */
	listLimit?: number;
	limit?: number;
	accepts: (resource: IDataObject) => boolean;
}

/** Reads Return All, Limit and the Filters collection shared by the "Get Many" operations. */
export function readListRequest(
	item: ItemContext,
	type: ResourceType,
	fieldFilters: (filters: IDataObject) => FieldFilter[],
): ListRequest {
	const returnAll = parameter(item, 'returnAll', false);
	let limit: number | undefined;
	if (!returnAll) {
		limit = parameter(item, 'limit', 50);
		if (!Number.isInteger(limit) || limit < 1) {
			item.input.fail(
				'Limit',
				`must be a whole number of at least 1, not ${JSON.stringify(limit)}`,
				'Set Limit to 1 or more, or turn on Return All.',
			);
		}
	}
	const filters = parameter<IDataObject>(item, 'filters', {});
	const structured = fieldFilters(filters);
	const raw = item.input.optionalText('Raw SCIM Filter', filters.filter);
	// A service that filters on a few attributes only takes one `eq` clause; the rest is matched here.
	const filterable = item.connection.profile.protocol.filterableAttributes?.[type];
	const sent = filterable
		? structured.filter((filter) => filterable.includes(filter.attribute)).slice(0, 1)
		: structured;
	return {
		type,
		filter: allOf([...sent.map((filter) => filter.clause), raw]),
		listLimit: sent.length === structured.length ? limit : undefined,
		limit,
		accepts: (resource) => structured.every((filter) => filter.accepts(resource)),
	};
}

/** Lists what a "Get Many" asked for: filtered by the service where it can, and always here. */
export async function listMatching<T extends ScimResource>(
	item: ItemContext,
	request: ListRequest,
): Promise<T[]> {
	const listed = await listResources<T>(item.connection, request.type, {
		filter: request.filter,
		limit: request.listLimit,
	});
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

export function booleanEquals(attribute: string, value: boolean): FieldFilter {
	return {
		attribute,
		clause: equals(attribute, value),
		accepts: (resource) => (resource[attribute] ?? true) === value,
	};
}
