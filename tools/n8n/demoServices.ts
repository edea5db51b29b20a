import express from 'express';

import { startLeadIqSimulator } from '../../test/servers/leadIqSimulator';
import { listenOnLoopback } from '../../test/servers/loopback';
import { startLeapsomeSimulator } from '../../test/servers/leapsomeSimulator';
import { DEFAULT_TOKEN, startScimServer } from '../../test/servers/scimmyServer';
import type { RecordedRequest, RunningScimServer } from '../../test/servers/scimmyServer';
import type { ScimStore, StoredUser, UserSeed } from '../../test/servers/scimStore';
import { startSpekitSimulator } from '../../test/servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../../test/servers/vendorSimulator';
import type { RunningSimulator } from '../../test/servers/vendorSimulator';
import { startMailCatcher } from '../services/mailCatcher';
import type { MailCatcher } from '../services/mailCatcher';
import type { CredentialFile } from './instance';

/**
 * A small company for the demo and the end-to-end tests: who works where, and which SaaS
 * seats each team gets. The templates' sample data tells the same story: Max Turner has
 * left but still holds seats (the audit finds them, the offboarding template frees them),
 * Riley Jordan is about to start (missing everywhere until the onboarding template runs),
 * and Julia Weiss left long ago (deactivated: a retired account). The HR list adds dates:
 * Oliver Kim's leave moment passed minutes before the list was read, Emma Dubois's last day
 * is tomorrow, and Riley starts in three days.
 */
export type App = 'leadIq' | 'leapsome' | 'spekit';

interface Person {
	userName: string;
	givenName: string;
	familyName: string;
	title: string;
	team: string;
	/** First day of work, as the HR list gives it (a date alone). */
	started: string;
	/** Left the company: their accounts are still active, or already deactivated. */
	left?: 'stillActive' | 'deactivated';
}

const person = (
	name: string,
	team: string,
	title: string,
	started: string,
	left?: Person['left'],
): Person => {
	const [givenName, familyName] = name.split(' ');
	return {
		userName: `${givenName}.${familyName}@example.com`.toLowerCase(),
		givenName,
		familyName,
		title,
		team,
		started,
		left,
	};
};

export const DEMO_PEOPLE: readonly Person[] = [
	person('Ines Ferreira', 'Leadership', 'Chief Executive Officer', '2017-03-01'),
	person('Daniel Cohen', 'Sales', 'VP Sales', '2018-09-03'),
	person('Ava Martin', 'Sales', 'Account Executive', '2020-02-03'),
	person('Liam Chen', 'Sales', 'Account Executive', '2021-06-01'),
	person('Sofia Rossi', 'Sales', 'Sales Development Rep', '2022-01-10'),
	person('Noah Patel', 'Sales', 'Sales Development Rep', '2023-04-03'),
	person('Emma Dubois', 'Customer Success', 'Customer Success Manager', '2019-11-04'),
	person('Oliver Kim', 'Customer Success', 'Customer Success Manager', '2021-09-01'),
	person('Amara Okafor', 'Engineering', 'Engineering Lead', '2018-05-02'),
	person('Mateo Garcia', 'Engineering', 'Software Engineer', '2020-08-17'),
	person('Hana Sato', 'Engineering', 'Software Engineer', '2022-10-03'),
	person('Jonas Berg', 'Engineering', 'Software Engineer', '2024-02-05'),
	person('Chloe Moreau', 'Marketing', 'Marketing Lead', '2019-07-01'),
	person('Ethan Brooks', 'Marketing', 'Content Marketer', '2023-01-09'),
	person('Grace Mensah', 'People', 'People Partner', '2020-04-01'),
	person('Nora Lindqvist', 'Finance', 'Finance Manager', '2021-03-15'),
	person('Max Turner', 'Sales', 'Account Executive', '2019-10-01', 'stillActive'),
	person('Julia Weiss', 'Engineering', 'Software Engineer', '2018-01-08', 'deactivated'),
];

/** Which teams hold a seat in which app (the license-audit and HR-sync templates say the same). */
export const APPS_BY_TEAM: Record<string, readonly App[]> = {
	Leadership: ['leapsome'],
	Sales: ['leadIq', 'leapsome', 'spekit'],
	'Customer Success': ['leadIq', 'leapsome', 'spekit'],
	Marketing: ['leapsome', 'spekit'],
	Engineering: ['leapsome'],
	People: ['leapsome'],
	Finance: ['leapsome'],
};

