import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS, offeredOperations } from '../actions/operations';
import type { Resource } from '../actions/operations';
import type { VendorProfile } from '../vendors/profile';
import { nodeOptions } from './common';

const RESOURCES: Array<{ name: string; value: Resource }> = [
	{ name: 'Group', value: 'group' },
	{ name: 'User', value: 'user' },
];

/** A resource's operation selector and each operation's own parameters, shown for it alone. */
function resourceProperties(profile: VendorProfile, resource: Resource): INodeProperties[] {
	const operations = offeredOperations(profile, resource);
	return [
		{
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
		},
		...operations.flatMap(([value, operation]) =>
			updateDisplayOptions(
				{ show: { resource: [resource], operation: [value] } },
				operation.properties(profile),
			),
		),
	];
}

/** The parameters of every action node: resource, each resource's operations with their parameters, and options. */
export function actionProperties(profile: VendorProfile): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: RESOURCES,
			default: 'user',
		},
		...(Object.keys(OPERATIONS) as Resource[]).flatMap((resource) =>
			resourceProperties(profile, resource),
		),
		nodeOptions,
	];
}
