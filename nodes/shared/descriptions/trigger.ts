import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeTypeDescription } from 'n8n-workflow';

import type { VendorProfile } from '../profile';
import { TRIGGER_EVENTS } from '../snapshot/events';
import type { NodeIdentity } from './node';

/** A polling trigger: the vendor's credential and the events to watch. */
export function triggerNodeDescription(
	profile: VendorProfile,
	identity: NodeIdentity,
): INodeTypeDescription {
	return {
		...identity,
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		defaults: { name: identity.displayName },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: profile.credentialType, required: true }],
		properties: [
			{
				displayName: `${profile.displayName === 'the SCIM service' ? 'The SCIM service' : profile.displayName} sends no webhooks, so this trigger polls: it lists users and groups and compares them with the last poll. The first poll after activation records a starting point and triggers nothing.`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['userCreated', 'userDeactivated'],
				description: 'The changes that start the workflow, one item per change',
				options: TRIGGER_EVENTS.map(({ name, value, description }) => ({
					name,
					value,
					description,
				})),
			},
		],
	};
}
