import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export function show(resource: string, operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

export function listControls(resource: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show(resource, ['getAll']),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: ['getAll'], returnAll: [false] } },
		},
	];
}

export function simplifyToggle(resource: string, shape: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data (${shape})`,
		displayOptions: show(resource, ['get', 'getAll']),
	};
}

export function ignoreNotFoundToggle(resource: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Ignore Not Found',
		name: 'ignoreNotFound',
		type: 'boolean',
		default: false,
		description:
			'Whether a user or group that does not exist gives outcome “notFound” instead of an error, so offboarding a person who never had an account succeeds',
		displayOptions: show(resource, operations),
	};
}

export const nodeOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			default: 5,
			typeOptions: { minValue: 1, maxValue: 50 },
			description:
				'How many items send requests at the same time (an item whose group change waits in line behind others does not count). The output keeps the input order either way.',
		},
	],
};
