import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { actionNodeDescription } from '../shared/descriptions/node';
import { executeAction } from '../shared/execute';
import { listSearchMethods } from '../shared/listSearch';
import { leapsomeProfile } from '../shared/vendors/leapsome';

export class Leapsome implements INodeType {
	description: INodeTypeDescription = actionNodeDescription(leapsomeProfile, {
		displayName: 'Leapsome',
		name: 'leapsome',
		icon: { light: 'file:../../icons/leapsome.svg', dark: 'file:../../icons/leapsome.dark.svg' },
		description: 'Provision Leapsome users and teams through SCIM',
	});

	methods = { listSearch: listSearchMethods(leapsomeProfile) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAction.call(this, leapsomeProfile);
	}
}
