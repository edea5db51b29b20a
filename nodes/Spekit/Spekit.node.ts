import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { actionNodeDescription } from '../shared/descriptions/node';
import { executeAction } from '../shared/execute';
import { listSearchMethods } from '../shared/listSearch';
import { spekitProfile } from '../shared/vendors/spekit';

export class Spekit implements INodeType {
	description: INodeTypeDescription = actionNodeDescription(spekitProfile, {
		displayName: 'Spekit',
		name: 'spekit',
		icon: { light: 'file:../../icons/spekit.svg', dark: 'file:../../icons/spekit.dark.svg' },
		description: 'Provision Spekit users and teams through SCIM',
	});

	methods = { listSearch: listSearchMethods(spekitProfile) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAction.call(this, spekitProfile);
	}
}
