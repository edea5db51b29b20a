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

	test('LeadIQ refuses to delete its default group, renamed in another case or not', async () => {
		await using(startLeadIqSimulator, async (leadIq) => {
			const user = leadIq.addUser({ userName: 'a@example.com' });
			const defaultGroup = leadIq.store.groupByName('Default')!;
			const rename = await call(leadIq, 'PATCH', `/Groups/${defaultGroup.id}`, {
				schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
				Operations: [{ op: 'replace', value: { displayName: 'default' } }],
			});
			expect(rename.status).toBe(200);
			expect((await call(leadIq, 'DELETE', `/Groups/${defaultGroup.id}`)).status).toBe(400);
			expect(leadIq.store.groups.get(defaultGroup.id)?.members).toEqual([{ value: user.id }]);
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

	test.each([
		['LeadIQ', startLeadIqSimulator],
		['Spekit', startSpekitSimulator],
	] as const)(
		'%s takes only the request shapes Okta’s client sends: anything else is 400',
		async (_, start) => {
			await using(start, async (service) => {
				const user = service.addUser({ userName: 'a@example.com' });
				const group = (await call(service, 'POST', '/Groups', { displayName: 'Sales' })).body;
				const patchOp = (path: string, ...Operations: unknown[]) =>
					call(service, 'PATCH', path, {
						schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
						Operations,
					});
				const status = async (request: Promise<{ status: number }>) => (await request).status;
				// What Okta sends is taken.
				expect(
					await status(
						call(
							service,
							'GET',
							'/Users?filter=userName%20eq%20%22a%40example.com%22&startIndex=1&count=100',
						),
					),
				).toBe(200);
				expect(
					await status(patchOp(`/Users/${user.id}`, { op: 'replace', value: { active: false } })),
				).toBe(200);
				expect(
					await status(
						patchOp(`/Groups/${String(group.id)}`, {
							op: 'replace',
							value: { id: group.id, displayName: 'Sales EMEA' },
						}),
					),
				).toBe(200);
				// Anything else is not.
				for (const filter of [
					'userName sw "a"',
					'externalId eq "x"',
					'userName eq "a@example.com" and active eq true',
				])
					expect(
						await status(call(service, 'GET', `/Users?filter=${encodeURIComponent(filter)}`)),
					).toBe(400);
				expect(await status(call(service, 'GET', '/Users?attributes=userName'))).toBe(400);
				expect(
					await status(
						patchOp(`/Users/${user.id}`, { op: 'replace', path: 'active', value: true }),
					),
				).toBe(400);
				expect(
					await status(
						patchOp(`/Users/${user.id}`, { op: 'replace', value: { active: true, title: 'x' } }),
					),
				).toBe(400);
				expect(
					await status(
						patchOp(`/Groups/${String(group.id)}`, {
							op: 'replace',
							path: 'displayName',
							value: 'Sales',
						}),
					),
				).toBe(400);
				expect(
					await status(
						patchOp(`/Groups/${String(group.id)}`, {
							op: 'remove',
							path: 'members',
							value: [{ value: user.id }],
						}),
					),
				).toBe(400);
			});
		},
	);

	test('Leapsome creates users only from what POST /Users documents, answers 401 for a group not in the organisation, and shows a manager as a reference', async () => {
		await using(startLeapsomeSimulator, async (leapsome) => {
			const boss = leapsome.addUser({ userName: 'boss@example.com', displayName: 'Bo Boss' });
			const undocumented = await call(leapsome, 'POST', '/Users', {
				userName: 'a@example.com',
				'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
			});
			expect(undocumented.status).toBe(400);
			const created = await call(leapsome, 'POST', '/Users', {
				userName: 'a@example.com',
				title: 'Dev',
			});
			expect(created.status).toBe(201);
			const patched = await call(leapsome, 'PATCH', `/Users/${String(created.body.id)}`, {
				userName: 'a@example.com',
				'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
					manager: 'boss@example.com',
				},
			});
			expect(patched.body).toMatchObject({
				'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
					manager: { managerId: boss.id, displayName: 'Bo Boss' },
				},
				manager: { value: boss.id },
			});
			const unknownManager = await call(leapsome, 'PATCH', `/Users/${String(created.body.id)}`, {
				userName: 'a@example.com',
				'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
					manager: 'nobody@example.com',
				},
			});
			expect(unknownManager.status).toBe(400);
			expect((await call(leapsome, 'GET', '/Groups/5ecba01fb567a5d046582027')).status).toBe(401);
			expect(
				(await call(leapsome, 'PATCH', '/Groups/5ecba01fb567a5d046582027', { displayName: 'X' }))
					.status,
			).toBe(401);
		});
	});
});
