import { randomUUID } from 'node:crypto';

import type { CredentialFile, WorkflowFile } from '../../tools/n8n/instance';
import { watchWorkflow } from '../../tools/n8n/watchWorkflow';

const TEAM = 'Engineering';

const node = (
	name: string,
	type: string,
	position: [number, number],
	parameters: Record<string, unknown>,
	credential?: CredentialFile,
) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion: type.startsWith('n8n-nodes-base.webhook')
		? 2
		: type === 'n8n-nodes-base.code'
			? 2
			: 1,
	position,
	parameters,
	...(credential
		? { credentials: { [credential.type]: { id: credential.id, name: credential.name } } }
		: {}),
	...(type === 'n8n-nodes-base.webhook' ? { webhookId: randomUUID() } : {}),
});

const chain = (...names: string[]) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
			]),
	);

const byUserName = (value: string) => ({ __rl: true, mode: 'userName', value });

/**
 * The offboarding template's flow, started by a webhook (one leaver per call, answered at
 * once): deactivate in Leapsome and in a SCIM app, leaving every team and group.
 */
export function offboardingWorkflow(leapsome: CredentialFile, scim: CredentialFile): WorkflowFile {
	const email = "={{ $('Leaver').item.json.body.email }}";
	const deactivate = {
		resource: 'user',
		operation: 'deactivate',
		userId: byUserName(email),
		ignoreNotFound: true,
		removeFromGroups: true,
		options: {},
	};
	return {
		id: 'queueOffboard001',
		name: 'Offboard a leaver (webhook)',
		nodes: [
			node('Leaver', 'n8n-nodes-base.webhook', [0, 0], {
				httpMethod: 'POST',
				path: 'offboard',
				responseMode: 'onReceived',
				options: {},
			}),
			node('Leapsome', 'n8n-nodes-scim-provisioning.leapsome', [240, 0], deactivate, leapsome),
			node('SCIM app', 'n8n-nodes-scim-provisioning.scim', [480, 0], deactivate, scim),
		],
		connections: chain('Leaver', 'Leapsome', 'SCIM app'),
		settings: { executionOrder: 'v1' },
	};
}

/** A batch of joiners (one call with their emails) added to the same team and group. */
export function onboardingWorkflow(leapsome: CredentialFile, scim: CredentialFile): WorkflowFile {
	const addMember = {
		resource: 'group',
		operation: 'addMember',
		groupId: { __rl: true, mode: 'displayName', value: TEAM },
		userId: byUserName("={{ $('Joiners').item.json.email }}"),
		options: {},
	};
	return {
		id: 'queueOnboard0001',
		name: 'Onboard joiners (webhook)',
		nodes: [
			node('Batch', 'n8n-nodes-base.webhook', [0, 0], {
				httpMethod: 'POST',
				path: 'onboard',
				responseMode: 'onReceived',
				options: {},
			}),
			node('Joiners', 'n8n-nodes-base.code', [240, 0], {
				jsCode: 'return $json.body.emails.map((email) => ({ json: { email } }));',
			}),
			node('Leapsome', 'n8n-nodes-scim-provisioning.leapsome', [480, 0], addMember, leapsome),
			node('SCIM app', 'n8n-nodes-scim-provisioning.scim', [720, 0], addMember, scim),
		],
		connections: chain('Batch', 'Joiners', 'Leapsome', 'SCIM app'),
		settings: { executionOrder: 'v1' },
	};
}

/** Leapsome's trigger, active on the main instance, polling every minute. */
export function leapsomeWatch(leapsome: CredentialFile): WorkflowFile {
	return watchWorkflow(
		'queueWatchLeaps1',
		'Watch Leapsome',
		{ type: 'leapsomeTrigger', name: 'Trigger' },
		leapsome,
	);
}

export { TEAM };
