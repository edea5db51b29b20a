import { DateTime } from 'luxon';

import { template } from '../../tools/n8n/templates';
import type { TemplateName } from '../../tools/n8n/templates';

/**
 * The Code steps of Leavers lose access on time and the Access removal report, run on
 * hand-made inputs the way n8n runs them (`$`, `$input`, `$json`, luxon's DateTime): what
 * their emails and log rows claim from what Sync and the apps answered.
 */
type Json = Record<string, unknown>;

export function codeOf(name: TemplateName, node: string): string {
	const found = (template(name).nodes as Array<{ name: string; parameters: Json }>).find(
		(candidate) => candidate.name === node,
	);
	return String(found!.parameters.jsCode);
}

/** Runs a Code step's JavaScript with a stand-in for n8n's `$`: each step's items by name. */
export function runCode(
	code: string,
	steps: Record<string, Json[] | undefined>,
	input: Json[] = [],
): Array<{ json: Json; binary?: Record<string, { data: string }> }> {
	const $ = (name: string) => ({
		isExecuted: steps[name] !== undefined,
		all: () => (steps[name] ?? []).map((json) => ({ json })),
		first: () => ({ json: (steps[name] ?? [])[0] }),
	});
	const $input = { all: () => input.map((json) => ({ json })), first: () => ({ json: input[0] }) };
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- runs the template's own Code, as n8n does
	const body = new Function(
		'$',
		'$input',
		'$json',
		'DateTime',
		'$workflow',
		'$execution',
		'Buffer',
		code,
	) as (...args: unknown[]) => Array<{ json: Json; binary?: Record<string, { data: string }> }>;
	return body(
		$,
		$input,
		input[0],
		DateTime,
		{ name: 'Leavers lose access on time' },
		{ id: 7 },
		Buffer,
	);
}

const hrRow = (email: string, extra: Json = {}): Json => ({
	email,
	employee_id: 'E-1',
	first_name: 'Max',
	last_name: 'Turner',
	title: 'AE',
	team: 'Sales',
	status: 'active',
	start_date: '2019-10-01',
	leave_date: '',
	previous_email: '',
	...extra,
});

/** A minute ago, as an HR export gives a leave moment. */
const justLeft = () => DateTime.utc().minus({ minutes: 1 }).toISO({ suppressMilliseconds: true });

const settings = [{ timeZone: 'Europe/Berlin', accessEnds: 'endOfLeaveDate' }];
const text = (html: unknown) =>
	String(html)
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');

