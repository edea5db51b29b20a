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
import { leadIqProfile } from '../shared/vendors/leadIq';

export class LeadIq implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadIQ',
		name: 'leadIq',
		icon: { light: 'file:../../icons/leadiq.svg', dark: 'file:../../icons/leadiq.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Provision LeadIQ users and groups through SCIM',
		defaults: { name: 'LeadIQ' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: leadIqProfile.identity.credentialType, required: true }],
		properties: actionProperties(leadIqProfile),
	};

	methods = { listSearch: listSearchMethods(leadIqProfile) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAction.call(this, leadIqProfile);
	}
}
