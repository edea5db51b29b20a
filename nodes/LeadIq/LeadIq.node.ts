import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { actionNodeDescription } from '../shared/descriptions/node';
import { executeAction } from '../shared/execute';
import { listSearchMethods } from '../shared/listSearch';
import { leadIqProfile } from '../shared/vendors/leadIq';

export class LeadIq implements INodeType {
	description: INodeTypeDescription = actionNodeDescription(leadIqProfile, {
		displayName: 'LeadIQ',
		name: 'leadIq',
		icon: { light: 'file:../../icons/leadiq.svg', dark: 'file:../../icons/leadiq.dark.svg' },
		description: 'Provision LeadIQ users and groups through SCIM',
	});

	methods = { listSearch: listSearchMethods(leadIqProfile) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAction.call(this, leadIqProfile);
	}
}
