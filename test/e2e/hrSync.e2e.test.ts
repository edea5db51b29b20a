import type { IDataObject } from 'n8n-workflow';

import { N8nApi } from '../../tools/n8n/api';
import type { PublicExecution } from '../../tools/n8n/api';
import { DEMO_OWNER } from '../../tools/n8n/demo';
import { hrExport, vendorApps } from '../../tools/n8n/demoServices';
import type { DemoServices } from '../../tools/n8n/demoServices';
import type { N8nInstance } from '../../tools/n8n/instance';
import { demoTemplate, TEMPLATES } from '../../tools/n8n/templates';
import type { CaughtMail } from '../../tools/services/mailCatcher';
import type { ScimStore, StoredUser } from '../servers/scimStore';
import { sleep, waitFor } from '../harness/waitFor';
import { freshN8n } from './freshN8n';
import { acknowledgementOn, HrSyncDriver, lastRun, webhookStartedHrSync } from './hrSyncDriver';
import type { Answer } from './hrSyncDriver';

/** User agents that open a message's links before a person does, and a person's browser. */
const OPENERS = {
	browser:
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
	safeLinks: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)',
	slackPreview: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
	teamsPreview:
		'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com',
};

/**
 * The HR-sync template in a running n8n: it reads the demo's HR list, emails the plan, waits
 * for the approver's answer on n8n's form page, applies exactly the approved plan, logs every
 * write in the Data Table "Provisioning log", and emails the result. Started through a
 * webhook here (a test cannot press the editor's button); everything else is the template as
 * it ships.
 */
