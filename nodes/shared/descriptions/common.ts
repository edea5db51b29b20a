import type { INodeProperties } from 'n8n-workflow';

/** Return All and Limit, as every "Get Many" has them. */
export const listControls: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export function simplifyToggle(shape: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data (${shape})`,
	};
}

export const ignoreNotFoundToggle: INodeProperties = {
	displayName: 'Ignore Not Found',
	name: 'ignoreNotFound',
	type: 'boolean',
	default: false,
	description:
		'Whether a user or group that does not exist gives outcome “notFound” instead of an error, so offboarding a person who never had an account succeeds',
};

/** The Filters collection of a "Get Many". */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** A raw SCIM filter, offered only where the service filters on any attribute. */
export function rawFilterField(placeholder: string): INodeProperties {
	return {
		displayName: 'Raw SCIM Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder,
		description:
			'A SCIM filter expression (RFC 7644 §3.4.2.2), combined with the other filters by “and”',
	};
}