describe('Leavers on time · the email (“Who lost access”)', () => {
	const code = codeOf('leaversOnTime', 'Who lost access');
	const email = (hr: Json[], apps: Partial<Record<'LeadIQ' | 'Leapsome' | 'Spekit', Json[]>>) =>
		runCode(code, {
			Settings: settings,
			'Read the CSV': hr,
			'LeadIQ: cut off leavers': apps.LeadIQ ?? [],
			'Leapsome: cut off leavers': apps.Leapsome ?? [],
			'Spekit: cut off leavers': apps.Spekit ?? [],
		})[0].json;

	test('a leaver deactivated whose group removal failed lost access: listed so, the failure beside them in red, not among those who still have access', () => {
		const item = {
			outcome: 'failed',
			action: 'deactivate',
			reason: 'leaver',
			userName: 'max.turner@example.com',
			summary:
				'max.turner@example.com in Leapsome: deactivated; could not remove them from Sales: 503',
			error: 'deactivated; could not remove them from Sales: SCIM PATCH /Groups/1 failed with 503',
			stepsDone: ['deactivate'],
		};
		const done = { ...item, outcome: 'done', error: null, stepsDone: undefined };
		const result = email(
			[hrRow('max.turner@example.com', { status: 'terminated', leave_date: justLeft() })],
			{ LeadIQ: [done], Leapsome: [item] },
		);
		expect(result.subject).toBe('Leavers on time: 1 person lost access, 1 group removal not done');
		expect(result.lostAccess).toEqual([
			expect.objectContaining({ userName: 'max.turner@example.com', apps: ['LeadIQ', 'Leapsome'] }),
		]);
		expect(String(result.html)).not.toContain('these still have access');
		expect(String(result.html)).toContain(
			'<span style="color:#c62828">Leapsome: deactivated; could not remove them from Sales: SCIM PATCH /Groups/1 failed with 503</span>',
		);
		expect(result.notDone).toEqual([]);
		expect(result.groupsNotLeft).toEqual([
			{ app: 'Leapsome', userName: 'max.turner@example.com', error: item.error },
		]);
	});

	test('a deactivation that failed outright still has access', () => {
		const item = {
			outcome: 'failed',
			action: 'deactivate',
			reason: 'leaver',
			userName: 'max.turner@example.com',
			summary: 'Could not deactivate max.turner@example.com in Spekit: 400',
			error: '400',
		};
		const result = email([hrRow('max.turner@example.com', { leave_date: justLeft() })], {
			Spekit: [item],
		});
		expect(result.subject).toBe('Leavers on time needs your attention: 1 removal not done');
		expect(text(result.html)).toMatch(
			/Not done: these still have access.*max\.turner@example\.com/,
		);
	});

	test('a leaver held as a conflict (two rows that differ) stays active: the email says so once, with the reason and the apps', () => {
		const reason =
			'Items 3, 9 name the same person (by userName, a previous userName or employee ID) differently: nothing is done for them until one row remains';
		const held = (app: string) => ({
			outcome: 'skipped',
			action: 'none',
			reason: 'conflict',
			userName: 'max.turner@example.com',
			summary: `max.turner@example.com in ${app}: Not changed: ${reason}`,
			error: `Not changed: ${reason}`,
		});
		const result = email(
			[
				hrRow('max.turner@example.com', { status: 'Terminated ', leave_date: justLeft() }),
				hrRow('max.turner@example.com', { title: 'Account Executive' }),
			],
			{ LeadIQ: [held('LeadIQ')], Leapsome: [held('Leapsome')], Spekit: [held('Spekit')] },
		);
		expect(result.kind).toBe('attention');
		expect(result.subject).toBe(
			'Leavers on time needs your attention: 1 leaver held, still active',
		);
		const section = text(String(result.html).split('Held: these leavers still have access')[1]);
		expect(section).toContain(`max.turner@example.com (LeadIQ, Leapsome, Spekit): ${reason}`);
		expect(section.match(/max\.turner/g)).toHaveLength(1);
	});

	test('a conflict that holds someone who is not leaving, and a deferred change, say nothing', () => {
		const result = email(
			[hrRow('ana@example.com'), hrRow('liam@example.com', { team: 'Marketing' })],
			{
				LeadIQ: [
					{
						outcome: 'skipped',
						action: 'none',
						reason: 'conflict',
						userName: 'ana@example.com',
						error: 'x',
					},
					{
						outcome: 'skipped',
						action: 'none',
						reason: 'deferred',
						userName: 'liam@example.com',
						summary: 'liam@example.com in LeadIQ: Not now: “Apply” is Only Leavers; …',
					},
				],
			},
		);
		expect(result.kind).toBe('none');
	});

	test('an account gone from the list, held as a possible rename, is a leaver held', () => {
		const result = email([hrRow('ana@example.com')], {
			Leapsome: [
				{
					outcome: 'skipped',
					action: 'none',
					reason: 'possibleRename',
					userName: 'jane.doe@example.com',
					summary:
						'jane.doe@example.com in Leapsome: Not deactivated: a person on the list without an account has the same name',
					error: null,
				},
			],
		});
		expect(result.subject).toBe(
			'Leavers on time needs your attention: 1 leaver held, still active',
		);
		expect(text(result.html)).toContain(
			'jane.doe@example.com (Leapsome; no longer in the HR list)',
		);
	});

	test('“marked as a leaver in the HR list, without a leave date” is said only of a row marked terminated', () => {
		const done = (userName: string, reason = 'leaver') => ({
			outcome: 'done',
			action: 'deactivate',
			reason,
			userName,
			error: null,
		});
		const result = email(
			[
				hrRow('max@example.com', { status: ' TERMINATED' }),
				hrRow('ana@example.com', { leave_date: '2026/12/01' }),
				hrRow('noah@example.com', { leave_date: '20261201' }),
				hrRow('liam@example.com', { team: 'Marketing' }),
			],
			{
				LeadIQ: [
					done('max@example.com'),
					done('ana@example.com'),
					done('noah@example.com'),
					done('gone@example.com', 'notInList'),
				],
			},
		);
		const row = (who: string) =>
			text(
				String(result.html)
					.split('<tr')
					.find((part) => part.includes(`>${who}<`)),
			);
		expect(row('max@example.com')).toContain(
			'marked as a leaver in the HR list, without a leave date',
		);
		expect(row('ana@example.com')).not.toContain('marked as a leaver');
		expect(row('ana@example.com')).toContain('a leaver by the HR list (leave date “2026/12/01”)');
		// A date alone in basic form ends with that day, as in extended form.
		expect(row('noah@example.com')).toContain('leave moment 2026-12-01 23:59');
		expect(row('gone@example.com')).toContain('no longer in the HR list');
	});
});

