import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import type { RunningScimServer } from '../servers/scimmyServer';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { json, runScim, runVendor, withScimServer } from './fixtures';
import type { PackageNode } from './fixtures';
import { accountsNamed, changing, outcomes, syncParameters } from './sync.fixtures';
import type { HrRow } from './sync.fixtures';

/** Start and leave dates on Sync With List, relative to the moment the test runs. */

const ZONE = 'Europe/Berlin';
const now = () => DateTime.now().setZone(ZONE);
const day = (days: number) => now().plus({ days }).toISODate() ?? '';

/** Sync wired to an HR export that carries dates. */
function dated(overrides: INodeParameters = {}, options: INodeParameters = {}): INodeParameters {
	return syncParameters({
		startDate: "={{ $json.start ?? '' }}",
		leaveDate: "={{ $json.leave ?? '' }}",
		options: { timeZone: ZONE, ...options },
		...overrides,
	});
}

async function sync(
	server: RunningScimServer,
	rows: HrRow[],
	overrides: INodeParameters = {},
	options: INodeParameters = {},
) {
	return await runScim(server, dated(overrides, options), rows);
}

describe('Sync With List · dates', () => {
	test('a leave moment just past deactivates whatever Leaver says; one ahead keeps the account, held as scheduled with when; a joiner is created as early as set, a later one waits', async () => {
		await withScimServer({}, async (server) => {
			const { store } = server;
			const gone = store.addUser({ userName: 'gone@example.com' });
			const leaving = store.addUser({ userName: 'leaving@example.com' });
			const rows: HrRow[] = [
				{
					email: 'gone@example.com',
					leave: now().minus({ minutes: 5 }).toISO() ?? '',
					left: false,
				},
				{ email: 'leaving@example.com', leave: day(1), left: true },
				{ email: 'soon@example.com', start: day(3) },
				{ email: 'later@example.com', start: day(10) },
			];
			const run = await sync(server, rows, {}, { createBeforeStartDays: 7 });
			expect(run.error).toBeUndefined();
			expect(outcomes(json(run))).toEqual({
				'gone@example.com': ['done', 'deactivate', 'leaver'],
				'leaving@example.com': ['skipped', 'none', 'scheduled'],
				'soon@example.com': ['done', 'create', null],
				'later@example.com': ['skipped', 'none', 'scheduled'],
			});
			const items = Object.fromEntries(json(run).map((item) => [item.userName, item]));
			expect(items['leaving@example.com']).toMatchObject({
				effectiveAt: `${day(1)}T23:59:59.999${now().plus({ days: 1 }).toFormat('ZZ')}`,
				summary: `leaving@example.com: Leaves the SCIM service on ${day(1)} at 23:59 Europe/Berlin`,
			});
			expect(items['later@example.com']).toMatchObject({
				effectiveAt: expect.stringMatching(new RegExp(`^${day(3)}T00:00:00.000`)),
				summary: expect.stringMatching(/^later@example.com: Created in the SCIM service from /),
			});
			expect(store.users.get(gone.id)?.active).toBe(false);
			expect(store.users.get(leaving.id)?.active).toBe(true);
			expect(accountsNamed(store, 'soon@example.com')).toHaveLength(1);
			expect(accountsNamed(store, 'later@example.com')).toEqual([]);

			const [summary] = json(
				await sync(server, rows, {}, { createBeforeStartDays: 7, output: 'summary', dryRun: true }),
			);
			expect(summary.upcoming).toEqual([
				{ date: day(1), joiners: 0, leavers: 1 },
				{ date: day(3), joiners: 1, leavers: 0 },
			]);
		});
	});

	test('As Of previews a later moment on a dry run; a real run refuses one in the future before reading anything', async () => {
		await withScimServer({}, async (server) => {
			server.store.addUser({ userName: 'leaving@example.com' });
			const rows: HrRow[] = [{ email: 'leaving@example.com', leave: day(1) }];
			const later = now().plus({ days: 2 }).toISO() ?? '';
			const preview = await sync(server, rows, {}, { asOf: later, dryRun: true });
			expect(outcomes(json(preview))).toEqual({
				'leaving@example.com': ['wouldDeactivate', 'deactivate', 'leaver'],
			});
			const requests = server.requests.length;
			const refused = await sync(server, rows, {}, { asOf: later });
			expect(refused.error?.message).toMatch(
				/^Item 1: “As Of” is in the future \(.+\): a real run planned for a later moment would take access away early/,
			);
			expect(server.requests).toHaveLength(requests);
		});
	});

	test('a plan approved before a leave moment and applied after it is refused as stale', async () => {
		await withScimServer({}, async (server) => {
			const leaver = server.store.addUser({ userName: 'leaving@example.com' });
			const rows: HrRow[] = [
				{ email: 'leaving@example.com', leave: now().minus({ minutes: 5 }).toISO() ?? '' },
			];
			const [approved] = json(
				await sync(server, rows, {}, { dryRun: true, asOf: now().minus({ minutes: 10 }).toISO() }),
			);
			expect(approved).toMatchObject({ reason: 'scheduled' });
			const applied = await sync(server, rows, {}, { expectedPlanId: String(approved.planId) });
			expect(applied.error?.message).toMatch(
				/^The plan is stale: the SCIM service or the list changed/,
			);
			expect(server.store.users.get(leaver.id)?.active).toBe(true);
		});
	});

	test('Only Leavers deactivates the leavers due and the accounts not in the list, and defers every other change', async () => {
		await withScimServer({}, async (server) => {
			const { store } = server;
			const gone = store.addUser({ userName: 'gone@example.com' });
			const stale = store.addUser({ userName: 'stale@example.com' });
			store.addUser({ userName: 'ana@example.com', title: 'Engineer' });
			const run = await sync(
				server,
				[
					{ email: 'gone@example.com', leave: day(-1) },
					{ email: 'ana@example.com', title: 'Lead Engineer' },
					{ email: 'new@example.com' },
				],
				{ accountsNotInList: 'deactivate' },
				{ apply: 'leaversOnly' },
			);
			expect(run.error).toBeUndefined();
			// The Changes output lists what this run does; what it defers is counted, not listed.
			expect(outcomes(json(run))).toEqual({
				'gone@example.com': ['done', 'deactivate', 'leaver'],
				'stale@example.com': ['done', 'deactivate', 'notInList'],
			});
			const everyone = await sync(
				server,
				[
					{ email: 'gone@example.com', leave: day(-1) },
					{ email: 'ana@example.com', title: 'Lead Engineer' },
					{ email: 'new@example.com' },
				],
				{ accountsNotInList: 'deactivate' },
				{ apply: 'leaversOnly', output: 'everyone' },
			);
			expect(outcomes(json(everyone))).toMatchObject({
				'ana@example.com': ['skipped', 'none', 'deferred'],
				'new@example.com': ['skipped', 'none', 'deferred'],
			});
			expect(json(everyone).find((item) => item.userName === 'ana@example.com')?.summary).toMatch(
				/Not now: “Apply” is Only Leavers; applying everything would update the account/,
			);
			expect(store.users.get(gone.id)?.active).toBe(false);
			expect(store.users.get(stale.id)?.active).toBe(false);
			expect(accountsNamed(store, 'new@example.com')).toEqual([]);
			expect(accountsNamed(store, 'ana@example.com')[0].title).toBe('Engineer');
		});
	});

	test('bad input: a date that does not read holds that person naming the value and the field (never a leaver by accident); an unknown time zone fails the node naming it', async () => {
		await withScimServer({}, async (server) => {
			const kim = server.store.addUser({ userName: 'kim@example.com' });
			const run = await sync(
				server,
				[{ email: 'kim@example.com', leave: '31.12.2026' }, { email: 'bo@example.com' }],
				{ accountsNotInList: 'deactivate' },
				{ maxShareDeactivated: 0 },
			);
			expect(run.error).toBeUndefined();
			expect(json(run)[0]).toMatchObject({
				reason: 'invalid',
				id: kim.id,
				error: 'Item 1: “Leave Date” is not a date: "31.12.2026"',
			});
			expect(server.store.users.get(kim.id)?.active).toBe(true);
			const zone = await sync(
				server,
				[{ email: 'bo@example.com' }],
				{},
				{ timeZone: 'Europe/Atlantis' },
			);
			expect(zone.error?.message).toBe('Item 1: “Time Zone” is not a time zone: "Europe/Atlantis"');
			expect(changing(server.requests).filter((request) => request.path.includes(kim.id))).toEqual(
				[],
			);
		});
	});
});

