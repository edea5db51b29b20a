import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { template, TEMPLATES, type TemplateName } from '../../tools/n8n/templates';

/** The columns of the Data Table "Provisioning log", as the public contract names them. */
const LOG_COLUMNS = [
	'at',
	'workflow',
	'executionId',
	'app',
	'userName',
	'accountId',
	'action',
	'outcome',
	'changes',
	'groupsJoined',
	'groupsLeft',
	'planId',
	'approvedBy',
	'error',
];

const nodesOf = (name: Parameters<typeof template>[0]) => template(name).nodes as IDataObject[];
const params = (node: IDataObject) => node.parameters as IDataObject;
/** The steps the HR sync's step `name` sends its items to. */
const hrSyncNext = (name: string) =>
	(template('hrSync').connections[name] as { main: Array<Array<{ node: string }>> }).main.flatMap(
		(outputs) => outputs.map((next) => next.node),
	);
type Item = { json: IDataObject; binary?: IDataObject };
/** Runs the HR sync's Code step `name` as n8n does: `$('…')` reads `steps`, `$input` is `input`. */
const runHrSyncCode = (name: string, steps: Record<string, Item>, input: Item[]) => {
	const code = String(params(nodesOf('hrSync').find((node) => node.name === name)!).jsCode);
	const $ = (step: string) => ({
		isExecuted: step in steps,
		first: () => steps[step],
		all: () => [steps[step]],
	});
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- runs the template's own Code, as n8n does
	return new Function('$', '$input', code)($, { all: () => input }) as Item[];
};

/** The step that creates the Data Table "Provisioning log" on first use, with the contract's columns. */
function expectOpensTheLog(nodes: IDataObject[]): void {
	const open = nodes.find((node) => node.name === 'Open the change log')!;
	expect(params(open)).toMatchObject({
		resource: 'table',
		operation: 'create',
		tableName: 'Provisioning log',
		options: { createIfNotExists: true },
	});
	expect(
		((params(open).columns as IDataObject).column as IDataObject[]).map((column) => column.name),
	).toEqual(LOG_COLUMNS);
}

