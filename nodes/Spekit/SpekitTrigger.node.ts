import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { triggerProperties } from '../shared/descriptions/trigger';
import { pollChanges } from '../shared/trigger/poll';
import { spekitProfile } from '../shared/vendors/spekit';

export class SpekitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Spekit Trigger',
		name: 'spekitTrigger',
		icon: { light: 'file:../../icons/spekit.svg', dark: 'file:../../icons/spekit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts a workflow when Spekit users or teams change',
		defaults: { name: 'Spekit Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: spekitProfile.identity.credentialType, required: true }],
		properties: triggerProperties(spekitProfile),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this, spekitProfile);
	}
}
