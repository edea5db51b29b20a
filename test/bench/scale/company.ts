import { APPS_BY_TEAM } from '../../../tools/n8n/demoServices';
import type { App, DemoServices } from '../../../tools/n8n/demoServices';
import { seededRandom } from '../../servers/faultProxy';
import type { ScimStore } from '../../servers/scimStore';
import type { RunningSimulator } from '../../servers/vendorSimulator';

/** One row of the HR list, as the HR-sync template reads it. */
export type HrRow = Record<
	| 'email'
	| 'employee_id'
	| 'first_name'
	| 'last_name'
	| 'title'
	| 'team'
	| 'status'
	| 'previous_email'
	| 'start_date'
	| 'leave_date',
	string
>;

/** A week's drift, in shares of the company: who joins, leaves, changes title or team. */
export interface Drift {
	joiners: number;
	leavers: number;
	titleChanges: number;
	teamMoves: number;
}

/** The normal week: 2 % joiners, 2 % leavers, 2 % title changes, 1 % team moves. */
export const NORMAL_WEEK: Drift = {
	joiners: 0.02,
	leavers: 0.02,
	titleChanges: 0.02,
	teamMoves: 0.01,
};

/** Teams, their share of the company and their titles (the demo's teams, at a company's proportions). */
const TEAMS: Array<{ team: string; share: number; titles: string[] }> = [
	{ team: 'Leadership', share: 0.01, titles: ['Chief Executive Officer', 'Vice President'] },
	{
		team: 'Sales',
		share: 0.24,
		titles: ['Account Executive', 'Senior Account Executive', 'Sales Development Rep'],
	},
	{
		team: 'Customer Success',
		share: 0.15,
		titles: ['Customer Success Manager', 'Support Engineer', 'Onboarding Specialist'],
	},
	{ team: 'Marketing', share: 0.08, titles: ['Content Marketer', 'Marketing Lead', 'Designer'] },
	{
		team: 'Engineering',
		share: 0.36,
		titles: ['Software Engineer', 'Senior Software Engineer', 'Engineering Lead'],
	},
	{ team: 'People', share: 0.08, titles: ['People Partner', 'Recruiter'] },
	{ team: 'Finance', share: 0.08, titles: ['Finance Manager', 'Accountant'] },
];

const GIVEN = [
	'Ava',
	'Liam',
	'Sofia',
	'Noah',
	'Emma',
	'Oliver',
	'Amara',
	'Mateo',
	'Hana',
	'Jonas',
	'Chloe',
	'Ethan',
	'Grace',
	'Nora',
	'Ines',
	'Daniel',
	'Mia',
	'Leo',
	'Yara',
	'Kenji',
];
const FAMILY = [
	'Martin',
	'Chen',
	'Rossi',
	'Patel',
	'Dubois',
	'Kim',
	'Okafor',
	'Garcia',
	'Sato',
	'Berg',
	'Moreau',
	'Brooks',
	'Mensah',
	'Lindqvist',
	'Ferreira',
	'Cohen',
	'Novak',
	'Weiss',
	'Haddad',
	'Silva',
];

export interface Company {
	/** Last week's list: what every app holds now. */
	before: HrRow[];
	/** This week's list: the same company with a week's drift. */
	rows: HrRow[];
	drift: Record<keyof Drift, number>;
}

/**
 * A company of `size` people (last week's HR list, which the apps match), and this week's
 * list with `drift`: joiners added, leavers marked terminated with a leave date, some
 * titles and teams changed.
 */
