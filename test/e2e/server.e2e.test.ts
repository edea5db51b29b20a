import type { IDataObject } from 'n8n-workflow';

import { N8nApi, nodeOutput } from '../../tools/n8n/api';
import type { Owner, PublicExecution } from '../../tools/n8n/api';
import type { DemoServices } from '../../tools/n8n/demoServices';
import type { CredentialFile, N8nInstance } from '../../tools/n8n/instance';
import { watchWorkflow } from '../../tools/n8n/watchWorkflow';
import type { RecordedRequest } from '../servers/scimmyServer';
import { sleep, waitFor } from '../harness/waitFor';
import { freshN8n } from './freshN8n';

const OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'Test',
	lastName: 'Owner',
	password: 'End-to-end-1',
};

const TRIGGERS = [
	{ node: 'scimTrigger', service: 'scim', credential: 'scimApi', workflow: 'e2eWatchScim0001' },
	{
		node: 'leadIqTrigger',
		service: 'leadIq',
		credential: 'leadIqScimApi',
		workflow: 'e2eWatchLeadIq01',
	},
	{
		node: 'leapsomeTrigger',
		service: 'leapsome',
		credential: 'leapsomeScimApi',
		workflow: 'e2eWatchLeapsome',
	},
	{
		node: 'spekitTrigger',
		service: 'spekit',
		credential: 'spekitScimApi',
		workflow: 'e2eWatchSpekit01',
	},
] as const;

const WRONG_TOKEN_MESSAGE: Record<string, string> = {
	scimApi:
		'The service did not accept the credential (401). Check the token, the username and password, or the header value.',
	leadIqScimApi: 'The token was not accepted (401). Generate a new SCIM token and paste it here.',
	// Leapsome answers a wrong token with 403.
	leapsomeScimApi: 'The token was not accepted (403). Generate a new SCIM token and paste it here.',
	spekitScimApi: 'The token was not accepted (401). Generate a new SCIM token and paste it here.',
};

/**
 * The package in a real n8n server: credential tests as the editor runs them, and the
 * polling triggers activated as a user activates them, noticing changes on the services.
 */
describe('the package in a running n8n', () => {
	let n8n: N8nInstance;
	let api: N8nApi;
	let services: DemoServices;
	let credentials: CredentialFile[];
	const listedBefore = new Map<string, number>();

	beforeAll(async () => {
		({ n8n, services, credentials } = await freshN8n('server'));
		await n8n.importWorkflows(
			TRIGGERS.map((trigger) =>
				watchWorkflow(
					trigger.workflow,
					`Watch ${trigger.service}`,
					{ type: trigger.node, name: 'Trigger' },
					credentials.find(({ type }) => type === trigger.credential)!,
				),
			),
		);
		for (const trigger of TRIGGERS) {
			await n8n.publish(trigger.workflow);
			listedBefore.set(trigger.service, services[trigger.service].requests.length);
		}
		await n8n.start();
		api = new N8nApi(n8n.url);
		await api.signIn(OWNER);
	});

	afterAll(async () => {
		await n8n?.stop();
		await services?.close();
	});

	test.each(TRIGGERS.map(({ credential }) => credential))(
		'the %s credential’s Test passes in n8n, and fails readably with a wrong token',
		async (type) => {
			const credential = credentials.find((candidate) => candidate.type === type)!;
			expect(await api.testCredential(credential)).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			const wrong = { ...credential, data: { ...credential.data, token: 'not-the-token' } };
			expect(await api.testCredential(wrong)).toEqual({
				status: 'Error',
				message: WRONG_TOKEN_MESSAGE[type],
			});
		},
	);

	test('activated triggers record a baseline without firing, then report changes made on the services', async () => {
		const listed = (requests: RecordedRequest[], from: number) =>
			requests
				.slice(from)
				.some((request) => request.method === 'GET' && request.path === '/Groups');
		// The first poll runs on activation: each trigger lists users and groups once.
		for (const { service } of TRIGGERS)
			await waitFor(
				`the first poll of ${service}`,
				() => (listed(services[service].requests, listedBefore.get(service)!) ? true : undefined),
				60_000,
			);
		await sleep(2000);
		const workflowIds = TRIGGERS.map((trigger) => trigger.workflow);
		for (const id of workflowIds) expect(await api.executions(id)).toEqual([]);

		const { scim, leadIq, leapsome, spekit } = services;
		scim.store.addUser({
			userName: 'kai.newman@example.com',
			givenName: 'Kai',
			familyName: 'Newman',
		});
		leadIq.store.userByName('ava.martin@example.com')!.active = false;
		const grace = leapsome.store.userByName('grace.mensah@example.com')!;
		leapsome.store.groupByName('Marketing')!.members.push({ value: grace.id });
		spekit.store.addGroup('Partners');

		const events = async (workflowId: string) => {
			// An execution is listed as soon as it starts; its data is complete once it has finished.
			const execution = await waitFor<PublicExecution>(
				`a finished execution of ${workflowId}`,
				async () => (await api.executions(workflowId)).find(({ stoppedAt }) => stoppedAt),
				150_000,
			);
			expect(execution.status).toBe('success');
			return nodeOutput(execution.data, 'Trigger').map((item: IDataObject) => [
				item.event,
				(item.resource as IDataObject | undefined)?.userName ??
					(item.resource as IDataObject | undefined)?.displayName,
			]);
		};
		const [scimEvents, leadIqEvents, leapsomeEvents, spekitEvents] = await Promise.all(
			workflowIds.map(events),
		);
		expect(scimEvents).toEqual([['user.created', 'kai.newman@example.com']]);
		expect(leadIqEvents).toEqual([['user.deactivated', 'ava.martin@example.com']]);
		expect(leapsomeEvents).toEqual([['group.membersChanged', 'Marketing']]);
		expect(spekitEvents).toEqual([['group.created', 'Partners']]);
	});
});