describe('Sync With List · dates on each vendor', () => {
	const VENDORS: Array<[PackageNode, () => ReturnType<typeof startLeapsomeSimulator>]> = [
		['leapsome', startLeapsomeSimulator],
		['leadIq', startLeadIqSimulator],
		['spekit', startSpekitSimulator],
	];

	test.each(VENDORS)(
		'%s: a leave moment just past deactivates; one just ahead leaves the account as it is',
		async (node, start) => {
			const service = await start();
			try {
				const past = service.addUser({
					userName: 'past@example.com',
					givenName: 'Pat',
					familyName: 'Past',
				});
				const ahead = service.addUser({
					userName: 'ahead@example.com',
					givenName: 'Abe',
					familyName: 'Ahead',
				});
				const rows: HrRow[] = [
					{
						email: 'past@example.com',
						first: 'Pat',
						last: 'Past',
						leave: now().minus({ minutes: 1 }).toISO() ?? '',
					},
					{
						email: 'ahead@example.com',
						first: 'Abe',
						last: 'Ahead',
						leave: now().plus({ minutes: 10 }).toISO() ?? '',
					},
				];
				const run = await runVendor(
					node,
					service,
					dated({ fields: { givenName: '={{ $json.first }}', familyName: '={{ $json.last }}' } }),
					rows,
				);
				expect(run.error).toBeUndefined();
				expect(outcomes(json(run))).toEqual({
					'past@example.com': ['done', 'deactivate', 'leaver'],
					'ahead@example.com': ['skipped', 'none', 'scheduled'],
				});
				expect(service.store.users.get(past.id)?.active).toBe(false);
				expect(service.store.users.get(ahead.id)?.active).toBe(true);
				expect(service.violations).toEqual([]);
			} finally {
				await service.close();
			}
		},
	);
});
