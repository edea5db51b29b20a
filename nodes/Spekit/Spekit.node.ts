import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { actionProperties } from '../shared/descriptions/node';
import { executeAction } from '../shared/actions/router';
import { listSearchMethods } from '../shared/methods/listSearch';
import { spekitProfile } from '../shared/vendors/spekit';

export class Spekit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Spekit',
		name: 'spekit',
		icon: { light: 'file:../../icons/spekit.svg', dark: 'file:../../icons/spekit.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Provision Spekit users and teams through SCIM',
		defaults: { name: 'Spekit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: spekitProfile.identity.credentialType, required: true }],
		properties: actionProperties(spekitProfile),
	};

	methods = { listSearch: listSearchMethods(spekitProfile) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAction.call(this, spekitProfile);
	}
}
