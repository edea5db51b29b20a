import { LEADIQ_RULES, startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import type { RunningSimulator } from '../servers/vendorSimulator';

/** The simulators are only worth their tests if they refuse what the real services refuse. */

async function call(
	simulator: RunningSimulator,
	method: string,
	path: string,
	body?: unknown,
	contentType = 'application/json',
) {
	const response = await fetch(`${simulator.baseUrl}${path}`, {
		method,
		headers: { Authorization: `Bearer ${SIMULATOR_TOKEN}`, 'Content-Type': contentType },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
	};
}

async function using(
	start: () => Promise<RunningSimulator>,
	body: (simulator: RunningSimulator) => Promise<void>,
) {
	const simulator = await start();
	try {
		await body(simulator);
	} finally {
		await simulator.close();
	}
}

describe('vendor simulators enforce the documented rules', () => {
	test('Leapsome refuses a PatchOp, a 101-member PATCH, DELETE, SCIM media type and a second >30 requests per second', async () => {
		await using(startLeapsomeSimulator, async (leapsome) => {
			const user = leapsome.addUser({ userName: 'a@example.com' });
			const team = leapsome.store.addGroup('Team');
			const patchOp = {
				schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
				Operations: [{ op: 'replace', path: 'active', value: false }],
			};
			expect((await call(leapsome, 'PATCH', `/Users/${user.id}`, patchOp)).status).toBe(400);
			const members = Array.from({ length: 101 }, () => ({ value: user.id }));
			expect((await call(leapsome, 'PATCH', `/Groups/${team.id}`, { members })).status).toBe(400);
			expect((await call(leapsome, 'DELETE', `/Users/${user.id}`)).status).toBe(405);
			expect((await call(leapsome, 'DELETE', `/Groups/${team.id}`)).status).toBe(405);
			expect(
				(
					await call(
						leapsome,
						'POST',
						'/Users',
						{ userName: 'b@example.com' },
						'application/scim+json',
					)
				).status,
			).toBe(415);
			expect((await call(leapsome, 'POST', '/Users', { userName: 'c@other.org' })).status).toBe(
				400,
			);
			expect((await call(leapsome, 'GET', '/Users?filter=externalId%20eq%20%22x%22')).status).toBe(
				400,
			);
			expect((await call(leapsome, 'GET', '/Users?count=5001')).status).toBe(400);
			expect(await call(leapsome, 'POST', '/Users', { userName: 'a@example.com' })).toEqual({
				status: 201,
				body: {},
			});
			expect(leapsome.violations.length).toBeGreaterThanOrEqual(5);
			// Nothing else has been sent this second except the calls above: fill the window.
			const burst = await Promise.all(
				Array.from(
					{ length: 35 },
					async () => (await call(leapsome, 'GET', '/Users?count=1')).status,
				),
			);
			expect(burst.filter((status) => status === 429).length).toBeGreaterThan(0);
			expect(leapsome.rateLimited).toBe(burst.filter((status) => status === 429).length);
		});
	});

	test('LeadIQ refuses a second group for a user, changes beyond the name, DELETE of users, and reports duplicate names as a 500', async () => {
		await using(startLeadIqSimulator, async (leadIq) => {
			const user = leadIq.addUser({ userName: 'a@example.com' });
			const sales = (await call(leadIq, 'POST', '/Groups', { displayName: 'Sales' })).body;
			const support = (await call(leadIq, 'POST', '/Groups', { displayName: 'Support' })).body;
			const add = (group: Record<string, unknown>) =>
				call(leadIq, 'PATCH', `/Groups/${String(group.id)}`, {
					schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
					Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }],
				});
			expect((await add(sales)).status).toBe(200);
			expect((await add(support)).status).toBe(400);
			const title = {
				schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
				Operations: [{ op: 'replace', path: 'title', value: 'x' }],
			};
			expect((await call(leadIq, 'PATCH', `/Users/${user.id}`, title)).status).toBe(400);
			expect((await call(leadIq, 'DELETE', `/Users/${user.id}`)).status).toBe(405);
			const duplicate = await call(leadIq, 'POST', '/Groups', { displayName: 'Sales' });
			expect(duplicate.status).toBe(500);
			expect(String(duplicate.body.detail)).toContain(LEADIQ_RULES.duplicateGroupName.detail);
		});
	});

	test('Spekit refuses reserved team names and team deletion', async () => {
		await using(startSpekitSimulator, async (spekit) => {
			expect(
				(await call(spekit, 'POST', '/Groups', { displayName: 'All Spekit Users' })).status,
			).toBe(400);
			const team = (await call(spekit, 'POST', '/Groups', { displayName: 'Team' })).body;
			expect((await call(spekit, 'DELETE', `/Groups/${String(team.id)}`)).status).toBe(405);
		});
	});
});