export function makeCompany(size: number, drift: Drift = NORMAL_WEEK, seed = 29): Company {
	const next = seededRandom(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
	const teamFor = () => {
		let point = next();
		for (const team of TEAMS) if ((point -= team.share) < 0) return team;
		return TEAMS[TEAMS.length - 1];
	};
	const person = (index: number, startDate: string): HrRow => {
		const team = teamFor();
		const [first, last] = [pick(GIVEN), pick(FAMILY)];
		return {
			email: `${first}.${last}.${index}@example.com`.toLowerCase(),
			employee_id: `E-${100000 + index}`,
			first_name: first,
			last_name: last,
			title: pick(team.titles),
			team: team.team,
			status: 'active',
			previous_email: '',
			start_date: startDate,
			leave_date: '',
		};
	};
	const before = Array.from({ length: size }, (_, index) =>
		person(index, `20${String(15 + (index % 10)).padStart(2, '0')}-0${1 + (index % 9)}-01`),
	);
	// Each change falls on different people: a leaver is not also promoted this week.
	const order = before.map((_, index) => index);
	for (let index = order.length - 1; index > 0; index--) {
		const other = Math.floor(next() * (index + 1));
		[order[index], order[other]] = [order[other], order[index]];
	}
	const take = (share: number) => order.splice(0, Math.round(size * share));
	const leavers = take(drift.leavers);
	const promoted = take(drift.titleChanges);
	const moved = take(drift.teamMoves);
	const rows = before.map((row) => ({ ...row }));
	for (const index of leavers)
		Object.assign(rows[index], { status: 'terminated', leave_date: '2026-01-02' });
	for (const index of promoted) {
		const titles = TEAMS.find((team) => team.team === rows[index].team)!.titles;
		rows[index].title = titles[(titles.indexOf(rows[index].title) + 1) % titles.length];
	}
	for (const index of moved) {
		const others = TEAMS.filter((team) => team.team !== rows[index].team);
		rows[index].team = pick(others).team;
	}
	const joiners = Array.from({ length: Math.round(size * drift.joiners) }, (_, index) =>
		person(size + index, '2026-01-05'),
	);
	return {
		before,
		rows: [...rows, ...joiners],
		drift: {
			joiners: joiners.length,
			leavers: leavers.length,
			titleChanges: promoted.length,
			teamMoves: moved.length,
		},
	};
}

const SIMULATORS = (services: DemoServices): Array<[App, RunningSimulator]> => [
	['leadIq', services.leadIq],
	['leapsome', services.leapsome],
	['spekit', services.spekit],
];

export const APP_NAMES: Record<App, string> = {
	leadIq: 'LeadIQ',
	leapsome: 'Leapsome',
	spekit: 'Spekit',
};

const hasSeat = (app: App) => (row: HrRow) => APPS_BY_TEAM[row.team]?.includes(app) ?? false;

/**
 * Replaces the demo's small company in LeadIQ, Leapsome and Spekit with this one as last
 * week's list left it: an active account per person whose team has the app (with the
 * employee ID, names and title), in the group of their team; LeadIQ's Default keeps nobody.
 */
export function seedCompany(services: DemoServices, company: Company): void {
	for (const [app, simulator] of SIMULATORS(services)) {
		const { store } = simulator;
		store.users.clear();
		for (const group of [...store.groups.values()])
			if (group.displayName === 'Default') group.members = [];
			else store.groups.delete(group.id);
		const teams = new Map<string, string[]>();
		for (const row of company.before.filter(hasSeat(app))) {
			const user = store.addUser({
				userName: row.email,
				givenName: row.first_name,
				familyName: row.last_name,
				title: row.title,
				externalId: row.employee_id,
			});
			teams.set(row.team, [...(teams.get(row.team) ?? []), user.id]);
		}
		for (const [team, ids] of teams) store.addGroup(team, ids);
	}
}

/** How an app stands against the list: people it does not match, and accounts it only reports. */
export interface Match {
	app: string;
	people: number;
	mismatched: number;
	examples: string[];
	/** Active accounts of people the list no longer gives this app: reported, never deactivated. */
	reportedOnly: number;
}

/**
 * Whether each app holds what the list says: every person of a team with the app has an
 * active account with their names (and title, where the app keeps titles) and employee ID,
 * in their team's group and no other team's; every leaver's account is inactive and in no
 * team. Accounts of people the list gives other apps only are left as they are (the template
 * reports them).
 */
export function matchesList(services: DemoServices, rows: HrRow[]): Match[] {
	return SIMULATORS(services).map(([app, { store }]) => {
		const people = rows.filter(hasSeat(app));
		const teams = new Set(people.map((row) => row.team));
		const teamsOf = groupIndex(store, teams);
		const accounts = new Map(
			[...store.users.values()].map((user) => [user.userName.toLowerCase(), user]),
		);
		const problems: string[] = [];
		for (const row of people) {
			const account = accounts.get(row.email.toLowerCase());
			const groups = account ? (teamsOf.get(account.id) ?? []) : [];
			const problem =
				row.status === 'terminated'
					? account && (account.active !== false || groups.length > 0)
						? 'a leaver still active or in a team'
						: undefined
					: !account
						? 'no account'
						: account.active === false
							? 'inactive'
							: account.name?.givenName !== row.first_name ||
								  account.name?.familyName !== row.last_name
								? 'names differ'
								: app !== 'leadIq' && account.title !== row.title
									? 'title differs'
									: app !== 'leadIq' && account.externalId !== row.employee_id
										? 'employee ID differs'
										: groups.join() !== row.team
											? `teams ${groups.join(', ') || 'none'}, not ${row.team}`
											: undefined;
			if (problem) problems.push(`${row.email}: ${problem}`);
		}
		const listed = new Set(people.map((row) => row.email));
		const reportedOnly = [...store.users.values()].filter(
			(user) => user.active !== false && !listed.has(user.userName),
		).length;
		return {
			app: APP_NAMES[app],
			people: people.length,
			mismatched: problems.length,
			examples: problems.slice(0, 3),
			reportedOnly,
		};
	});
}

/** Each account's groups among `teams`, from one pass over the groups. */
function groupIndex(store: ScimStore, teams: Set<string>): Map<string, string[]> {
	const index = new Map<string, string[]>();
	for (const group of store.groups.values()) {
		if (!teams.has(group.displayName)) continue;
		for (const { value } of group.members)
			index.set(value, [...(index.get(value) ?? []), group.displayName]);
	}
	return index;
}
