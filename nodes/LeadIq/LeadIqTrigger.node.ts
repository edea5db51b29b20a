import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { triggerProperties } from '../shared/descriptions/trigger';
import { pollChanges } from '../shared/trigger/poll';
import { leadIqProfile } from '../shared/vendors/leadIq';

export class LeadIqTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadIQ Trigger',
		name: 'leadIqTrigger',
		icon: { light: 'file:../../icons/leadiq.svg', dark: 'file:../../icons/leadiq.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts a workflow when LeadIQ users or groups change',
		defaults: { name: 'LeadIQ Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: leadIqProfile.identity.credentialType, required: true }],
		properties: triggerProperties(leadIqProfile),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this, leadIqProfile);
	}
}