describe('Leavers on time · the Provisioning log rows', () => {
	const code = codeOf('leaversOnTime', 'Log rows');
	test('a leaver deactivated whose group removal failed: the deactivation is logged done (its time is when access ended), the group removal failed', () => {
		const rows = runCode(code, {
			'LeadIQ: cut off leavers': [],
			'Leapsome: cut off leavers': [
				{
					outcome: 'failed',
					action: 'deactivate',
					reason: 'leaver',
					userName: 'max@example.com',
					id: 'u-1',
					changes: [],
					groupsAdded: [],
					groupsRemoved: ['Sales'],
					planId: 'abc',
					error: 'deactivated; could not remove them from Sales: 503',
					stepsDone: ['deactivate'],
				},
				{ outcome: 'skipped', action: 'none', reason: 'deferred', userName: 'liam@example.com' },
			],
			'Spekit: cut off leavers': [],
		}).map(({ json }) => [
			json.app,
			json.userName,
			json.action,
			json.outcome,
			json.groupsLeft,
			json.error,
		]);
		expect(rows).toEqual([
			['Leapsome', 'max@example.com', 'deactivate', 'done', '', ''],
			[
				'Leapsome',
				'max@example.com',
				'groups',
				'failed',
				'Sales',
				'deactivated; could not remove them from Sales: 503',
			],
		]);
	});
});

