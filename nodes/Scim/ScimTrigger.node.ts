import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { triggerNodeDescription } from '../shared/descriptions/trigger';
import { pollChanges } from '../shared/snapshot/poll';
import { genericProfile } from '../shared/vendors/generic';

export class ScimTrigger implements INodeType {
	description: INodeTypeDescription = triggerNodeDescription(genericProfile, {
		displayName: 'SCIM Trigger',
		name: 'scimTrigger',
		icon: { light: 'file:../../icons/scim.svg', dark: 'file:../../icons/scim.dark.svg' },
		description: 'Starts a workflow when users or groups change in a SCIM service',
	});

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this, genericProfile);
	}
}
