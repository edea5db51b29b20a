import type { INodeProperties } from 'n8n-workflow';

import type { VendorProfile } from '../vendors/profile';
import { TRIGGER_EVENTS } from '../trigger/events';

const sentenceStart = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The parameters of every polling trigger: what it does, and the events to watch. */
export function triggerProperties(profile: VendorProfile): INodeProperties[] {
	return [
		{
			displayName: `${sentenceStart(profile.identity.displayName)} sends no webhooks, so this trigger polls: it lists users and groups and compares them with the last poll. The first poll after activation records a starting point and triggers nothing.`,
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
	];
}
