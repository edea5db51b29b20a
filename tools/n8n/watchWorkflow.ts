import { TRIGGER_EVENTS } from '../../nodes/shared/trigger/events';
import type { CredentialFile, WorkflowFile } from './instance';

/** A workflow that is only one of this package's triggers, polling every minute for every event. */
export function watchWorkflow(
	id: string,
	name: string,
	trigger: { type: string; name: string },
	credential: CredentialFile,
): WorkflowFile {
	return {
		id,
		name,
		nodes: [
			{
				id: `${id}-trigger`,
				name: trigger.name,
				type: `n8n-nodes-scim-provisioning.${trigger.type}`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					events: TRIGGER_EVENTS.map(({ value }) => value),
				},
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}