describe('the HR sync template with approval, in a running n8n', () => {
	let n8n: N8nInstance;
	let services: DemoServices;
	let api: N8nApi;
	let driver: HrSyncDriver;
	const workflowId = 'e2eHrSyncApprove';

	beforeAll(async () => {
		// An instance where no workflow may call another unless its settings allow it, as admins
		// lock n8n down: the template plans in a run of its own, calling itself.
		({ n8n, services } = await freshN8n('hrSync', {
			N8N_WORKFLOW_CALLER_POLICY_DEFAULT_OPTION: 'none',
		}));
		const workflow = webhookStartedHrSync(services.hrList.url);
		await n8n.importWorkflows([workflow, demoTemplate('offboarding'), demoTemplate('onboarding')]);
		await n8n.publish(workflow.id);
		await n8n.publish(TEMPLATES.offboarding.id);
		await n8n.publish(TEMPLATES.onboarding.id);
		await n8n.start();
		api = new N8nApi(n8n.url);
		await api.signIn(DEMO_OWNER);
		driver = new HrSyncDriver(n8n, services);
		await driver.webhookRegistered();
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await services?.close();
	});

	const apps = () => vendorApps(services);
	const user = (store: ScimStore, userName: string): StoredUser | undefined =>
		store.userByName(userName);
	const groupsOf = (store: ScimStore, id: string) =>
		[...store.groups.values()]
			.filter((group) => group.members.some((member) => member.value === id))
			.map((group) => group.displayName)
			.filter((name) => name !== 'Default');
	const writesIn = (service: { requests: Array<{ method: string }> }) =>
		service.requests.filter((request) => request.method !== 'GET').length;
	const allWrites = () => [services.leadIq, services.leapsome, services.spekit].map(writesIn);
	const log = async () => await api.dataTableRows('Provisioning log');

	/** Starts a run and answers the email it sends (to approve, or for attention). */
	const planEmail = async (subject?: RegExp): Promise<CaughtMail> =>
		await driver.planEmail(subject);
	const linksIn = (mail: CaughtMail) => driver.linksIn(mail);

	/** The approval page's address, once its execution waits there (the email leaves just before). */
	async function approvalPage(plan: CaughtMail): Promise<string> {
		const [link] = linksIn(plan);
		expect(link).toMatch(new RegExp(`^${n8n.url}/form-waiting/\\d+\\?signature=`));
		return await driver.approvalPage(plan);
	}

	const pageSaying = async (link: string, text: string) => await driver.pageSaying(link, text);
	const executionStatus = async (link: string) => await driver.executionStatus(link);

	/** The approver's answer, as the page's button sends it; answers the page shown next. */
	async function answer(
		link: string,
		decision: Answer['decision'],
		name: string,
		comment = '',
		acknowledge = false,
	): Promise<string> {
		const page = await driver.answer(link, { decision, name, comment, acknowledge });
		expect(page.status).toBe(200);
		return await page.text();
	}

	test('the offboarding form’s ending page says, per app, what was done or would be done', async () => {
		const submit = async (preview: string) => {
			const form = new FormData();
			form.set('field-0', 'max.turner@example.com');
			form.set('field-1', preview);
			const answer = await fetch(`${n8n.url}/form/offboard-leaver`, { method: 'POST', body: form });
			// The form's page goes on to where the workflow's form ending shows, once it is reached.
			const { formWaitingUrl } = (await answer.json()) as { formWaitingUrl: string };
			expect(formWaitingUrl).toMatch(new RegExp(`^${n8n.url}/form-waiting/`));
			return await waitFor(
				'the form’s ending page',
				async () => {
					// Asked before the workflow reaches its ending, n8n holds the request: ask again.
					const ending = await fetch(formWaitingUrl, { signal: AbortSignal.timeout(5000) }).catch(
						() => undefined,
					);
					const page = (await ending?.text().catch(() => '')) ?? '';
					return /nothing was changed|Running it again is safe/.test(page)
						? { status: ending?.status, page }
						: undefined;
				},
				60_000,
			);
		};
		const writes = allWrites();
		const rows = (await log()).length;
		const preview = await submit('Yes');
		expect(preview.status).toBe(200);
		expect(preview.page).toContain('Preview: nothing was changed');
		expect(preview.page).toContain(
			'Would deactivate max.turner@example.com in Leapsome and remove them from Sales',
		);
		expect(allWrites()).toEqual(writes);
		// A preview writes nothing, and so logs nothing.
		expect((await log()).length).toBe(rows);
	});

	test('opening the plan email’s link, as scanners and previews do, changes nothing; the page’s Approve applies exactly the plan, names the approver and logs every write', async () => {
		const plan = await planEmail();
		expect(plan.subject).toMatch(/^HR sync: \d+ changes to approve$/);
		for (const app of ['LeadIQ', 'Leapsome', 'Spekit']) expect(plan.html).toContain(`>${app}</h2>`);
		expect(plan.html).toContain('max.turner@example.com');
		expect(plan.html).toContain('title: Account Executive → Senior Account Executive');
		expect(plan.html).toContain('held: renameNotAllowed');
		expect(plan.html).toContain(
			'LeadIQ cannot rename: create the new address by hand or keep the old one.',
		);
		expect(plan.html).toContain('title is not kept in LeadIQ: its SCIM API updates names only');
		expect(plan.html).toMatch(/<td width="\d+%" style="background:#c62828/);
		const planIds = Object.fromEntries(
			[...plan.html.matchAll(/(LeadIQ|Leapsome|Spekit) ([0-9a-f]{64,})/g)].map((match) => [
				match[1],
				match[2],
			]),
		);
		expect(Object.keys(planIds).sort()).toEqual(['LeadIQ', 'Leapsome', 'Spekit']);

		const link = await approvalPage(plan);
		const mails = services.mail.mails.length;
		const writes = allWrites();
		// Every link of the email, as a person, Safe Links and two link previews open it: GET and HEAD, twice.
		for (const href of linksIn(plan))
			for (const agent of Object.values(OPENERS))
				for (const method of ['GET', 'HEAD', 'GET', 'HEAD'])
					await fetch(href, {
						method,
						headers: { 'User-Agent': agent },
						signal: AbortSignal.timeout(10_000),
					});
		await sleep(10_000);
		expect(allWrites()).toEqual(writes);
		expect(services.mail.mails.length).toBe(mails);
		expect(await executionStatus(link)).toBe('form-waiting');
		// The run that waits holds the plan report and the rows it was made from, not the planning
		// steps: the run that planned handed them over and ended.
		const waiting = await api.execution(/form-waiting\/(\d+)/.exec(link)![1]);
		const steps = Object.keys(waiting.data!.resultData.runData);
		expect(steps[0]).toBe('Plan report');
		for (const people of ['Read the CSV', 'Seats per app', 'Who gets Leapsome', 'Leapsome: sync'])
			expect(steps).not.toContain(people);
		const handed = waiting.data!.resultData.runData['Plan report'][0].data!.main[0]![0].json
			.hrList as { columns: string[]; rows: unknown[][] };
		const email = handed.columns.indexOf('email');
		expect(handed.rows.map((row) => row[email])).toEqual(
			services.hrList.rows.map((row) => row.email),
		);
		expect(apps().every(([, store]) => user(store, 'riley.jordan@example.com') === undefined)).toBe(
			true,
		);

		const result = services.mail.next(/^HR sync( applied| declined|: nothing)/);
		const page = await answer(link, 'Approve and apply', 'Jane Doe', 'Checked with HR');
		expect(page).toMatch(/Approved by Jane Doe on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
		expect(page).toContain(planIds.Leapsome);
		const applied = await result;
		expect(applied.subject).toMatch(/^HR sync applied: \d+ changes$/);
		expect(applied.html).toMatch(/Approved by Jane Doe on .*Checked with HR/);
		for (const id of Object.values(planIds)) expect(applied.html).toContain(id);
		for (const [app, store] of apps()) {
			expect({ app, max: user(store, 'max.turner@example.com')?.active }).toEqual({
				app,
				max: false,
			});
			const riley = user(store, 'riley.jordan@example.com')!;
			expect({ app, riley: groupsOf(store, riley.id) }).toEqual({ app, riley: ['Sales'] });
		}
		const { leapsome, spekit, leadIq } = services;
		expect(user(leapsome.store, 'liam.chen@example.com')?.title).toBe('Senior Account Executive');
		expect(user(leapsome.store, 'sofia.bianchi@example.com')).toBeDefined();
		expect(user(spekit.store, 'sofia.bianchi@example.com')).toBeDefined();
		// LeadIQ cannot rename: Sofia is held there, under her old address.
		expect(user(leadIq.store, 'sofia.rossi@example.com')).toBeDefined();
		expect(user(leadIq.store, 'sofia.bianchi@example.com')).toBeUndefined();
		expect(leapsome.violations).toEqual([]);

		// The change log: one row per write, each with its app's plan ID and the approver.
		const rows = await log();
		const done = Number(/applied: (\d+) changes/.exec(applied.subject)![1]);
		expect(rows).toHaveLength(done);
		for (const row of rows) {
			expect(row.planId).toBe(planIds[row.app as string]);
			expect(row.approvedBy).toMatch(/^Jane Doe, \d{4}-.*: Checked with HR$/);
			expect(row.outcome).toBe('done');
			expect(row.workflow).toBe('HR sync, end to end');
		}
		expect(
			rows
				.filter((row) => row.userName === 'max.turner@example.com')
				.map((row) => `${row.app} ${row.action}`)
				.sort(),
		).toEqual(['LeadIQ deactivate', 'Leapsome deactivate', 'Spekit deactivate']);
		const liam = rows.find(
			(row) => row.app === 'Leapsome' && row.userName === 'liam.chen@example.com',
		);
		expect(liam?.changes).toContain('title: Account Executive → Senior Account Executive');

		// One Sync step per app made the plan and applied it: the dry run in the run that planned,
		// the apply in the run it handed the plan to, which waited for the approval.
		const { run, planning } = await lastRun(api, workflowId);
		const outcomesIn = (execution: PublicExecution) =>
			execution.data!.resultData.runData['Leapsome: sync'].map(
				(step) => step.data!.main[0]!.map((item) => item.json.outcome)[0],
			);
		expect(outcomesIn(planning)).toEqual([expect.stringMatching(/^would|^skipped$/)]);
		expect(outcomesIn(run)).toEqual(['done']);

		// A second answer changes nothing and says what was decided, by whom and when.
		// Once the run is over its page says what was decided (asked while it runs, n8n holds the request).
		await pageSaying(link, 'Already decided');
		await answer(link, 'Decline', 'Someone Else');
		const again = await pageSaying(link, 'Already decided');
		expect(again).toMatch(/Already decided: Approved by Jane Doe on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
		await sleep(2000);
		expect((await log()).length).toBe(rows.length);
		expect(
			services.mail.mails.filter((mail) => /^HR sync (applied|declined)/.test(mail.subject)),
		).toHaveLength(1);
	});

	test('after an approved run, a plan with only holds still reaches a person, each hold in words; a dry run logs nothing', async () => {
		const rows = (await log()).length;
		const writes = allWrites();
		const mail = await planEmail(/^HR sync needs your attention/);
		expect(mail.subject).toBe('HR sync needs your attention: 1 hold to look at');
		expect(mail.html).toContain('sofia.bianchi@example.com');
		expect(mail.html).toContain(
			'LeadIQ cannot rename: create the new address by hand or keep the old one.',
		);
		expect(linksIn(mail).some((href) => href.includes('/form-waiting/'))).toBe(false);
		expect(allWrites()).toEqual(writes);
		expect((await log()).length).toBe(rows);
	});

	test('declining on the page writes nothing, and the result email says who declined; a second answer changes nothing', async () => {
		user(services.leapsome.store, 'liam.chen@example.com')!.title = 'Account Executive';
		const before = apps().map(([, store]) => JSON.stringify([...store.users.values()]));
		const writes = allWrites();
		const rows = (await log()).length;
		const plan = await planEmail();
		expect(plan.subject).toBe('HR sync: 1 change to approve');
		const link = await approvalPage(plan);
		const result = services.mail.next(/^HR sync( applied| declined|: nothing)/);
		const page = await answer(link, 'Decline', 'Jane Doe', 'Not this week');
		expect(page).toContain('Declined by Jane Doe');
		const declined = await result;
		expect(declined.subject).toBe('HR sync declined: nothing was written');
		expect(declined.html).toMatch(/Declined by Jane Doe on .*Not this week/);
		await pageSaying(link, 'Already decided');
		await answer(link, 'Approve and apply', 'Someone Else');
		expect(await pageSaying(link, 'Already decided')).toContain(
			'Already decided: Declined by Jane Doe',
		);
		await sleep(2000);
		expect(apps().map(([, store]) => JSON.stringify([...store.users.values()]))).toEqual(before);
		expect(allWrites()).toEqual(writes);
		expect((await log()).length).toBe(rows);
	});

	test('a POST that is not a named person’s choice decides nothing: a blank name or no fields asks again on the same link; a decision n8n cannot read ends the run saying so', async () => {
		user(services.leapsome.store, 'liam.chen@example.com')!.title = 'Account Executive';
		const writes = allWrites();
		const plan = await planEmail();
		const link = await approvalPage(plan);
		const mails = services.mail.mails.length;
		const post = async (fields: Record<string, string>) => {
			const form = new FormData();
			for (const [key, value] of Object.entries(fields)) form.set(key, value);
			return await fetch(link, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
		};
		const asksAgain = () =>
			waitFor(
				'the page to ask again',
				async () => ((await executionStatus(link)) === 'form-waiting' ? true : undefined),
				30_000,
			);
		// A blank name, as a script or a careless click sends it (n8n checks required fields only in the browser).
		const blank = await post({
			'field-1': '   ',
			'field-2': '',
			'field-3': JSON.stringify(['Approve and apply']),
		});
		expect(await blank.text()).toContain('Nothing decided yet');
		await asksAgain();
		// No fields at all.
		await post({});
		await asksAgain();
		// A name of invisible characters only (zero-width spaces) is no name.
		expect(
			await (
				await post({
					'field-1': '\u200B\u2060',
					'field-2': '',
					'field-3': JSON.stringify(['Approve and apply']),
				})
			).text(),
		).toContain('Nothing decided yet');
		await asksAgain();
		await sleep(2000);
		expect(services.mail.mails.slice(mails).map((mail) => mail.subject)).toEqual([]);
		expect(allWrites()).toEqual(writes);
		// A named person's answer still decides.
		const result = services.mail.next(/^HR sync( applied| declined|: nothing)/);
		expect(await answer(link, 'Decline', 'Jane Doe')).toContain('Declined by Jane Doe');
		expect((await result).subject).toBe('HR sync declined: nothing was written');
		expect(allWrites()).toEqual(writes);

		// A decision n8n cannot read (its radio buttons send a JSON list): n8n answers 500 and resumes
		// the run without its earlier steps. Nothing is written, and the email says so, never that
		// nobody answered in time.
		user(services.leapsome.store, 'liam.chen@example.com')!.title = 'Something Else';
		const again = await approvalPage(await planEmail());
		const unreadable = services.mail.next(/^HR sync/);
		const form = new FormData();
		for (const [key, value] of Object.entries({
			'field-1': 'Jane Doe',
			'field-2': '',
			'field-3': 'Approve and apply',
		}))
			form.set(key, value);
		await fetch(again, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
		expect((await unreadable).subject).toBe(
			'HR sync: the approval page got an answer n8n could not read; nothing was written',
		);
		expect(allWrites()).toEqual(writes);
	});

	test('an app that changed between the plan and the approval refuses as stale and logs it; the others apply', async () => {
		user(services.spekit.store, 'liam.chen@example.com')!.title = 'Account Executive';
		const plan = await planEmail();
		expect(plan.subject).toBe('HR sync: 2 changes to approve');
		const link = await approvalPage(plan);
		// Someone edits Liam in Leapsome after the plan was made.
		user(services.leapsome.store, 'liam.chen@example.com')!.title = 'Sales Lead';
		const leapsomeWrites = writesIn(services.leapsome);
		const rows = (await log()).length;
		const result = services.mail.next(/^HR sync( applied| declined|: nothing)/);
		await answer(link, 'Approve and apply', 'Jane Doe');
		const applied = await result;
		expect(applied.subject).toBe(
			'HR sync applied 1 change, 1 not done (Leapsome refused as stale)',
		);
		expect(applied.html).toMatch(/Nothing was written: refused as stale.<\/b> The plan is stale/);
		expect(user(services.leapsome.store, 'liam.chen@example.com')?.title).toBe('Sales Lead');
		expect(writesIn(services.leapsome)).toBe(leapsomeWrites);
		expect(user(services.spekit.store, 'liam.chen@example.com')?.title).toBe(
			'Senior Account Executive',
		);
		const added = (await log()).slice(rows);
		expect(added.map((row) => `${row.app} ${row.userName} ${row.outcome}`).sort()).toEqual([
			'Leapsome  refused',
			'Spekit liam.chen@example.com done',
		]);
		expect(added.find((row) => row.app === 'Leapsome')?.error).toMatch(/The plan is stale/);
	});

	test('an edit of the HR list after the plan changes nothing in what is applied: the approved run applies the rows it was planned from', async () => {
		user(services.leapsome.store, 'liam.chen@example.com')!.title = 'Senior Account Executive';
		user(services.spekit.store, 'liam.chen@example.com')!.title = 'Account Executive';
		const plan = await planEmail();
		expect(plan.subject).toBe('HR sync: 1 change to approve');
		const link = await approvalPage(plan);
		// HR changes Liam's title again after the plan was made.
		const planned = services.hrList.rows;
		services.hrList.rows = planned.map((row) =>
			row.email === 'liam.chen@example.com' ? { ...row, title: 'Head of Sales' } : row,
		);
		try {
			const result = services.mail.next(/^HR sync( applied| declined|: nothing)/);
			await answer(link, 'Approve and apply', 'Jane Doe');
			expect((await result).subject).toBe('HR sync applied: 1 change');
			expect(user(services.spekit.store, 'liam.chen@example.com')?.title).toBe(
				'Senior Account Executive',
			);
			expect(user(services.leapsome.store, 'liam.chen@example.com')?.title).toBe(
				'Senior Account Executive',
			);
		} finally {
			services.hrList.rows = planned;
		}
	});

	test('a write the app refuses is logged with its error, and a result that applied nothing does not say applied', async () => {
		user(services.leapsome.store, 'liam.chen@example.com')!.title = 'Senior Account Executive';
		user(services.spekit.store, 'liam.chen@example.com')!.title = 'Account Executive';
		const plan = await planEmail();
		expect(plan.subject).toBe('HR sync: 1 change to approve');
		const link = await approvalPage(plan);
		services.faults.spekit = (request) => (request.method === 'GET' ? undefined : { status: 500 });
		const rows = (await log()).length;
		const result = services.mail.next(/^HR sync( applied| declined|: nothing)/);
		try {
			await answer(link, 'Approve and apply', 'Jane Doe');
			const applied = await result;
			expect(applied.subject).toBe(
				'HR sync: nothing was applied, 1 change not done (Spekit failed)',
			);
			expect(applied.html).toContain('<b style="color:#555">0 done</b>');
		} finally {
			delete services.faults.spekit;
		}
		const added = (await log()).slice(rows);
		expect(added).toHaveLength(1);
		expect(added[0]).toMatchObject({
			app: 'Spekit',
			userName: 'liam.chen@example.com',
			action: 'update',
			outcome: 'failed',
			approvedBy: expect.stringMatching(/^Jane Doe, /),
		});
		expect(added[0].error).not.toBe('');
		expect(user(services.spekit.store, 'liam.chen@example.com')?.title).toBe('Account Executive');
	});

	test('a plan of 300 new hires shows 50 per app and “and N more”, with every row in the attached plan.csv', async () => {
		const hires = Array.from({ length: 300 }, (_, index) => ({
			email: `new.hire${index + 1}@example.com`,
			employee_id: `E-${5001 + index}`,
			first_name: 'New',
			last_name: `Hire${index + 1}`,
			title: 'Account Executive',
			team: 'Sales',
			status: 'active',
			previous_email: '',
		}));
		services.hrList.rows = [...hrExport(), ...hires];
		const plan = await planEmail();
		expect(plan.subject).toMatch(/^HR sync: \d+ changes to approve$/);
		// Per app: its first 50 changes and holds, then how many more; the CSV holds them all.
		for (const app of ['LeadIQ', 'Leapsome', 'Spekit']) {
			const section = plan.html.split(`>${app}</h2>`)[1].split('<h2')[0];
			expect(section.match(/<tr style="border-top/g)).toHaveLength(50);
			expect(section).toMatch(/and \d+ more<\/b> in /);
		}
		const [csv] = plan.attachments;
		expect(csv.filename).toBe('plan.csv');
		const lines = csv.content.trim().split('\n');
		expect(lines[0]).toBe('app,userName,action,outcome,reason,changes,summary');
		for (const app of ['LeadIQ', 'Leapsome', 'Spekit'])
			expect(
				lines.filter((line) => line.startsWith(`${app},new.hire`) && line.includes(',create,')),
			).toHaveLength(300);
	});

	/** 300 engineers in Leapsome, as the list and the app both have them: a company large enough for its brakes. */
	function engineers(): Array<Record<string, string>> {
		const team = services.leapsome.store.groupByName('Engineering')!;
		return Array.from({ length: 300 }, (_, index) => {
			const row = {
				email: `engineer${index + 1}@example.com`,
				employee_id: `E-${7001 + index}`,
				first_name: 'Eng',
				last_name: `Neer${index + 1}`,
				title: 'Software Engineer',
				team: 'Engineering',
				status: 'active',
				previous_email: '',
			};
			if (!user(services.leapsome.store, row.email)) {
				const account = services.leapsome.addUser({
					userName: row.email,
					givenName: row.first_name,
					familyName: row.last_name,
					title: row.title,
					externalId: row.employee_id,
				});
				team.members.push({ value: account.id });
			}
			return row;
		});
	}

	test('past an app’s Change Limit the plan names the brake and asks for an acknowledgement; Approve without it writes nothing and asks again, with it the run takes exactly the count planned', async () => {
		const staff = engineers();
		// 55 engineers leave: over Leapsome's Change Limit (1 % of its list, at least 50), under a fifth.
		for (const row of staff.slice(0, 55)) row.status = 'terminated';
		services.hrList.rows = [...hrExport(), ...staff];
		const leaving = staff.slice(0, 55).map((row) => row.email);

		const writes = allWrites();
		const plan = await planEmail();
		expect(plan.subject).toMatch(
			/^HR sync: Leapsome over the Change Limit, \d+ changes to approve$/,
		);
		expect(plan.html).toContain(
			'Leapsome: 55 accounts would lose access or a group, over the Change Limit of 50',
		);
		expect(plan.html).toContain('Approving takes ticking “I have checked the 55 in Leapsome”');
		const link = await approvalPage(plan);
		const page = await (await fetch(link)).text();
		expect(acknowledgementOn(page)).toBe('I have checked the 55 in Leapsome');

		// Approve without the box ticked: nothing is written, no email goes, and the page asks again.
		const mails = services.mail.mails.length;
		expect(await answer(link, 'Approve and apply', 'Jane Doe')).toContain(
			'Not approved yet: to approve past the brake, tick “I have checked the 55 in Leapsome”',
		);
		await waitFor(
			'the page to ask again',
			async () => ((await executionStatus(link)) === 'form-waiting' ? true : undefined),
			30_000,
		);
		expect(services.mail.mails.length).toBe(mails);
		expect(allWrites()).toEqual(writes);

		const result = services.mail.next(/^HR sync (applied|declined|not)|^HR sync: nothing/);
		expect(await answer(link, 'Approve and apply', 'Jane Doe', '', true)).toContain(
			'Approved by Jane Doe on',
		);
		const applied = await result;
		expect(applied.subject).toMatch(/^HR sync applied: \d+ changes$/);
		expect(applied.html).toContain('ticking “I have checked the 55 in Leapsome”');
		for (const email of leaving)
			expect({ email, active: user(services.leapsome.store, email)?.active }).toEqual({
				email,
				active: false,
			});
		// The approved run took Leapsome's Change Limit to exactly the 55 acknowledged.
		const { run } = await lastRun(api, workflowId);
		const approved = run.data!.resultData.runData['The approved plan'][0].data!.main[0]![0];
		expect((approved.json.changeLimits as IDataObject).Leapsome).toBe(55);
		// The Sync steps' options read this item: it carries no people, whatever the list's size.
		expect(JSON.stringify(approved.json).length).toBeLessThan(1000);
	});

	test('Max Share Deactivated stops an app’s dry run, and a week with nothing else to apply still emails, naming the brake', async () => {
		const staff = engineers();
		// Another 80 of the remaining 245 leave: more than a fifth of Leapsome's active accounts.
		for (const row of staff.slice(0, 135)) row.status = 'terminated';
		services.hrList.rows = [...hrExport(), ...staff];
		const writes = allWrites();
		try {
			const mail = await planEmail(/^HR sync needs your attention/);
			expect(mail.subject).toContain('the dry run stopped at a brake in Leapsome');
			expect(mail.html).toContain(
				'The dry run stopped at a brake, so nothing will be written to Leapsome',
			);
			expect(mail.html).toContain('Max Share Deactivated');
			expect(linksIn(mail).some((href) => href.includes('/form-waiting/'))).toBe(false);
			expect(allWrites()).toEqual(writes);
		} finally {
			services.hrList.rows = hrExport();
		}
	});

	test('a weekly run where every app’s dry run fails still emails a person, saying why', async () => {
		// Every app refuses the token, as when it was revoked: no app can even be read.
		const refuse = () => ({ status: 401 });
		Object.assign(services.faults, { leadIq: refuse, leapsome: refuse, spekit: refuse });
		try {
			const mail = await planEmail(/^HR sync needs your attention/);
			expect(mail.subject).toBe(
				'HR sync needs your attention: the dry run failed in LeadIQ and Leapsome and Spekit',
			);
			expect(mail.html).toContain('The dry run failed, so nothing will be written to Leapsome');
		} finally {
			for (const app of ['leadIq', 'leapsome', 'spekit'] as const) delete services.faults[app];
		}
	});

	test('an HR list that gives nobody an app, or nobody one app, writes nothing there and still emails, saying why', async () => {
		const writes = allWrites();
		const attention = async (why: string, text: string) => {
			const mail = await planEmail(/^HR sync needs your attention/);
			expect(mail.subject).toBe(`HR sync needs your attention: ${why}`);
			for (const app of ['LeadIQ', 'Leapsome', 'Spekit'])
				expect(mail.html).toContain(
					`No dry run, so nothing will be written to ${app}:</b> ${text}`,
				);
		};
		try {
			// The export came out as a header alone.
			services.hrList.rows = [];
			await attention(
				'no person could be read from the HR list',
				'No person could be read from the HR list (a header alone, an empty file, or one line of something else)',
			);
			// A title with a comma the export did not quote: a line with a column too many.
			services.hrList.rows = hrExport().map((row, at) =>
				at === 0 ? { ...row, title: 'Head, EMEA' } : row,
			);
			await attention('the HR list could not be read', 'The HR list could not be read (');
			// Excel's "CSV UTF-8": a byte-order mark before the header. Read the CSV drops it, so
			// `email` is still the column every app's step reads.
			services.hrList.rows = hrExport().map(({ email, ...row }) => ({
				'\ufeffemail': email,
				...row,
			}));
			const withMark = await planEmail(/^HR sync/);
			expect(withMark.html).not.toMatch(/No input item is a valid person|No dry run/);
			// Only Leapsome's teams are left: LeadIQ's and Spekit's steps have nobody to run for, and
			// the plan still names them, whatever Leapsome's plan (leavers to approve, or a brake).
			services.hrList.rows = hrExport().filter(
				(row) => !/Sales|Customer Success|Marketing/.test(row.team),
			);
			const partial = await planEmail(/^HR sync/);
			expect(partial.html).not.toContain('nothing will be written to Leapsome:</b> Nobody');
			for (const app of ['LeadIQ', 'Spekit'])
				expect(partial.html).toContain(
					`No dry run, so nothing will be written to ${app}:</b> Nobody in the HR list gets ${app} (by team, in Seats per app)`,
				);
			expect(allWrites()).toEqual(writes);
		} finally {
			services.hrList.rows = hrExport();
		}
	});

	test('offboarding and onboarding append each write to the Data Table “Provisioning log”', async () => {
		const rows = (await log()).length;
		const form = new FormData();
		form.set('field-0', 'noah.patel@example.com');
		form.set('field-1', 'No');
		const submitted = await fetch(`${n8n.url}/form/offboard-leaver`, {
			method: 'POST',
			body: form,
		});
		expect(submitted.status).toBe(200);
		const offboarded = await waitFor(
			'the offboarding’s rows',
			async () => {
				const added = (await log()).slice(rows);
				return added.length >= 3 ? added : undefined;
			},
			60_000,
		);
		expect(
			offboarded.map((row) => [
				row.workflow,
				row.app,
				row.userName,
				row.action,
				row.outcome,
				row.groupsLeft,
			]),
		).toEqual(
			['LeadIQ', 'Leapsome', 'Spekit'].map((app) => [
				'Offboard a leaver from every SCIM app',
				app,
				'noah.patel@example.com',
				'deactivate',
				'done',
				'Sales',
			]),
		);
		for (const [app, store] of apps())
			expect({ app, active: user(store, 'noah.patel@example.com')?.active }).toEqual({
				app,
				active: false,
			});

		const hired = await fetch(`${n8n.url}/webhook/onboard-new-hire`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				email: 'mia.novak@example.com',
				givenName: 'Mia',
				familyName: 'Novak',
				title: 'Account Executive',
				team: 'Sales',
				department: 'Sales',
				managerEmail: 'daniel.cohen@example.com',
				startDate: '2026-12-14',
			}),
		});
		expect(hired.status).toBe(200);
		const added = (await log()).slice(rows + 3);
		expect(
			added.map((row) => [row.app, row.userName, row.action, row.outcome, row.groupsJoined]),
		).toEqual(
			['LeadIQ', 'Leapsome', 'Spekit'].map((app) => [
				app,
				'mia.novak@example.com',
				'create',
				'done',
				'Sales',
			]),
		);
		for (const [app, store] of apps())
			expect({ app, id: added.find((row) => row.app === app)?.accountId }).toEqual({
				app,
				id: user(store, 'mia.novak@example.com')?.id,
			});
	});
});