export interface DemoServices {
	/** The generic SCIM service: the company's other SCIM app, with everyone in it. */
	scim: RunningScimServer;
	leadIq: RunningSimulator;
	leapsome: RunningSimulator;
	spekit: RunningSimulator;
	/** The HR system's export, as a CSV at a URL. */
	hrList: HrListServer;
	/** Where n8n's emails go, and a page to read them. */
	mail: MailCatcher;
	/**
	 * Per vendor app, a test's way to make its service refuse requests: answering `{ status }`
	 * refuses the request with that status (an outage, say); nothing, as usual.
	 */
	faults: Partial<Record<App, (request: RecordedRequest) => { status: number } | void>>;
	close(): Promise<void>;
}

/** The three vendor apps by their names, with the accounts each holds. */
export const vendorApps = (services: DemoServices) =>
	[
		['LeadIQ', services.leadIq.store],
		['Leapsome', services.leapsome.store],
		['Spekit', services.spekit.store],
	] as const;

/** Ports for the demo's services; 0 picks free ones (the tests). */
export interface DemoPorts {
	scim: number;
	leadIq: number;
	leapsome: number;
	spekit: number;
	hrList: number;
	mailWeb: number;
	smtp: number;
}

/** Leave moments and start dates the HR list gives, relative to the moment it is read. */
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A moment as an HR system exports it: an ISO date-time in UTC, to the second. */
const dateTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
/** A date alone (that whole day, in the time zone the workflow reads the list in). */
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The HR export the templates read: the company as HR knows it at `now` (the moment the
 * demo or a test starts). Max Turner left a day ago and Oliver Kim 5 minutes ago
 * (terminated, each with the moment their access ends), Emma Dubois's last day is tomorrow
 * (still active: her access ends with that day), Riley Jordan joins Sales in three days,
 * Sofia Rossi married and has a new address, and Liam Chen was promoted (a title the apps
 * do not have yet). Julia Weiss, who left long ago, is no longer in it.
 */
export function hrExport(now = Date.now()): Array<Record<string, string>> {
	const leaves: Record<string, string> = {
		'max.turner@example.com': dateTime(now - DAY),
		'oliver.kim@example.com': dateTime(now - 5 * MINUTE),
		'emma.dubois@example.com': dateOnly(now + DAY),
	};
	const rows = DEMO_PEOPLE.filter((member) => member.left !== 'deactivated').map(
		(member, index) => ({
			email: member.userName,
			employee_id: `E-${1001 + index}`,
			first_name: member.givenName,
			last_name: member.familyName,
			title: member.title,
			team: member.team,
			status: member.left || Date.parse(leaves[member.userName]) < now ? 'terminated' : 'active',
			start_date: member.started,
			leave_date: leaves[member.userName] ?? '',
			previous_email: '',
		}),
	);
	const sofia = rows.find((row) => row.email === 'sofia.rossi@example.com')!;
	Object.assign(sofia, {
		email: 'sofia.bianchi@example.com',
		last_name: 'Bianchi',
		previous_email: 'sofia.rossi@example.com',
	});
	rows.find((row) => row.email === 'liam.chen@example.com')!.title = 'Senior Account Executive';
	rows.push({
		email: 'riley.jordan@example.com',
		employee_id: `E-${1001 + rows.length}`,
		first_name: 'Riley',
		last_name: 'Jordan',
		title: 'Account Executive',
		team: 'Sales',
		status: 'active',
		start_date: dateOnly(now + 3 * DAY),
		leave_date: '',
		previous_email: '',
	});
	return rows;
}

export interface HrListServer {
	/** The CSV's address, e.g. http://127.0.0.1:5684/hr.csv */
	url: string;
	/** The rows served from now on (the tests change the list between runs). */
	rows: Array<Record<string, string>>;
	close(): Promise<void>;
}

/** Serves the HR export as CSV (a header row, one person per line). */
async function serveHrList(port: number): Promise<HrListServer> {
	const app = express();
	const list = { rows: hrExport() };
	app.get('/hr.csv', (_request, response) => {
		// The columns of the rows served (a test's list may have more than the demo's).
		const columns = Object.keys(list.rows[0] ?? hrExport()[0]);
		const csv = [
			columns.join(','),
			...list.rows.map((row) => columns.map((column) => row[column] ?? '').join(',')),
		].join('\n');
		response.type('text/csv').send(`${csv}\n`);
	});
	const server = await listenOnLoopback(app, port);
	return Object.assign(list, {
		url: `http://127.0.0.1:${server.port}/hr.csv`,
		close: server.close,
	});
}