describe('Access removal report · an app that cannot be read', () => {
	const code = codeOf('accessRemovalReport', 'Access removal report');
	const now = DateTime.utc();
	const leftAt = now.minus({ days: 2 });
	const logRow = (app: string, userName: string, at: DateTime) => ({
		at: at.toISO(),
		app,
		userName,
		accountId: `${app}-${userName}`,
		action: 'deactivate',
		outcome: 'done',
	});
	const account = (app: string, userName: string, active: boolean) => ({
		id: `${app}-${userName}`,
		userName,
		active,
		meta: {},
	});
	const report = (leadIq: Json[]) => {
		const [result] = runCode(code, {
			'Report settings': [
				{
					targetMinutes: 60,
					timeZone: 'UTC',
					accessEnds: 'endOfLeaveDate',
					from: now.minus({ days: 30 }).toISO(),
					to: now.toISO(),
				},
			],
			'Read the CSV': [
				hrRow('max@example.com', { status: 'terminated', leave_date: leftAt.toISO() }),
				hrRow('ana@example.com', { status: 'terminated', leave_date: leftAt.toISO() }),
				hrRow('ines@example.com', { status: ' Terminated', leave_date: '' }),
				hrRow('liam@example.com'),
			],
			'Read the change log': [
				logRow('LeadIQ', 'max@example.com', leftAt.plus({ minutes: 5 })),
				logRow('Leapsome', 'max@example.com', leftAt.plus({ minutes: 5 })),
				logRow('Leapsome', 'ana@example.com', leftAt.plus({ minutes: 90 })),
				logRow('Leapsome', 'ines@example.com', leftAt),
			],
			'LeadIQ: accounts': leadIq,
			'Leapsome: accounts': [
				account('Leapsome', 'max@example.com', false),
				account('Leapsome', 'ana@example.com', false),
				account('Leapsome', 'ines@example.com', false),
			],
			'Spekit: accounts': [{}],
		});
		const csv = Buffer.from(result.binary!.report.data, 'base64').toString('utf8');
		const lines = csv.trim().split('\n').slice(1);
		return { json: result.json, csv: lines, html: String(result.json.html) };
	};

	test('read: a leaver active again in LeadIQ is still active there', () => {
		const { json, csv } = report([account('LeadIQ', 'max@example.com', true)]);
		expect(json.subject).toMatch(/: 1 still active, 1 late, 1 on time$/);
		expect(csv[0]).toMatch(/^max@example\.com,.*,LeadIQ,.*,still active$/);
	});

	test('not read (401): LeadIQ’s rows say unknown, never on time or late; nobody drops out; the subject says it could not be read', () => {
		const { json, csv, html } = report([
			{ error: 'The SCIM service refused the credential (401)' },
		]);
		expect(json.subject).toMatch(
			/^Access removal, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: LeadIQ could not be read, whether anyone is still active there is unknown; 0 still active in Leapsome and Spekit, 1 late, 1 on time$/,
		);
		const leadIq = csv.filter((line) => line.split(',')[3] === 'LeadIQ');
		// Max has a log row there: its time is shown, from the log; Ana has none, and is there all the same.
		expect(leadIq).toEqual([
			expect.stringMatching(
				/^ana@example\.com,Max Turner,E-1,LeadIQ,[^,]+,,LeadIQ could not be read: no log row,,,unknown \(app not read\)$/,
			),
			expect.stringMatching(
				/^max@example\.com,Max Turner,E-1,LeadIQ,[^,]+,[^,]+,log,5,,unknown \(app not read\)$/,
			),
		]);
		expect(html).toContain('Not read: LeadIQ');
		expect(html).toContain('whether any leaver is still active there is unknown');
		const section = html.split('>LeadIQ</h2>')[1].split('<h2')[0];
		expect(section).not.toMatch(/on time<\/td>|late<\/td>/);
		expect(section).toContain('from the log (LeadIQ not read)');
		expect(json.notRead).toEqual([
			{ app: 'LeadIQ', error: 'The SCIM service refused the credential (401)' },
		]);
	});

	test('someone marked terminated (however spelled) without a leave date, removed in the period, is listed, not dropped', () => {
		const { csv, html } = report([account('LeadIQ', 'max@example.com', false)]);
		expect(csv).toContainEqual(
			expect.stringMatching(
				/^ines@example\.com,,,Leapsome,,[^,]+,log,,,"?terminated, no leave date"?$/,
			),
		);
		expect(html).toContain('(terminated, no leave date)');
	});

	test('someone marked terminated without a leave date whose account is still active is listed first, as still active', () => {
		const { json, csv } = report([
			account('LeadIQ', 'max@example.com', false),
			account('LeadIQ', 'ines@example.com', true),
		]);
		expect(json.subject).toMatch(/: 1 still active, /);
		expect(csv[0]).toMatch(
			/^ines@example\.com,.*,LeadIQ,,,"marked terminated in the HR list, without a leave date",,,still active$/,
		);
	});
});
