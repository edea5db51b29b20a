import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeTypeDescription } from 'n8n-workflow';

import type { VendorProfile } from '../profile';
import { nodeOptions } from './common';
import { groupProperties } from './group';
import { userProperties } from './user';

export interface NodeIdentity {
	displayName: string;
	name: string;
	icon: INodeTypeDescription['icon'];
	description: string;
}

/** The full description of an action node: identity plus the shared user and group parameters. */
export function actionNodeDescription(
	profile: VendorProfile,
	identity: NodeIdentity,
): INodeTypeDescription {
	return {
		...identity,
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		defaults: { name: identity.displayName },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: profile.credentialType, required: true }],
		properties: [
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
		],
	};
}
