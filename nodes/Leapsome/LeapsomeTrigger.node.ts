import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { triggerNodeDescription } from '../shared/descriptions/trigger';
import { pollChanges } from '../shared/snapshot/poll';
import { leapsomeProfile } from '../shared/vendors/leapsome';

export class LeapsomeTrigger implements INodeType {
	description: INodeTypeDescription = triggerNodeDescription(leapsomeProfile, {
		displayName: 'Leapsome Trigger',
		name: 'leapsomeTrigger',
		icon: { light: 'file:../../icons/leapsome.svg', dark: 'file:../../icons/leapsome.dark.svg' },
		description: 'Starts a workflow when Leapsome users or teams change',
	});

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this, leapsomeProfile);
	}
}
