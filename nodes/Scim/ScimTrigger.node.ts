import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { triggerProperties } from '../shared/descriptions/trigger';
import { pollChanges } from '../shared/trigger/poll';
import { genericProfile } from '../shared/vendors/generic';

export class ScimTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SCIM Trigger',
		name: 'scimTrigger',
		icon: { light: 'file:../../icons/scim.svg', dark: 'file:../../icons/scim.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts a workflow when users or groups change in a SCIM service',
		defaults: { name: 'SCIM Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: genericProfile.identity.credentialType, required: true }],
		properties: triggerProperties(genericProfile),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this, genericProfile);
	}
}
