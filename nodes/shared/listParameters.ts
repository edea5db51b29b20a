import type { IDataObject } from 'n8n-workflow';

import { allOf, equals } from './filter';
import { parameter } from './item';
import type { ItemContext } from './item';

/** A structured filter: sent to the service, and checked again on what comes back. */
export interface FieldFilter {
	clause: string;
	accepts: (resource: IDataObject) => boolean;
}

export interface ListRequest {
	limit?: number;
	filter?: string;
	accepts: (resource: IDataObject) => boolean;
}

/** Reads Return All, Limit and the Filters collection shared by the "Get Many" operations. */
export function readListRequest(
	item: ItemContext,
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
	return {
		limit,
		filter: allOf([...structured.map((filter) => filter.clause), raw]),
		accepts: (resource) => structured.every((filter) => filter.accepts(resource)),
	};
}

/** Case-insensitive equality on a text attribute (userName, displayName). */
export function textEquals(attribute: string, value: string, caseExact = false): FieldFilter {
	const wanted = caseExact ? value : value.toLowerCase();
	return {
		clause: equals(attribute, value),
		accepts: (resource) => {
			const actual = resource[attribute];
			return typeof actual === 'string' && (caseExact ? actual : actual.toLowerCase()) === wanted;
		},
	};
}

export function booleanEquals(attribute: string, value: boolean): FieldFilter {
	return {
		clause: equals(attribute, value),
		accepts: (resource) => (resource[attribute] ?? true) === value,
	};
}