describe('the workflow templates as they ship', () => {
	test('the HR sync has one Sync With List step per app, serving the plan and the approved run alike', () => {
		const syncs = nodesOf('hrSync').filter((node) => params(node).operation === 'sync');
		expect(syncs.map((node) => [node.name, node.type])).toEqual([
			['LeadIQ: sync', 'n8n-nodes-scim-provisioning.leadIq'],
			['Leapsome: sync', 'n8n-nodes-scim-provisioning.leapsome'],
			['Spekit: sync', 'n8n-nodes-scim-provisioning.spekit'],
		]);
		const approved = "$('The approved plan')";
		// The options evaluate over a small step: the approved plan carries no people (n8n copies
		// a step's item into each evaluation), and the lists go on from a step of their own.
		const plan = nodesOf('hrSync').find((node) => node.name === 'The approved plan')!;
		expect(params(plan).jsCode).not.toContain("$('Seats per app')");
		// The run that plans hands its report and the HR list to a run of its own (this workflow,
		// called by Ask for approval) that emails the plan and waits for the approval. It does not
		// wait for that run, so n8n reads no run back into the one that planned; the run that
		// waits holds the report and the rows, and the approved run makes the same lists from them.
		const call = nodesOf('hrSync').find((node) => node.name === 'Ask for approval')!;
		expect([call.type, params(call).workflowId, params(call).options]).toEqual([
			'n8n-nodes-base.executeWorkflow',
			{ __rl: true, value: '={{ $workflow.id }}', mode: 'id' },
			{ waitForSubWorkflow: false },
		]);
		const started = nodesOf('hrSync').find((node) => node.name === 'Plan report')!;
		expect([started.type, params(started).inputSource]).toEqual([
			'n8n-nodes-base.executeWorkflowTrigger',
			'passthrough',
		]);
		// It may call itself on an instance whose default lets no workflow be called.
		expect(template('hrSync').settings).toMatchObject({ callerPolicy: 'workflowsFromSameOwner' });
		expect(hrSyncNext('Get the HR list')).toEqual(['Read the CSV']);
		expect(hrSyncNext('Read the CSV')).toEqual(['Seats per app']);
		expect(hrSyncNext('Report the plan')).toEqual(['Anyone to tell?']);
		expect(hrSyncNext('Anyone to tell?')).toEqual(['Ask for approval']);
		expect(template('hrSync').connections['Ask for approval']).toBeUndefined();
		expect(hrSyncNext('Plan report')).toEqual(['Email the plan']);
		expect(hrSyncNext('The approved plan')).toEqual(['Seats per app']);
		expect(hrSyncNext('Seats per app')).toEqual([
			'Who gets LeadIQ',
			'Who gets Leapsome',
			'Who gets Spekit',
		]);
		for (const node of syncs) {
			const app = String(node.name).split(':')[0];
			// A dry run unless the approved plan carries this app's plan ID; its Change Limit off in
			// the dry run (the plan report asks past it), and the approved one in the real run.
			expect(params(node).options).toEqual({
				changeLimit: `={{ ${approved}.isExecuted ? ${approved}.first().json.changeLimits.${app} : 0 }}`,
				dryRun: `={{ !(${approved}.isExecuted && !!${approved}.first().json.planIds?.${app}) }}`,
				expectedPlanId: `={{ ${approved}.isExecuted ? (${approved}.first().json.planIds?.${app} ?? '') : '' }}`,
				// A new hire has accounts the week before their first day.
				createBeforeStartDays: 7,
				output: 'changes',
			});
			// Each person's fields as plain paths (read from the item, no expression to run), with
			// their start and leave dates where the list has them.
			expect(params(node)).toMatchObject({
				userName: '={{ $json.person.email }}',
				leaver: '={{ $json.person.leaver }}',
				startDate: '={{ $json.person.start_date }}',
				leaveDate: '={{ $json.person.leave_date }}',
			});
		}
	});

	test('the approved run sends each approved app its list as planned, and the others none', () => {
		const plan = {
			apps: [
				{ app: 'LeadIQ', planId: 'p1', changes: 2, limit: 50, losing: 1 },
				{ app: 'Leapsome', planId: 'p2', changes: 0, limit: 50, losing: 0 },
				{ app: 'Spekit', changes: 0, limit: 50, losing: 0 },
			],
		};
		const hrList = [
			{ email: 'a@example.com', team: 'Sales', status: 'active', title: '' },
			{ email: 'b@example.com', team: 'Engineering', status: 'Terminated ' },
		];
		const steps: Record<string, Item> = {
			'The decision': { json: { planIds: { LeadIQ: 'p1', Leapsome: 'p2' } } },
		};
		let rows: Item[] = hrList.map((json) => ({ json }));
		const run = (name: string) => runHrSyncCode(name, steps, rows)[0];
		// Planning: every app its list, and the rows as read, which the report hands to the run
		// that waits.
		const planned = run('Seats per app').json;
		expect(planned).toMatchObject({
			LeadIQ: [{ email: 'a@example.com', team: 'Sales', status: 'active', leaver: false }],
			Leapsome: [
				{ email: 'a@example.com', leaver: false },
				{ email: 'b@example.com', leaver: true },
			],
			Spekit: [{ email: 'a@example.com' }],
			listed: 2,
			hrList: {
				columns: ['email', 'team', 'status', 'title'],
				rows: [
					['a@example.com', 'Sales', 'active', ''],
					['b@example.com', 'Engineering', 'Terminated ', null],
				],
			},
		});
		// The run that waits holds the report with those rows, as n8n stores it; its input is the
		// approved plan, not the people.
		steps['Plan report'] = {
			json: JSON.parse(JSON.stringify({ ...plan, hrList: planned.hrList })),
		};
		rows = [{ json: {} }];
		const approved = run('The approved plan');
		expect(approved).toEqual({
			json: {
				toApply: ['LeadIQ'],
				planIds: { LeadIQ: 'p1', Leapsome: 'p2' },
				changeLimits: { LeadIQ: 50 },
			},
		});
		steps['The approved plan'] = approved;
		// The same lists again from the rows the plan was made from, for the apps it applies.
		const seats = run('Seats per app').json;
		expect(seats).toMatchObject({ Leapsome: [], Spekit: [] });
		expect(seats.hrList).toBeUndefined();
		expect(seats.LeadIQ).toEqual([
			{ email: 'a@example.com', team: 'Sales', status: 'active', leaver: false },
		]);
	});

	describe('a list that gives no app anyone plans nothing and tells a person why', () => {
		/** The report of a run whose HR list reached Seats per app as `input` (no Sync step ran). */
		const reportOf = (input: IDataObject[]) => {
			const seats = runHrSyncCode(
				'Seats per app',
				{},
				input.map((json) => ({ json })),
			)[0];
			// Each app's step gets one empty row, so that the run reaches the report; nobody is counted.
			expect(seats.json).toMatchObject({
				routed: 0,
				LeadIQ: [{}],
				Leapsome: [{}],
				Spekit: [{}],
				people: { LeadIQ: 0, Leapsome: 0, Spekit: 0 },
			});
			// Each Sync step refuses its empty row before reading anything, as it refuses any empty list.
			const refused = {
				json: {
					error:
						'No input item is a valid person: a list with nobody in it is always refused. Nothing was read or changed. Item 1: “User Name” is empty',
				},
			};
			const report = runHrSyncCode(
				'Report the plan',
				{
					'Seats per app': seats,
					'LeadIQ: sync': refused,
					'Leapsome: sync': refused,
					'Spekit: sync': refused,
				},
				[],
			)[0].json;
			expect(report).toMatchObject({ kind: 'attention', planIds: {} });
			expect((report.apps as IDataObject[]).map((app) => app.status)).toEqual([
				'notRun',
				'notRun',
				'notRun',
			]);
			return report;
		};

		test.each([
			[
				'a header alone (Read the CSV passes on one empty item)',
				[{}],
				'no person could be read from the HR list',
				'No person could be read from the HR list (a header alone, an empty file, or one line of something else)',
			],
			[
				'a file Read the CSV cannot read (it passes on its error)',
				[{ error: 'Invalid Record Length: columns length is 10, got 11 on line 2' }],
				'the HR list could not be read',
				'The HR list could not be read (Invalid Record Length: columns length is 10, got 11 on line 2): fix the file, then run again',
			],
			[
				'rows whose team column was renamed',
				[{ email: 'a@example.com', Team: 'Sales' }],
				'nobody in the HR list gets an app',
				'None of the 1 row of the HR list is in a team Seats per app gives an app (columns read: “email”, “Team”): check the team column and the team names',
			],
		])('%s', (_, input, attention, why) => {
			const report = reportOf(input);
			expect(report.subject).toBe(`HR sync needs your attention: ${attention}`);
			expect(report.html).toContain(
				`No dry run, so nothing will be written to Leapsome:</b> ${why}`,
			);
		});
	});

	test('an app nobody in the list gets is named as not run, in the plan and in the result, not as having nothing to change', () => {
		const rows = [{ json: { email: 'a@example.com', team: 'Engineering' } }];
		const seats = runHrSyncCode('Seats per app', {}, rows)[0];
		const leapsome = {
			json: {
				userName: 'a@example.com',
				outcome: 'planned',
				action: 'update',
				planId: 'p2',
				changes: [{ field: 'title', from: 'A', to: 'B' }],
			},
		};
		// LeadIQ's and Spekit's steps did not run: they are not among the steps.
		const [{ json: report }] = runHrSyncCode(
			'Report the plan',
			{ 'Seats per app': seats, 'Leapsome: sync': leapsome },
			[],
		);
		expect(report).toMatchObject({ kind: 'approve', subject: 'HR sync: 1 change to approve' });
		expect((report.apps as IDataObject[]).map((app) => [app.app, app.status])).toEqual([
			['LeadIQ', 'notRun'],
			['Leapsome', 'planned'],
			['Spekit', 'notRun'],
		]);
		expect(report.html).toContain(
			'No dry run, so nothing will be written to LeadIQ:</b> Nobody in the HR list gets LeadIQ (by team, in Seats per app), so its dry run did not run and nothing is known of its accounts',
		);
		const [result] = runHrSyncCode(
			'Result report',
			{
				'Plan report': { json: report },
				'The decision': { json: { verdict: 'Approved by Ada', planIds: { Leapsome: 'p2' } } },
				'Leapsome: sync': {
					json: { userName: 'a@example.com', outcome: 'done', summary: 'title B' },
				},
			},
			[],
		);
		expect((result.json.apps as IDataObject[]).map((app) => [app.app, app.outcome])).toEqual([
			['LeadIQ', 'not planned: nobody in the HR list gets it'],
			['Leapsome', 'applied'],
			['Spekit', 'not planned: nobody in the HR list gets it'],
		]);
		expect(result.json.subject).toBe(
			'HR sync applied 1 change (LeadIQ not planned: nobody in the HR list gets it, Spekit not planned: nobody in the HR list gets it)',
		);
	});

	test('the approved run makes exactly the lists planned from the rows the run that waits holds, whatever the rows', () => {
		const run = (steps: Record<string, Item>, input: IDataObject[]) =>
			runHrSyncCode(
				'Seats per app',
				steps,
				input.map((json) => ({ json })),
			)[0].json;
		const value = fc.oneof(
			fc.constantFrom('', ' ', 'Sales', 'Marketing', 'terminated'),
			fc.string(),
			fc.integer(),
			fc.constant(null),
		);
		const row = fc.dictionary(
			fc.constantFrom(
				'email',
				'team',
				'status',
				'title',
				'start_date',
				'previous_email',
				'__proto__',
			),
			value,
		);
		fc.assert(
			fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
				const planned = run({}, rows);
				// As n8n stores the run that waits, and hands it back after the approval.
				const report = JSON.parse(JSON.stringify({ hrList: planned.hrList })) as IDataObject;
				// An app is approved only where its list had someone (a list that gives no app
				// anyone hands each step one empty row, refused, so nothing is planned to approve).
				const toApply = ['LeadIQ', 'Leapsome', 'Spekit'].filter(
					(app) => (planned.people as IDataObject)[app] !== 0,
				);
				const again = run(
					{ 'Plan report': { json: report }, 'The approved plan': { json: { toApply } } },
					[],
				);
				for (const app of toApply) expect(again[app]).toEqual(planned[app]);
			}),
		);
	});

	test('the HR sync routes people to apps in one step over the list, not a filter per app', () => {
		const nodes = nodesOf('hrSync');
		expect(nodes.filter((node) => node.type === 'n8n-nodes-base.filter')).toEqual([]);
		const routes = nodes.filter((node) => String(node.name).startsWith('Who gets '));
		expect(routes.map((node) => [node.type, params(node).fieldToSplitOut])).toEqual([
			['n8n-nodes-base.splitOut', 'LeadIQ'],
			['n8n-nodes-base.splitOut', 'Leapsome'],
			['n8n-nodes-base.splitOut', 'Spekit'],
		]);
		const table = nodes.find((node) => node.name === 'Seats per app')!;
		expect(params(table).jsCode).toContain('APPS_BY_TEAM');
	});

	test('the approval waits on n8n’s form page, resumed only by its POST, never on a plain link', () => {
		const waits = nodesOf('hrSync').filter((node) => node.type === 'n8n-nodes-base.wait');
		expect(waits.map((node) => params(node).resume)).toEqual(['form', 'form', 'form']);
		// The email links to the form page of the run that waits, not of the planning run.
		const report = nodesOf('hrSync').find((node) => node.name === 'Report the plan')!;
		expect(params(report).jsCode).toContain('<a href="${APPROVAL_PAGE}"');
		expect(params(report).jsCode).not.toContain('$execution');
		const email = nodesOf('hrSync').find((node) => node.name === 'Email the plan')!;
		expect(params(email).html).toBe(
			"={{ $json.html.replace('<approval-page>', $execution.resumeFormUrl) }}",
		);
	});

	test('past a brake the approval page asks for the acknowledgement the plan names; Approve without it asks again', () => {
		const nodes = nodesOf('hrSync');
		const past = nodes.find((node) => node.name === 'Wait for the approval past a brake')!;
		const fields = (params(past).formFields as { values: IDataObject[] }).values;
		expect(fields.map((field) => field.fieldLabel)).toEqual([
			'The plan',
			'Your name',
			'Comment',
			'Decision',
			'Acknowledgement',
		]);
		expect(fields[4]).toEqual({
			fieldLabel: 'Acknowledgement',
			fieldType: 'checkbox',
			fieldOptions: {
				values: [{ option: "={{ $('Plan report').first().json.acknowledgement }}" }],
			},
		});
		const decision = nodes.find((node) => node.name === 'The decision')!;
		expect(params(decision).jsCode).toContain('const approved = chose && acknowledged;');
		// A decision is a named person's choice; anything else asks again.
		expect(params(decision).jsCode).toContain(
			"by !== '' && ['Approve and apply', 'Decline'].includes(choice)",
		);
		// Declining needs no tick; approving without one goes back to the same page.
		const { connections } = template('hrSync');
		expect(connections['Ask again?']).toEqual({
			main: [
				[{ node: 'Past a brake?', type: 'main', index: 0 }],
				[{ node: 'Declined', type: 'main', index: 0 }],
			],
		});
	});

	test.each(['hrSync', 'offboarding', 'onboarding', 'leaversOnTime'] as const)(
		'%s creates the Data Table “Provisioning log” with the contract’s columns and appends its rows there',
		(name) => {
			const nodes = nodesOf(name);
			expectOpensTheLog(nodes);
			const append = nodes.find((node) => node.name === 'Append to the change log')!;
			expect(params(append)).toMatchObject({ resource: 'row', operation: 'insert' });
		},
	);

	test('leavers on time runs every 15 minutes, applies only leavers with the dates, and deactivates accounts not in the list, without approval or dry run', () => {
		const nodes = nodesOf('leaversOnTime');
		const schedule = nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger')!;
		expect(params(schedule).rule).toEqual({
			interval: [{ field: 'minutes', minutesInterval: 15 }],
		});
		expect(nodes.some((node) => node.type === 'n8n-nodes-base.wait')).toBe(false);
		const syncs = nodes.filter((node) => params(node).operation === 'sync');
		expect(syncs.map((node) => node.type)).toEqual([
			'n8n-nodes-scim-provisioning.leadIq',
			'n8n-nodes-scim-provisioning.leapsome',
			'n8n-nodes-scim-provisioning.spekit',
		]);
		for (const node of syncs) {
			const app = String(node.name).split(':')[0];
			expect(params(node)).toMatchObject({
				startDate: '={{ $json.start_date }}',
				leaveDate: '={{ $json.leave_date }}',
				// "Terminated " as HR exports it is terminated.
				leaver: "={{ String($json.status ?? '').trim().toLowerCase() === 'terminated' }}",
				// The groups of a team with a seat in the app; others give none (nothing to join).
				groups: `={{ $json.apps.includes('${app}') ? $json.team : '' }}`,
				accountsNotInList: 'deactivate',
			});
			// The brakes keep their defaults: nothing here turns them off.
			expect(params(node).options).toEqual({
				apply: 'leaversOnly',
				timeZone: "={{ $('Settings').first().json.timeZone }}",
				accessEnds: "={{ $('Settings').first().json.accessEnds }}",
			});
		}
	});

	test('leavers on time reads HR’s status whatever its case and spaces: “Terminated ” is terminated', () => {
		for (const node of nodesOf('leaversOnTime').filter(
			(step) => params(step).operation === 'sync',
		)) {
			const expression = String(params(node).leaver).replace(/^=\{\{([\s\S]*)\}\}$/, '$1');
			// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- runs the template's own Code, as n8n does
			const leaver = new Function('$json', `return ${expression};`) as (
				row: IDataObject,
			) => boolean;
			expect(
				['terminated', 'Terminated ', ' TERMINATED', 'active', '', undefined].map((status) =>
					leaver({ status }),
				),
			).toEqual([true, true, true, false, false, false]);
		}
	});

	test('leavers on time gives every app’s step the whole HR list: “not in the list” means gone from the HR list, not a team without a seat there', () => {
		const { connections } = template('leaversOnTime');
		expect(nodesOf('leaversOnTime').some((node) => node.type === 'n8n-nodes-base.filter')).toBe(
			false,
		);
		expect(connections['Read the CSV']).toEqual({
			main: [[{ node: 'Seats per app', type: 'main', index: 0 }]],
		});
		expect(connections['Seats per app']).toEqual({
			main: [
				['LeadIQ', 'Leapsome', 'Spekit'].map((app) => ({
					node: `${app}: cut off leavers`,
					type: 'main',
					index: 0,
				})),
			],
		});
	});

	test.each(Object.keys(TEMPLATES) as TemplateName[])(
		'%s: a CSV with a bad line fails as a whole, never passing on the rows before it; a byte-order mark is not part of the first column',
		(name) => {
			// Extract From File 1 ignores a parse error where the file is held in memory (n8n's
			// binary mode "default") and passes on the rows read so far; 1.1 fails in every mode.
			// Excel's "CSV UTF-8" starts with a byte-order mark, which would make `email` another name.
			for (const node of nodesOf(name).filter(
				(node) => node.type === 'n8n-nodes-base.extractFromFile',
			)) {
				expect(node.typeVersion).toBeGreaterThanOrEqual(1.1);
				expect(params(node).options).toMatchObject({ enableBOM: true });
			}
		},
	);

	test('the access removal report runs monthly, measures against 60 minutes unless set, and attaches its CSV', () => {
		const nodes = nodesOf('accessRemovalReport');
		const schedule = nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger')!;
		expect(params(schedule).rule).toEqual({
			interval: [{ field: 'months', monthsInterval: 1, triggerAtDayOfMonth: 1, triggerAtHour: 8 }],
		});
		const settings = nodes.find((node) => node.name === 'Report settings')!;
		expect(
			((params(settings).assignments as IDataObject).assignments as IDataObject[]).find(
				(field) => field.name === 'targetMinutes',
			),
		).toMatchObject({ value: 60, type: 'number' });
		const email = nodes.find((node) => node.type === 'n8n-nodes-base.emailSend')!;
		expect(params(email).options).toMatchObject({ attachments: 'report' });
		// It reads the deactivations the change log holds, and writes nothing there.
		expectOpensTheLog(nodes);
		const read = nodes.find((node) => node.name === 'Read the change log')!;
		expect(params(read)).toMatchObject({ resource: 'row', operation: 'get', returnAll: true });
		expect(nodes.some((node) => node.name === 'Append to the change log')).toBe(false);
	});
});
