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
import { leapsomeProfile } from '../shared/vendors/leapsome';

export class Leapsome implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leapsome',
		name: 'leapsome',
		icon: { light: 'file:../../icons/leapsome.svg', dark: 'file:../../icons/leapsome.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Provision Leapsome users and teams through SCIM',
		defaults: { name: 'Leapsome' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: leapsomeProfile.identity.credentialType, required: true }],
		properties: actionProperties(leapsomeProfile),
	};

	methods = { listSearch: listSearchMethods(leapsomeProfile) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAction.call(this, leapsomeProfile);
	}
}
