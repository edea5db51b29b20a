import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { triggerProperties } from '../shared/descriptions/trigger';
import { pollChanges } from '../shared/trigger/poll';
import { leapsomeProfile } from '../shared/vendors/leapsome';

export class LeapsomeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leapsome Trigger',
		name: 'leapsomeTrigger',
		icon: { light: 'file:../../icons/leapsome.svg', dark: 'file:../../icons/leapsome.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts a workflow when Leapsome users or teams change',
		defaults: { name: 'Leapsome Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: leapsomeProfile.identity.credentialType, required: true }],
		properties: triggerProperties(leapsomeProfile),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this, leapsomeProfile);
	}
}
