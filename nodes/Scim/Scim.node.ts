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
import { genericProfile } from '../shared/vendors/generic';

export class Scim implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SCIM',
		name: 'scim',
		icon: { light: 'file:../../icons/scim.svg', dark: 'file:../../icons/scim.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Provision users and groups in any SCIM 2.0 service',
		defaults: { name: 'SCIM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: genericProfile.identity.credentialType, required: true }],
		properties: actionProperties(genericProfile),
	};

	methods = { listSearch: listSearchMethods(genericProfile) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAction.call(this, genericProfile);
	}
}
