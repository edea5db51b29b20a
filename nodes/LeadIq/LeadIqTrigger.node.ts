import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { triggerNodeDescription } from '../shared/descriptions/trigger';
import { pollChanges } from '../shared/snapshot/poll';
import { leadIqProfile } from '../shared/vendors/leadIq';

export class LeadIqTrigger implements INodeType {
	description: INodeTypeDescription = triggerNodeDescription(leadIqProfile, {
		displayName: 'LeadIQ Trigger',
		name: 'leadIqTrigger',
		icon: { light: 'file:../../icons/leadiq.svg', dark: 'file:../../icons/leadiq.dark.svg' },
		description: 'Starts a workflow when LeadIQ users or groups change',
	});

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this, leadIqProfile);
	}
}