function seed(
	store: ScimStore,
	people: readonly Person[],
	addUser: (seed: UserSeed) => StoredUser,
): void {
	const teams = new Map<string, string[]>();
	for (const member of people) {
		const user = addUser({ ...member, active: member.left !== 'deactivated' });
		teams.set(member.team, [...(teams.get(member.team) ?? []), user.id]);
	}
	for (const [team, ids] of teams) store.addGroup(team, ids);
}

/** LeadIQ keeps each user in one group: those placed in a team leave the built-in Default. */
function leaveDefaultGroup(leadIq: RunningSimulator): void {
	const fallback = leadIq.store.groupByName('Default');
	if (!fallback) return;
	const placed = new Set(
		[...leadIq.store.groups.values()]
			.filter((group) => group !== fallback)
			.flatMap((group) => group.members.map((member) => member.value)),
	);
	fallback.members = fallback.members.filter((member) => !placed.has(member.value));
}

const holdsSeat = (app: App) => (member: Person) =>
	APPS_BY_TEAM[member.team]?.includes(app) && member.left !== 'deactivated';

export async function startDemoServices(
	ports: DemoPorts = { scim: 0, leadIq: 0, leapsome: 0, spekit: 0, hrList: 0, mailWeb: 0, smtp: 0 },
): Promise<DemoServices> {
	const scim = await startScimServer({ port: ports.scim });
	const faults: DemoServices['faults'] = {};
	const leadIq = await startLeadIqSimulator({
		port: ports.leadIq,
		onRequest: (request) => faults.leadIq?.(request),
	});
	const leapsome = await startLeapsomeSimulator({
		port: ports.leapsome,
		onRequest: (request) => faults.leapsome?.(request),
	});
	const spekit = await startSpekitSimulator({
		port: ports.spekit,
		onRequest: (request) => faults.spekit?.(request),
	});
	const hrList = await serveHrList(ports.hrList);
	const mail = await startMailCatcher({ smtp: ports.smtp, web: ports.mailWeb });

	seed(scim.store, DEMO_PEOPLE, (seed) => scim.store.addUser(seed));
	seed(leadIq.store, DEMO_PEOPLE.filter(holdsSeat('leadIq')), (seed) => leadIq.addUser(seed));
	leaveDefaultGroup(leadIq);
	// Leapsome keeps leavers' accounts, deactivated, for their review history.
	const inLeapsome = DEMO_PEOPLE.filter((member) =>
		APPS_BY_TEAM[member.team]?.includes('leapsome'),
	);
	seed(leapsome.store, inLeapsome, (seed) => leapsome.addUser(seed));
	seed(spekit.store, DEMO_PEOPLE.filter(holdsSeat('spekit')), (seed) => spekit.addUser(seed));

	return {
		scim,
		leadIq,
		leapsome,
		spekit,
		hrList,
		mail,
		faults,
		close: async () => {
			await Promise.all(
				[scim, leadIq, leapsome, spekit, hrList, mail].map(async (server) => await server.close()),
			);
		},
	};
}

/** The demo's credentials, named as the templates refer to them. */
export function demoCredentials(services: DemoServices): CredentialFile[] {
	const vendor = (id: string, name: string, type: string, baseUrl: string) => ({
		id,
		name,
		type,
		data: { baseUrl, token: SIMULATOR_TOKEN },
	});
	return [
		{
			id: 'demoScimCred0001',
			name: 'SCIM API',
			type: 'scimApi',
			data: {
				baseUrl: services.scim.baseUrl,
				authentication: 'bearer',
				token: DEFAULT_TOKEN,
				maxRequestsPerSecond: 0,
			},
		},
		vendor('demoLeadIqCred01', 'LeadIQ SCIM API', 'leadIqScimApi', services.leadIq.baseUrl),
		vendor('demoLeapsomeCred', 'Leapsome SCIM API', 'leapsomeScimApi', services.leapsome.baseUrl),
		vendor('demoSpekitCred01', 'Spekit SCIM API', 'spekitScimApi', services.spekit.baseUrl),
		{
			id: 'demoSmtpCred0001',
			name: 'SMTP account',
			type: 'smtp',
			data: {
				host: '127.0.0.1',
				port: services.mail.smtpPort,
				secure: false,
				disableStartTls: true,
				user: '',
				password: '',
			},
		},
	];
}
