import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { N8nApi } from '../../tools/n8n/api';
import { DEMO_OWNER } from '../../tools/n8n/demo';
import { hrExport, vendorApps } from '../../tools/n8n/demoServices';
import type { DemoServices } from '../../tools/n8n/demoServices';
import type { N8nInstance, WorkflowFile } from '../../tools/n8n/instance';
import { demoTemplate } from '../../tools/n8n/templates';
import type { TemplateName } from '../../tools/n8n/templates';
import type { CaughtMail } from '../../tools/services/mailCatcher';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import type { ScimStore } from '../servers/scimStore';
import { waitFor } from '../harness/waitFor';
import { freshN8n } from './freshN8n';

const MINUTE = 60_000;
const APPS = ['LeadIQ', 'Leapsome', 'Spekit'] as const;

/**
 * A template as it ships, started through a webhook that answers once the run is over (a
 * test can neither press the editor's button nor wait for the schedule); its schedule
 * trigger is kept, disabled, since the report's settings ask whether it started the run.
 */
function webhookVariant(
	name: TemplateName,
	id: string,
	triggers: { manual: string; schedule: string },
	hrListUrl: string,
): WorkflowFile {
	const workflow = demoTemplate(name, hrListUrl);
	const nodes = (workflow.nodes as IDataObject[]).map((node) => {
		if (node.name === triggers.schedule) return { ...node, disabled: true };
		if (node.name !== triggers.manual) return node;
		return {
			...node,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: id,
			parameters: { path: id, httpMethod: 'GET', responseMode: 'lastNode', options: {} },
		};
	});
	return { ...workflow, id, name: `${workflow.name}, end to end`, nodes };
}

/** The rows of a CSV file: fields split on commas, quoted ones unquoted ("" is a quote). */
function csvRows(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (quoted) {
			if (char === '"' && text[index + 1] === '"') field += text[index++];
			else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n') {
			rows.push([...row, field]);
			row = [];
			field = '';
		} else field += char;
	}
	if (field || row.length) rows.push([...row, field]);
	return rows;
}

/** An ISO date-time as an HR export gives it, to the second. */
const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/**
 * The two templates that act on HR's dates, in a running n8n, against the demo's HR list with
 * dates relative to the test's start: Leavers lose access on time (Only Leavers, no
 * approval), then the Access removal report, which reads what the first one logged.
 */
