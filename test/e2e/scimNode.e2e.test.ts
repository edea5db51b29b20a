import { nodeOutput } from '../../tools/n8n/api';
import { DEMO_PEOPLE } from '../../tools/n8n/demoServices';
import type { DemoServices } from '../../tools/n8n/demoServices';
import type { N8nInstance, WorkflowFile } from '../../tools/n8n/instance';
import { freshN8n } from './freshN8n';

const SCIM_CREDENTIAL = { scimApi: { id: 'demoScimCred0001', name: 'SCIM API' } };

const scimNode = (name: string, x: number, parameters: Record<string, unknown>) => ({
	id: name,
	name,
	type: 'n8n-nodes-scim-provisioning.scim',
	typeVersion: 1,
	position: [x, 0],
	parameters,
	credentials: SCIM_CREDENTIAL,
});

const START = {
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const codeNode = (name: string, x: number, jsCode: string) => ({
	id: name,
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [x, 0],
	parameters: { jsCode },
});

/** The generic SCIM node as a workflow uses it: find by email and deactivate, create and add to a group, list. */
const WORKFLOW: WorkflowFile = {
	id: 'e2eScimNode00001',
	name: 'SCIM node, end to end',
	nodes: [
		START,
		{
			id: 'input',
			name: 'Input',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: {
				assignments: {
					assignments: [
						{ id: 'leaver', name: 'leaver', value: 'Hana.Sato@example.com', type: 'string' },
						{ id: 'joiner', name: 'joiner', value: 'kai.contractor@example.com', type: 'string' },
					],
				},
				options: {},
			},
		},
		scimNode('Deactivate the leaver', 400, {
			resource: 'user',
			operation: 'deactivate',
			userId: { __rl: true, mode: 'userName', value: "={{ $('Input').item.json.leaver }}" },
		}),
		scimNode('Create the contractor', 600, {
			resource: 'user',
			operation: 'create',
			userName: "={{ $('Input').item.json.joiner }}",
			additionalFields: { givenName: 'Kai', familyName: 'Contractor', title: 'Contractor' },
			ifUserExists: 'returnExisting',
		}),
		scimNode('Add to Engineering', 800, {
			resource: 'group',
			operation: 'addMember',
			groupId: { __rl: true, mode: 'displayName', value: 'Engineering' },
			userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		}),
		scimNode('List active users', 1000, {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { active: true },
		}),
	],
	connections: Object.fromEntries(
		[
			['Start', 'Input'],
			['Input', 'Deactivate the leaver'],
			['Deactivate the leaver', 'Create the contractor'],
			['Create the contractor', 'Add to Engineering'],
			['Add to Engineering', 'List active users'],
		].map(([from, to]) => [from, { main: [[{ node: to, type: 'main', index: 0 }]] }]),
	),
	settings: { executionOrder: 'v1' },
};

/** The company's HR list as an export gives it: everyone still there, Max Turner as a leaver, Riley Jordan joining. */
const HR_LIST = [
	...DEMO_PEOPLE.filter((person) => person.left !== 'deactivated').map((person) => ({
		email: person.userName,
		first: person.givenName,
		last: person.familyName,
		title: person.title,
		team: person.team,
		status: person.left ? 'terminated' : 'active',
	})),
	{
		email: 'riley.jordan@example.com',
		first: 'Riley',
		last: 'Jordan',
		title: 'Account Executive',
		team: 'Sales',
		status: 'active',
	},
];

const SYNC: Record<string, unknown> = {
	resource: 'user',
	operation: 'sync',
	userName: '={{ $json.email }}',
	leaver: "={{ $json.status === 'terminated' }}",
	groups: '={{ $json.team }}',
	fields: {
		givenName: '={{ $json.first }}',
		familyName: '={{ $json.last }}',
		title: '={{ $json.title }}',
	},
};

/** Sync With List as an approval flow runs it: plan (a dry run), then apply exactly that plan. */
const SYNC_WORKFLOW: WorkflowFile = {
	id: 'e2eScimSync00001',
	name: 'Sync the SCIM app with the HR list',
	nodes: [
		START,
		codeNode('HR list', 200, `return ${JSON.stringify(HR_LIST)}.map((json) => ({ json }));`),
		scimNode('Plan', 400, { ...SYNC, options: { dryRun: true, output: 'summary' } }),
		codeNode('The list again', 600, "return $('HR list').all();"),
		scimNode('Apply', 800, {
			...SYNC,
			options: { expectedPlanId: "={{ $('Plan').first().json.planId }}" },
		}),
	],
	connections: Object.fromEntries(
		[
			['Start', 'HR list'],
			['HR list', 'Plan'],
			['Plan', 'The list again'],
			['The list again', 'Apply'],
		].map(([from, to]) => [from, { main: [[{ node: to, type: 'main', index: 0 }]] }]),
	),
	settings: { executionOrder: 'v1' },
};

describe('the SCIM node in a real n8n', () => {
	let n8n: N8nInstance;
	let services: DemoServices;

	beforeAll(async () => {
		({ n8n, services } = await freshN8n('scimNode'));
		await n8n.importWorkflows([WORKFLOW, SYNC_WORKFLOW]);
	});

	afterAll(async () => {
		await services?.close();
	});

	test('finds a user by email and deactivates them, creates one and adds them to a group, lists users', async () => {
		const { store } = services.scim;
		const run = await n8n.execute(WORKFLOW.id);
		const hana = store.userByName('hana.sato@example.com')!;
		const kai = store.userByName('kai.contractor@example.com')!;

		expect(nodeOutput(run.data, 'Deactivate the leaver')).toEqual([
			{
				outcome: 'deactivated',
				summary: 'Deactivated hana.sato@example.com in the SCIM service',
				id: hana.id,
				userName: 'hana.sato@example.com',
				active: false,
				displayName: 'Hana Sato',
			},
		]);
		expect(nodeOutput(run.data, 'Create the contractor')).toMatchObject([
			{ id: kai.id, userName: 'kai.contractor@example.com', title: 'Contractor' },
		]);
		expect(nodeOutput(run.data, 'Add to Engineering')).toMatchObject([
			{ outcome: 'added', groupDisplayName: 'Engineering', userId: kai.id },
		]);
		const listed = nodeOutput(run.data, 'List active users');
		const active = [...store.users.values()].filter((user) => user.active !== false);
		expect(listed.map((user) => user.userName).sort()).toEqual(
			active.map((user) => user.userName).sort(),
		);
		expect(listed).toHaveLength(17);
		expect(listed.find((user) => user.id === kai.id)).toMatchObject({
			givenName: 'Kai',
			familyName: 'Contractor',
			groups: [store.groupByName('Engineering')!.id],
		});

		expect(hana.active).toBe(false);
		expect(store.groupByName('Engineering')!.members.map((member) => member.value)).toContain(
			kai.id,
		);
	});

	test('Sync With List plans from the HR list, then applies exactly that plan; the next plan is empty', async () => {
		const { store } = services.scim;
		const run = await n8n.execute(SYNC_WORKFLOW.id);
		const [plan] = nodeOutput(run.data, 'Plan');
		expect(plan).toMatchObject({
			dryRun: true,
			counts: { outcomes: { wouldCreate: 1, wouldDeactivate: 1, wouldReactivate: 1 } },
		});
		const applied = nodeOutput(run.data, 'Apply');
		expect(applied.map((item) => [item.userName, item.action, item.outcome, item.planId])).toEqual([
			['hana.sato@example.com', 'reactivate', 'done', plan.planId],
			['max.turner@example.com', 'deactivate', 'done', plan.planId],
			['riley.jordan@example.com', 'create', 'done', plan.planId],
			['kai.contractor@example.com', 'none', 'skipped', plan.planId],
		]);
		const riley = store.userByName('riley.jordan@example.com')!;
		expect(store.groupByName('Sales')!.members.map((member) => member.value)).toContain(riley.id);
		expect(store.userByName('max.turner@example.com')?.active).toBe(false);
		expect(store.userByName('hana.sato@example.com')?.active).toBe(true);

		const again = await n8n.execute(SYNC_WORKFLOW.id);
		const { outcomes } = nodeOutput(again.data, 'Plan')[0].counts as { outcomes: object };
		expect(Object.keys(outcomes)).toEqual(['skipped']);
		expect(nodeOutput(again.data, 'Apply').map((item) => item.reason)).toEqual(['notInList']);
	});
});
