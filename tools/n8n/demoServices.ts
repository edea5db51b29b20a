import { startLeadIqSimulator } from '../../test/servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../../test/servers/leapsomeSimulator';
import { DEFAULT_TOKEN, startScimServer } from '../../test/servers/scimmyServer';
import type { RunningScimServer } from '../../test/servers/scimmyServer';
import type { ScimStore, StoredUser, UserSeed } from '../../test/servers/scimStore';
import { startSpekitSimulator } from '../../test/servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../../test/servers/vendorSimulator';
import type { RunningSimulator } from '../../test/servers/vendorSimulator';
import type { CredentialFile } from './instance';

/**
 * A small company for the demo and the end-to-end tests: who works where, and which SaaS
 * seats each team gets. The templates' sample data tells the same story: Max Turner has
 * left but still holds seats (the audit finds them, the offboarding template frees them),
 * Riley Jordan is about to start (missing everywhere until the onboarding template runs),
 * and Julia Weiss left long ago (deactivated: a retired account).
 */
type App = 'leadIq' | 'leapsome' | 'spekit';

interface Person {
	userName: string;
	givenName: string;
	familyName: string;
	title: string;
	team: string;
	/** Left the company: their accounts are still active, or already deactivated. */
	left?: 'stillActive' | 'deactivated';
}

const person = (name: string, team: string, title: string, left?: Person['left']): Person => {
	const [givenName, familyName] = name.split(' ');
	return {
		userName: `${givenName}.${familyName}@example.com`.toLowerCase(),
		givenName,
		familyName,
		title,
		team,
		left,
	};
};

export const DEMO_PEOPLE: readonly Person[] = [
	person('Ines Ferreira', 'Leadership', 'Chief Executive Officer'),
	person('Daniel Cohen', 'Sales', 'VP Sales'),
	person('Ava Martin', 'Sales', 'Account Executive'),
	person('Liam Chen', 'Sales', 'Account Executive'),
	person('Sofia Rossi', 'Sales', 'Sales Development Rep'),
	person('Noah Patel', 'Sales', 'Sales Development Rep'),
	person('Emma Dubois', 'Customer Success', 'Customer Success Manager'),
	person('Oliver Kim', 'Customer Success', 'Customer Success Manager'),
	person('Amara Okafor', 'Engineering', 'Engineering Lead'),
	person('Mateo Garcia', 'Engineering', 'Software Engineer'),
	person('Hana Sato', 'Engineering', 'Software Engineer'),
	person('Jonas Berg', 'Engineering', 'Software Engineer'),
	person('Chloe Moreau', 'Marketing', 'Marketing Lead'),
	person('Ethan Brooks', 'Marketing', 'Content Marketer'),
	person('Grace Mensah', 'People', 'People Partner'),
	person('Nora Lindqvist', 'Finance', 'Finance Manager'),
	person('Max Turner', 'Sales', 'Account Executive', 'stillActive'),
	person('Julia Weiss', 'Engineering', 'Software Engineer', 'deactivated'),
];

/** Which teams hold a seat in which app (the license-audit template says the same). */
const APPS_BY_TEAM: Record<string, readonly App[]> = {
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
	close(): Promise<void>;
}

/** Ports for the demo's services; 0 picks free ones (the tests). */
export interface DemoPorts {
	scim: number;
	leadIq: number;
	leapsome: number;
	spekit: number;
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
	ports: DemoPorts = { scim: 0, leadIq: 0, leapsome: 0, spekit: 0 },
): Promise<DemoServices> {
	const scim = await startScimServer({ port: ports.scim });
	const leadIq = await startLeadIqSimulator({ port: ports.leadIq });
	const leapsome = await startLeapsomeSimulator({ port: ports.leapsome });
	const spekit = await startSpekitSimulator({ port: ports.spekit });

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
		close: async () => {
			await Promise.all(
				[scim, leadIq, leapsome, spekit].map(async (server) => await server.close()),
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
	];
}