describe('leavers on time and the access removal report, in a running n8n', () => {
	let n8n: N8nInstance;
	let services: DemoServices;
	let api: N8nApi;
	const LEAVERS = 'e2eLeaversOnTime';
	const REPORT = 'e2eAccessRemoval';
	/** The HR list as the tests change it: the demo's, read at the first test's start. */
	let hrRows: Array<Record<string, string>>;
	/** When each leaver's access ends, as the tests set it. */
	const leaves: Record<string, number> = {};
	/** Gives a person of the HR list a leave moment 5 minutes before `start`, and notes it. */
	const leftFiveMinutesBefore = (email: string, start: number) => {
		const leave = at(start - 5 * MINUTE);
		hrRows.find((row) => row.email === email)!.leave_date = leave;
		leaves[email] = Date.parse(leave);
	};

	beforeAll(async () => {
		({ n8n, services } = await freshN8n('leaversOnTime'));
		await n8n.importWorkflows([
			webhookVariant(
				'leaversOnTime',
				LEAVERS,
				{ manual: 'Run now', schedule: 'Every 15 minutes' },
				services.hrList.url,
			),
			webhookVariant(
				'accessRemovalReport',
				REPORT,
				{ manual: 'Run the report now', schedule: 'Monthly, 1st at 8:00' },
				services.hrList.url,
			),
		]);
		await n8n.publish(LEAVERS);
		await n8n.publish(REPORT);
		await n8n.start();
		api = new N8nApi(n8n.url);
		await api.signIn(DEMO_OWNER);
		// n8n registers an active workflow's webhooks shortly after its API answers.
		await waitFor(
			'the workflows’ webhooks',
			async () => {
				for (const path of [LEAVERS, REPORT]) {
					const probe = await fetch(`${n8n.url}/webhook/${path}`, { method: 'POST' });
					if (!(await probe.text()).includes('not registered for POST')) return undefined;
				}
				return true;
			},
			60_000,
		);
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await services?.close();
	});

	const user = (store: ScimStore, userName: string) => store.userByName(userName);
	const groupsOf = (store: ScimStore, userName: string) => {
		const id = user(store, userName)?.id;
		return [...store.groups.values()]
			.filter((group) => group.members.some((member) => member.value === id))
			.map((group) => group.displayName);
	};
	const writes = () =>
		[services.leadIq, services.leapsome, services.spekit].map(
			(service) => service.requests.filter((request) => request.method !== 'GET').length,
		);
	const log = async () => await api.dataTableRows('Provisioning log');

	/** Runs a workflow through its webhook, waits for the end, and checks n8n calls it a success. */
	async function run(workflowId: string): Promise<void> {
		const answer = await fetch(`${n8n.url}/webhook/${workflowId}`, {
			signal: AbortSignal.timeout(120_000),
		});
		await answer.arrayBuffer();
		const [execution] = await waitFor(
			'the execution’s end',
			async () => {
				const executions = await api.executions(workflowId);
				return executions[0]?.stoppedAt ? executions : undefined;
			},
			30_000,
		);
		expect(execution.status).toBe('success');
	}

	async function runLeavers(expectMail: boolean): Promise<CaughtMail | undefined> {
		const mails = services.mail.mails.length;
		const mail = expectMail ? services.mail.next(/^Leavers on time/) : undefined;
		await run(LEAVERS);
		if (!expectMail) {
			expect(services.mail.mails.slice(mails).map((caught) => caught.subject)).toEqual([]);
			return undefined;
		}
		return await mail;
	}

	/** A row of the email's table, by the person's address. */
	const rowOf = (mail: CaughtMail, userName: string) =>
		mail.html.split('<tr').find((row) => row.includes(`>${userName}<`)) ?? '';

	/** The moment the email says the run happened, read in the time zone it names. */
	function checkedAt(mail: CaughtMail): { at: DateTime; zone: string } {
		const [, moment, zone] = / at (\d{4}-\d\d-\d\d \d\d:\d\d) ([\w/+-]+)\./.exec(mail.html) ?? [];
		return { at: DateTime.fromFormat(moment, 'yyyy-MM-dd HH:mm', { zone }), zone };
	}

	test('leavers whose leave moment passed 5 minutes ago lose access in every app in one run, and the email says how long after; a leaver tomorrow and the joiner are untouched', async () => {
		const start = Date.now();
		hrRows = hrExport(start);
		// Ava's leave date passed but HR has not flipped her status: the date decides.
		leftFiveMinutesBefore('ava.martin@example.com', start);
		for (const row of hrRows) if (row.leave_date) leaves[row.email] = Date.parse(row.leave_date);
		services.hrList.rows = hrRows;

		const mail = (await runLeavers(true))!;
		const ran = Date.now();
		expect(mail.subject).toBe('Leavers on time: 3 people lost access');
		const { at: when, zone } = checkedAt(mail);
		expect(when.toMillis()).toBeGreaterThanOrEqual(Math.floor(start / MINUTE) * MINUTE);
		expect(when.toMillis()).toBeLessThanOrEqual(ran);

		const gone = {
			'max.turner@example.com': 'Sales',
			'oliver.kim@example.com': 'Customer Success',
			'ava.martin@example.com': 'Sales',
		};
		for (const userName of Object.keys(gone)) {
			for (const [app, store] of vendorApps(services))
				expect({
					app,
					userName,
					active: user(store, userName)?.active,
					groups: groupsOf(store, userName),
				}).toEqual({
					app,
					userName,
					active: false,
					// LeadIQ keeps everyone in a group: out of theirs, back to Default.
					groups: app === 'LeadIQ' ? ['Default'] : [],
				});
			// Who, in which apps, at what time, and how many minutes after their leave moment.
			const row = rowOf(mail, userName);
			expect(row).toContain('<td>LeadIQ, Leapsome, Spekit</td>');
			expect(row).toContain(`<td>${when.toFormat('yyyy-MM-dd HH:mm')}</td>`);
			const minutes = Number(/<td>(\d+) minutes?/.exec(row)?.[1]);
			expect(minutes).toBeGreaterThanOrEqual(Math.ceil((start - leaves[userName]) / MINUTE));
			expect(minutes).toBeLessThanOrEqual(Math.ceil((ran - leaves[userName]) / MINUTE));
			expect(row).toContain(
				`leave moment ${DateTime.fromMillis(leaves[userName], { zone }).toFormat('yyyy-MM-dd HH:mm')}`,
			);
		}

		// Emma leaves tomorrow: her access stays until then. Joiners and other changes wait for the weekly sync.
		for (const [app, store] of vendorApps(services)) {
			expect({ app, emma: user(store, 'emma.dubois@example.com')?.active }).toEqual({
				app,
				emma: true,
			});
			expect(groupsOf(store, 'emma.dubois@example.com')).toEqual(['Customer Success']);
			expect({ app, riley: user(store, 'riley.jordan@example.com') }).toEqual({
				app,
				riley: undefined,
			});
			expect(user(store, 'sofia.rossi@example.com')?.active).toBe(true);
		}
		expect(user(services.leapsome.store, 'liam.chen@example.com')?.title).toBe('Account Executive');

		// One row per write in the change log, nothing else: the leavers' deactivations and, in
		// Leapsome, Julia Weiss (deactivated long ago, no longer in the list) leaving the team
		// she was still in, as accounts not in the list do.
		const rows = await log();
		expect(
			rows
				.map((row) => `${row.app} ${row.userName} ${row.action} ${row.outcome} ${row.groupsLeft}`)
				.sort(),
		).toEqual(
			[
				...Object.entries(gone).flatMap(([userName, team]) =>
					APPS.map((app) => `${app} ${userName} deactivate done ${team}`),
				),
				'Leapsome julia.weiss@example.com groups done Engineering',
			].sort(),
		);
		for (const row of rows) {
			const [, store] = vendorApps(services).find(([app]) => app === row.app)!;
			expect(row).toMatchObject({
				workflow: 'Leavers lose access on time, end to end',
				accountId: user(store, String(row.userName))?.id,
				planId: expect.stringMatching(/^[0-9a-f]{64,}$/),
				approvedBy: '',
				error: '',
			});
			expect(Date.parse(String(row.at))).toBeGreaterThanOrEqual(start);
		}
	});

	test('the next run, with nothing due, writes nothing, logs nothing and sends no email', async () => {
		const before = writes();
		const rows = (await log()).length;
		await runLeavers(false);
		expect(writes()).toEqual(before);
		expect((await log()).length).toBe(rows);
	});

	test('a team move (Sales → Marketing, which gets no LeadIQ) and a misspelled team take nothing away: no write, no log row, no email; the weekly HR sync asks', async () => {
		const before = writes();
		const rows = (await log()).length;
		services.hrList.rows = hrRows.map((row) =>
			row.email === 'liam.chen@example.com'
				? { ...row, team: 'Marketing' }
				: row.email === 'hana.sato@example.com'
					? { ...row, team: 'engineering' }
					: row,
		);
		try {
			await runLeavers(false);
		} finally {
			services.hrList.rows = hrRows;
		}
		expect(writes()).toEqual(before);
		expect((await log()).length).toBe(rows);
		expect(user(services.leadIq.store, 'liam.chen@example.com')?.active).toBe(true);
		expect(groupsOf(services.leadIq.store, 'liam.chen@example.com')).toEqual(['Sales']);
		expect(user(services.leapsome.store, 'hana.sato@example.com')?.active).toBe(true);
		expect(groupsOf(services.leapsome.store, 'hana.sato@example.com')).toEqual(['Engineering']);
	});

	test('a leaver who vanished from the list loses access in every app, and the email says so', async () => {
		hrRows = hrRows.filter((row) => row.email !== 'daniel.cohen@example.com');
		services.hrList.rows = hrRows;
		const rows = (await log()).length;
		const mail = (await runLeavers(true))!;
		expect(mail.subject).toBe('Leavers on time: 1 person lost access');
		const row = rowOf(mail, 'daniel.cohen@example.com');
		expect(row).toContain('<td>LeadIQ, Leapsome, Spekit</td>');
		expect(row).toContain('no longer in the HR list');
		for (const [app, store] of vendorApps(services))
			expect({ app, daniel: user(store, 'daniel.cohen@example.com')?.active }).toEqual({
				app,
				daniel: false,
			});
		expect(
			(await log()).slice(rows).map((entry) => `${entry.app} ${entry.userName} ${entry.action}`),
		).toEqual(APPS.map((app) => `${app} daniel.cohen@example.com deactivate`));
	});

	test('a leave date that does not read cuts nobody off, even one HR marked terminated, and the email names the row', async () => {
		const before = writes();
		const rows = (await log()).length;
		const chloe = hrRows.find((row) => row.email === 'chloe.moreau@example.com')!;
		services.hrList.rows = hrRows.map((row) =>
			row === chloe ? { ...row, status: 'terminated', leave_date: '31/12/2026' } : row,
		);
		try {
			const mail = (await runLeavers(true))!;
			expect(mail.subject).toBe(
				'Leavers on time needs your attention: 1 row of the HR list cannot be used',
			);
			const rowsSection = mail.html.split('Rows of the HR list that cannot be used')[1];
			// Every app's step reads the whole list, so each holds the row.
			expect(rowsSection).toMatch(/Leave Date[^<]*31\/12\/2026[^<]*\(LeadIQ, Leapsome, Spekit\)/);
		} finally {
			services.hrList.rows = hrRows;
		}
		expect(writes()).toEqual(before);
		expect((await log()).length).toBe(rows);
		for (const [app, store] of vendorApps(services).slice(1))
			expect({ app, chloe: user(store, 'chloe.moreau@example.com')?.active }).toEqual({
				app,
				chloe: true,
			});
	});

	test('a cut-off or empty export writes nothing in any app, and the email says which brake held', async () => {
		const before = writes();
		const rows = (await log()).length;
		const attention =
			'Leavers on time needs your attention: nothing was written in LeadIQ and Leapsome and Spekit';
		const brakeIn = (mail: CaughtMail, app: string) =>
			mail.html.split(`<b>Nothing was written in ${app}.</b>`)[1]?.split('</p>')[0] ?? '';
		try {
			// Only the CEO: each app's list matches one of its active accounts at most.
			services.hrList.rows = hrRows.filter((row) => row.email === 'ines.ferreira@example.com');
			const cutOff = (await runLeavers(true))!;
			expect(cutOff.subject).toBe(attention);
			for (const app of APPS) expect(brakeIn(cutOff, app)).toContain('looks like a cut-off export');
			expect(cutOff.html).toContain('Where a brake held, that app wrote nothing at all');
			// An export with its header row and nobody in it.
			services.hrList.rows = [];
			const empty = (await runLeavers(true))!;
			expect(empty.subject).toBe(attention);
			for (const app of APPS)
				expect(brakeIn(empty, app)).toContain('No input item is a valid person');
		} finally {
			services.hrList.rows = hrRows;
		}
		expect(writes()).toEqual(before);
		expect((await log()).length).toBe(rows);
		for (const [app, store] of vendorApps(services))
			expect({ app, noah: user(store, 'noah.patel@example.com')?.active }).toEqual({
				app,
				noah: true,
			});
	});

	test('a removal an app refuses is in red and logged with its error; an account deactivated by hand in the app only leaves its team', async () => {
		const start = Date.now();
		leftFiveMinutesBefore('noah.patel@example.com', start);
		services.hrList.rows = hrRows;
		// Someone deactivated Noah in Leapsome by hand, through its SCIM API.
		const leapsomeNoah = user(services.leapsome.store, 'noah.patel@example.com')!;
		const byHand = await fetch(`${services.leapsome.baseUrl}/Users/${leapsomeNoah.id}`, {
			method: 'PATCH',
			headers: { Authorization: `Bearer ${SIMULATOR_TOKEN}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ userName: leapsomeNoah.userName, active: false }),
		});
		expect(byHand.status).toBe(200);
		// Spekit refuses every write to Noah's account.
		const spekitNoah = user(services.spekit.store, 'noah.patel@example.com')!.id;
		services.faults.spekit = (request) =>
			request.method !== 'GET' && request.path.includes(spekitNoah) ? { status: 400 } : undefined;
		const rows = (await log()).length;
		try {
			const mail = (await runLeavers(true))!;
			expect(mail.subject).toBe('Leavers on time: 1 person lost access, 1 removal not done');
			expect(rowOf(mail, 'noah.patel@example.com')).toContain('<td>LeadIQ</td>');
			const notDone = mail.html.split('Not done: these still have access')[1].split('</ul>')[0];
			expect(notDone).toContain('noah.patel@example.com');
			expect(notDone).toContain('Spekit');
		} finally {
			delete services.faults.spekit;
		}
		expect(user(services.spekit.store, 'noah.patel@example.com')?.active).toBe(true);
		const added = (await log()).slice(rows);
		expect(added.map((entry) => `${entry.app} ${entry.action} ${entry.outcome}`).sort()).toEqual([
			'LeadIQ deactivate done',
			'Leapsome groups done',
			'Spekit deactivate failed',
		]);
		expect(added.find((entry) => entry.app === 'Spekit')?.error).not.toBe('');
	});

	test('the report lists every leaver of the period per app, still active first in red, and its CSV matches the log and the apps row by row', async () => {
		const mail = services.mail.next(/^Access removal, /);
		await run(REPORT);
		const report = await mail;
		const rows = await log();
		const target = 60;
		const leapsomeNoah = user(services.leapsome.store, 'noah.patel@example.com')!;

		// What the report must say, from the log, the apps and the leave moments the tests set.
		const removedBy = (app: string, userName: string) =>
			rows.find(
				(row) =>
					row.app === app &&
					row.userName === userName &&
					row.action === 'deactivate' &&
					row.outcome === 'done',
			)?.at as string | undefined;
		const order = [
			'max.turner@example.com',
			'ava.martin@example.com',
			'oliver.kim@example.com',
			'noah.patel@example.com',
		];
		const expected = order
			.sort((a, b) => leaves[a] - leaves[b] || a.localeCompare(b))
			.flatMap((userName) =>
				APPS.map((app) => {
					const stillActive = app === 'Spekit' && userName === 'noah.patel@example.com';
					const logged = removedBy(app, userName);
					const removed = stillActive
						? undefined
						: (logged ?? (leapsomeNoah.meta as { lastModified: string }).lastModified);
					const minutes =
						removed === undefined
							? undefined
							: Math.ceil((Date.parse(removed) - leaves[userName]) / MINUTE);
					const person = hrRows.find((row) => row.email === userName)!;
					return {
						leaver: userName,
						name: `${person.first_name} ${person.last_name}`,
						employeeId: person.employee_id,
						app,
						leaveMoment: leaves[userName],
						accessRemoved: removed === undefined ? undefined : Date.parse(removed),
						source: stillActive ? 'active in the app' : logged ? 'log' : 'app: meta.lastModified',
						minutesAfter: minutes,
						withinTarget: minutes === undefined ? '' : minutes <= target ? 'yes' : 'no',
						status: stillActive ? 'still active' : minutes! <= target ? 'on time' : 'late',
					};
				}),
			);
		const stillActive = expected.filter((row) => row.status === 'still active');
		const vanished = APPS.map((app) => ({
			leaver: 'daniel.cohen@example.com',
			name: '',
			employeeId: '',
			app,
			leaveMoment: undefined,
			accessRemoved: Date.parse(removedBy(app, 'daniel.cohen@example.com')!),
			source: 'log',
			minutesAfter: undefined,
			withinTarget: '',
			status: 'not in the HR list',
		}));

		const [csv] = report.attachments;
		expect(csv.filename).toBe('access-removal.csv');
		const [header, ...lines] = csvRows(csv.content);
		expect(header).toEqual([
			'leaver',
			'name',
			'employeeId',
			'app',
			'leaveMoment',
			'accessRemoved',
			'source',
			'minutesAfter',
			'withinTarget',
			'status',
		]);
		const parsed = lines.map((line) => {
			const [
				leaver,
				name,
				employeeId,
				app,
				leaveMoment,
				accessRemoved,
				source,
				minutesAfter,
				withinTarget,
				status,
			] = line;
			return {
				leaver,
				name,
				employeeId,
				app,
				leaveMoment: leaveMoment ? Date.parse(leaveMoment) : undefined,
				accessRemoved: accessRemoved ? Date.parse(accessRemoved) : undefined,
				source,
				minutesAfter: minutesAfter ? Number(minutesAfter) : undefined,
				withinTarget,
				status,
			};
		});
		expect(parsed).toEqual([
			...stillActive,
			...expected.filter((row) => row.status !== 'still active'),
			...vanished,
		]);
		// Max left a day before the first run: late everywhere; the others were on time.
		expect(parsed.filter((row) => row.status === 'late').map((row) => row.leaver)).toEqual(
			APPS.map(() => 'max.turner@example.com'),
		);

		const counts = {
			still: stillActive.length,
			late: 3,
			onTime: expected.length - stillActive.length - 3,
		};
		expect(report.subject).toMatch(
			new RegExp(
				`^Access removal, \\d{4}-\\d\\d-\\d\\d to \\d{4}-\\d\\d-\\d\\d: ${counts.still} still active, ${counts.late} late, ${counts.onTime} on time$`,
			),
		);
		// Anyone still active opens the email, in red.
		const top = report.html.split('<h2')[1];
		expect(top).toMatch(/^ style="[^"]*color:#c62828">Still active: 1<\/h2>/);
		expect(top).toContain('noah.patel@example.com');
		expect(top).toContain('<td>Spekit</td>');
		// A bar per app: on time, late, still active.
		for (const app of APPS) expect(report.html).toContain(`>${app}</h2>`);
		const spekit = report.html.split('>Spekit</h2>')[1].split('<h2')[0];
		for (const color of ['#c62828', '#ef6c00', '#2e7d32'])
			expect(spekit).toContain(`style="background:${color};height:16px`);
		// Noah's Leapsome removal has no log row: its time is the app's, marked as such.
		const leapsome = report.html.split('>Leapsome</h2>')[1].split('<h2')[0];
		const noah = leapsome.split('<tr').find((row) => row.includes('noah.patel@example.com'))!;
		expect(noah).toContain('from the app: its last change (no log row)');
		// Emma leaves tomorrow: not a leaver of the period.
		expect(csv.content).not.toContain('emma.dubois@example.com');
	});

	test('a leaver deactivated whose group removal fails has lost access: the email says so with the failure in red, the log has the deactivation done and the group removal failed', async () => {
		const start = Date.now();
		leftFiveMinutesBefore('liam.chen@example.com', start);
		services.hrList.rows = hrRows;
		const rows = (await log()).length;
		const groupWrites = (request: { method: string; path: string }) =>
			request.method !== 'GET' && /^\/Groups/i.test(request.path) ? { status: 503 } : undefined;
		Object.assign(services.faults, {
			leadIq: groupWrites,
			leapsome: groupWrites,
			spekit: groupWrites,
		});
		let mail: CaughtMail;
		try {
			mail = (await runLeavers(true))!;
		} finally {
			for (const app of ['leadIq', 'leapsome', 'spekit'] as const) delete services.faults[app];
		}
		for (const [app, store] of vendorApps(services))
			expect({ app, liam: user(store, 'liam.chen@example.com')?.active }).toEqual({
				app,
				liam: false,
			});
		// Noah, whose Spekit account refused every write before, loses it now too.
		expect(user(services.spekit.store, 'noah.patel@example.com')?.active).toBe(false);
		const logged = (await log()).slice(rows);
		const added = logged.filter((entry) => entry.userName === 'liam.chen@example.com');
		const failed = added
			.filter((entry) => entry.outcome === 'failed')
			.map((entry) => String(entry.app));
		const groupFailures = logged.filter((entry) => entry.outcome === 'failed').length;
		expect(failed).toContain('Leapsome');
		expect(added.map((entry) => `${entry.app} ${entry.action} ${entry.outcome}`).sort()).toEqual(
			[
				...APPS.map((app) => `${app} deactivate done`),
				...failed.map((app) => `${app} groups failed`),
			].sort(),
		);
		for (const entry of added.filter((row) => row.outcome === 'failed'))
			expect(entry).toMatchObject({
				userName: 'liam.chen@example.com',
				groupsLeft: 'Sales',
				// The employee ID may be stored beside the deactivation: the words vary, `stepsDone` does not.
				error: expect.stringMatching(
					/^deactivated; (employee ID stored; )?could not remove them from Sales: /,
				),
			});
		expect(
			logged.filter((entry) => entry.outcome === 'failed').map((entry) => entry.action),
		).toEqual(logged.filter((entry) => entry.outcome === 'failed').map(() => 'groups'));
		expect(mail!.subject).toBe(
			`Leavers on time: 2 people lost access, ${groupFailures} group removal${groupFailures === 1 ? '' : 's'} not done`,
		);
		expect(mail!.html).not.toContain('these still have access');
		const row = rowOf(mail!, 'liam.chen@example.com');
		expect(row).toContain('LeadIQ, Leapsome, Spekit');
		expect(row).toMatch(
			/<span style="color:#c62828">Leapsome: deactivated; (employee ID stored; )?could not remove them from Sales: /,
		);

		// The next run finishes the removals, logs them, and has nothing to tell.
		await runLeavers(false);
		const finished = (await log()).slice(rows + logged.length);
		expect(finished.map((entry) => `${entry.action} ${entry.outcome}`)).toEqual(
			finished.map(() => 'groups done'),
		);
		expect(
			finished
				.filter((entry) => entry.userName === 'liam.chen@example.com')
				.map((entry) => `${entry.app} ${entry.groupsLeft}`)
				.sort(),
		).toEqual(failed.map((app) => `${app} Sales`).sort());
	});

	test('the report with LeadIQ unreadable (401) while a leaver is active there again: it says LeadIQ could not be read and claims no verdict there; nobody drops out', async () => {
		// Someone reactivates Max Turner in LeadIQ by hand; then LeadIQ refuses every read.
		user(services.leadIq.store, 'max.turner@example.com')!.active = true;
		services.faults.leadIq = (request) => (request.method === 'GET' ? { status: 401 } : undefined);
		const mail = services.mail.next(/^Access removal, /);
		try {
			await run(REPORT);
		} finally {
			delete services.faults.leadIq;
		}
		const report = await mail;
		expect(report.subject).toMatch(
			/^Access removal, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: LeadIQ could not be read, whether anyone is still active there is unknown; 0 still active in Leapsome and Spekit, \d+ late, \d+ on time$/,
		);
		expect(report.html).toContain('Not read: LeadIQ');
		const [, ...lines] = csvRows(report.attachments[0].content);
		// Emma leaves tomorrow: not a leaver of the period.
		const leavers = Object.keys(leaves).filter((userName) => leaves[userName] <= Date.now());
		const leadIq = lines.filter((line) => line[3] === 'LeadIQ' && line[9] !== 'not in the HR list');
		// Every leaver of the period has a LeadIQ row, and none says on time, late or still active.
		expect(leadIq.map((line) => line[0]).sort()).toEqual([...leavers].sort());
		for (const line of leadIq) {
			expect(line[9]).toBe('unknown (app not read)');
			expect(line[8]).toBe('');
		}
		// Max's LeadIQ row still shows the log's removal time, as the log's.
		expect(leadIq.find((line) => line[0] === 'max.turner@example.com')?.[6]).toBe('log');
		// Liam's deactivation, logged done though her group removal failed, is on time.
		for (const app of ['Leapsome', 'Spekit'])
			expect(
				lines.find((line) => line[0] === 'liam.chen@example.com' && line[3] === app)?.slice(6),
			).toEqual(['log', expect.stringMatching(/^\d+$/), 'yes', 'on time']);

		// LeadIQ readable again: Max is still active there.
		const again = services.mail.next(/^Access removal, /);
		await run(REPORT);
		const readable = await again;
		expect(readable.subject).toMatch(/: 1 still active, /);
		expect(
			csvRows(readable.attachments[0].content).find(
				(line) => line[0] === 'max.turner@example.com' && line[3] === 'LeadIQ',
			)?.[9],
		).toBe('still active');
	});
});
