import type { INodeProperties } from 'n8n-workflow';

import type { VendorProfile } from '../profile';
import { nodeOptions } from './common';
import { groupProperties } from './group';
import { userProperties } from './user';

/** The parameters of every action node: resource, the user and group operations, and options. */
export function actionProperties(profile: VendorProfile): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Group', value: 'group' },
				{ name: 'User', value: 'user' },
			],
			default: 'user',
		},
		...userProperties(profile),
		...groupProperties(profile),
		nodeOptions,
	];
}
