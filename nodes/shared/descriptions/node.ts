import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS, offeredOperations } from '../actions/operations';
import type { Resource } from '../actions/operations';
import type { Operation } from '../actions/operation';
import type { VendorProfile } from '../vendors/profile';
import { DEFAULT_CHANGE_LIMIT } from '../actions/safety';
import { DEFAULT_PARALLEL_REQUESTS } from '../transport/connection';

const RESOURCES: Array<{ name: string; value: Resource }> = [
	{ name: 'Group', value: 'group' },
	{ name: 'Service', value: 'service' },
	{ name: 'User', value: 'user' },
];

/** A resource's operation selector and each operation's own parameters, shown for it alone. */
function resourceProperties(profile: VendorProfile, resource: Resource): INodeProperties[] {
	const operations = offeredOperations(profile, resource);
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations.map(([value, { name, action, description }]) => ({
			name,
			value,
			action,
			description,
		})),
		default: 'get',
	};
	// A resource without Get (the service's Check) starts at its first operation.
	const offersGet = operations.some(([value]) => value === 'get');
	return [
		offersGet ? selector : { ...selector, default: operations[0][0] },
		...operations.flatMap(([value, operation]) =>
			updateDisplayOptions(
				{ show: { resource: [resource], operation: [value] } },
				operation.properties(profile),
			),
		),
	];
}

/** The operations (by name, across resources) that have a property of the table set. */
function operationsWhere(test: (operation: Operation) => boolean): string[] {
	return [
		...new Set(
			Object.values(OPERATIONS).flatMap((operations) =>
				Object.entries(operations as Record<string, Operation>)
					.filter(([, operation]) => test(operation))
					.map(([name]) => name),
			),
		),
	];
}

/** Options only some operations have, each shown for its operation alone. */
function operationOptions(): INodeProperties[] {
	return Object.values(OPERATIONS).flatMap((operations) =>
		Object.entries(operations as Record<string, Operation>).flatMap(([name, operation]) =>
			(operation.options ?? []).map((option) => ({
				...option,
				displayOptions: { show: { '/operation': [name] } },
			})),
		),
	);
}

/** Options of every operation, and those of writes (Dry Run) and of writes that take accounts away (Change Limit). */
function nodeOptions(): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Change Limit',
			name: 'changeLimit',
			type: 'number',
			default: DEFAULT_CHANGE_LIMIT,
			typeOptions: { minValue: 0 },
			description:
				'The most items one run may change (Sync With List: the most accounts its plan may take access or a group from): more, and the run is refused before a single write, so an empty or cut-off export cannot take away accounts in bulk. 0 turns the limit off.',
			displayOptions: {
				show: {
					'/operation': operationsWhere((operation) => !!operation.write?.changeLimited),
				},
			},
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to only say what would change: reads happen as usual, nothing is written, and each item gives the outcome it would have (e.g. “wouldDeactivate”) and the requests it would send',
			displayOptions: {
				show: { '/operation': operationsWhere((operation) => !!operation.write) },
			},
		},
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			default: DEFAULT_PARALLEL_REQUESTS,
			typeOptions: { minValue: 1, maxValue: 50 },
			description:
				'How many items send requests at the same time (an item whose group change waits in line behind others does not count). The output keeps the input order either way.',
		},
		...operationOptions(),
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The parameters of every action node: resource, each resource's operations with their parameters, and options. */
export function actionProperties(profile: VendorProfile): INodeProperties[] {
	// A resource with nothing this vendor offers (Check Service, beyond the generic node) is left out.
	const offers = (resource: Resource) => offeredOperations(profile, resource).length > 0;
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: RESOURCES.filter(({ value }) => offers(value)),
			default: 'user',
		},
		...(Object.keys(OPERATIONS) as Resource[])
			.filter(offers)
			.flatMap((resource) => resourceProperties(profile, resource)),
		nodeOptions(),
	];
}
