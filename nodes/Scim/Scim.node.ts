import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { actionNodeDescription } from '../shared/descriptions/node';
import { executeAction } from '../shared/execute';
import { listSearchMethods } from '../shared/listSearch';
import { genericProfile } from '../shared/vendors/generic';

export class Scim implements INodeType {
	description: INodeTypeDescription = actionNodeDescription(genericProfile, {
		displayName: 'SCIM',
		name: 'scim',
		icon: { light: 'file:../../icons/scim.svg', dark: 'file:../../icons/scim.dark.svg' },
		description: 'Provision users and groups in any SCIM 2.0 service',
	});

	methods = { listSearch: listSearchMethods(genericProfile) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAction.call(this, genericProfile);
	}
}
