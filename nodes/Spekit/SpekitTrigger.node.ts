import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { triggerNodeDescription } from '../shared/descriptions/trigger';
import { pollChanges } from '../shared/snapshot/poll';
import { spekitProfile } from '../shared/vendors/spekit';

export class SpekitTrigger implements INodeType {
	description: INodeTypeDescription = triggerNodeDescription(spekitProfile, {
		displayName: 'Spekit Trigger',
		name: 'spekitTrigger',
		icon: { light: 'file:../../icons/spekit.svg', dark: 'file:../../icons/spekit.dark.svg' },
		description: 'Starts a workflow when Spekit users or teams change',
	});

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this, spekitProfile);
	}
}
