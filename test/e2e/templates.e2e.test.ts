import type { IDataObject } from 'n8n-workflow';

import { nodeOutput } from '../../tools/n8n/api';
import { vendorApps } from '../../tools/n8n/demoServices';
import type { DemoServices } from '../../tools/n8n/demoServices';
import type { N8nInstance, WorkflowFile } from '../../tools/n8n/instance';
import { demoTemplate, template, TEMPLATES } from '../../tools/n8n/templates';
import type { ScimStore } from '../servers/scimStore';
import { freshN8n } from './freshN8n';

/**
 * The three templates, imported as they ship into a real n8n with this package installed,
 * executed with `n8n execute` against the demo's LeadIQ, Leapsome and Spekit simulators. The
 * tests follow one story, in order: the audit finds a leaver's seats and a new hire's missing
 * accounts; offboarding frees the seats; onboarding creates the accounts; the audit is clean.
 */
describe('the workflow templates in a real n8n', () => {
	let n8n: N8nInstance;
	let services: DemoServices;
	const LEAVER = 'max.turner@example.com';
	const NEW_HIRE = 'riley.jordan@example.com';

	/** Offboarding with its sample leaver's nodes replaced: the sample as given, or items from a Code node. */
	function offboardingWith(id: string, sample: IDataObject): WorkflowFile {
		const workflow = template('offboarding');
		const nodes = (workflow.nodes as IDataObject[]).map((node) =>
			node.name === 'Sample leaver' ? { ...node, ...sample } : node,
		);
		return { ...workflow, id, name: id, nodes };
	}

	/** The sample leaver with the preview turned off: the one way the sample runs for real. */
	const REAL_RUN = offboardingWith('tplOffboardReal1', {
		parameters: {
			assignments: {
				assignments: [
					{ id: 'a1', name: 'Work email', value: LEAVER, type: 'string' },
					{ id: 'a2', name: 'Preview only (dry run)', value: false, type: 'boolean' },
				],
			},
			options: {},
		},
	});

	/** Choices that are not an explicit No: missing, blank, misspelled, another case, text for false, null. */
	const NOT_NO = [
		{},
		{ p: '' },
		{ p: 'Noo' },
		{ p: 'no' },
		{ p: 'yes' },
		{ p: 'false' },
		{ p: null },
	];
	const FAIL_CLOSED = offboardingWith('tplOffboardUnsure', {
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: `return ${JSON.stringify(NOT_NO)}.map(({ p, ...rest }) => ({ json: { 'Work email': '${LEAVER}', ...(p === undefined ? {} : { 'Preview only (dry run)': p }) } }));`,
		},
	});

	/**
	 * `n8n execute` does not load n8n's Data Tables module, so here the Data Table steps pass
	 * their items through (disabled): the rows the change log gets are read from *Log rows*,
	 * and the HR sync's end-to-end test, in a running n8n, reads them back from the table.
	 */
	const withoutDataTables = (workflow: WorkflowFile): WorkflowFile => ({
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type === 'n8n-nodes-base.dataTable' ? { ...node, disabled: true } : node,
		),
	});

	/** The audit as the demo imports it: its email step on. */
	const AUDIT_EMAILED_ID = 'tplAuditEmailed1';
	const AUDIT_EMAILED = {
		...demoTemplate('licenseAudit'),
		id: AUDIT_EMAILED_ID,
		name: 'Audit, emailed',
	};

	beforeAll(async () => {
		({ n8n, services } = await freshN8n('templates'));
		await n8n.importWorkflows(
			[
				...(Object.keys(TEMPLATES) as Array<keyof typeof TEMPLATES>).map(template),
				REAL_RUN,
				FAIL_CLOSED,
				AUDIT_EMAILED,
			].map(withoutDataTables),
		);
	});

	afterAll(async () => {
		await services?.close();
	});

	const apps = () => vendorApps(services);
	const appKey = (app: string) =>
		({ LeadIQ: 'leadIq', Leapsome: 'leapsome', Spekit: 'spekit' })[app] as
			'leadIq' | 'leapsome' | 'spekit';

	const userIn = (store: ScimStore, userName: string) =>
		[...store.users.values()].filter((user) => user.userName === userName);

	const groupsOf = (store: ScimStore, userId: string) =>
		[...store.groups.values()]
			.filter((group) => group.members.some((member) => member.value === userId))
			.map((group) => group.displayName);

	async function audit(): Promise<Record<string, IDataObject>> {
		const run = await n8n.execute(TEMPLATES.licenseAudit.id);
		const [report] = nodeOutput(run.data, 'Report per app');
		return Object.fromEntries((report.apps as IDataObject[]).map((app) => [String(app.app), app]));
	}

	test('the license audit reports, per app, the leaver’s seat to reclaim and the new hire’s missing account', async () => {
		const report = await audit();
		expect(report.LeadIQ).toMatchObject({
			ok: 7,
			unexpected: 1,
			missing: 1,
			retired: 0,
			unexpectedUserNames: [LEAVER],
			missingUserNames: [NEW_HIRE],
		});
		expect(report.Leapsome).toMatchObject({
			ok: 16,
			unexpected: 1,
			missing: 1,
			retired: 1,
			unexpectedUserNames: [LEAVER],
			missingUserNames: [NEW_HIRE],
		});
		expect(report.Spekit).toMatchObject({
			ok: 9,
			unexpected: 1,
			missing: 1,
			unexpectedUserNames: [LEAVER],
			missingUserNames: [NEW_HIRE],
		});
		expect(String(report.LeadIQ.line)).toContain(`Reclaim: ${LEAVER}`);
	});

	const writesSoFar = () =>
		[services.leadIq, services.leapsome, services.spekit].flatMap((app) =>
			app.requests.filter((request) => request.method !== 'GET'),
		).length;

	test('offboarding fails closed: a missing, blank, misspelled or lower-case choice previews and sends no write', async () => {
		const before = writesSoFar();
		const summary = nodeOutput((await n8n.execute(FAIL_CLOSED.id)).data, 'Summary per app');
		expect(summary).toHaveLength(NOT_NO.length * 3);
		for (const line of summary)
			expect(line).toMatchObject({ dryRun: true, outcome: 'wouldDeactivate' });
		expect(writesSoFar()).toBe(before);
	});

	test('offboarding’s sample, as shipped, is a dry run: it says, per app, what it would do and the requests it would send, and changes nothing', async () => {
		const before = apps().map(([, store]) =>
			JSON.stringify([...store.users.values(), ...store.groups.values()]),
		);
		const run = await n8n.execute(TEMPLATES.offboarding.id);
		const summary = nodeOutput(run.data, 'Summary per app');
		// A preview writes nothing, so it adds no row to the change log.
		expect(nodeOutput(run.data, 'Log rows')).toEqual([]);
		expect(
			summary.map((line) => [line.app, line.dryRun, line.outcome, line.removedFromGroups]),
		).toEqual([
			['LeadIQ', true, 'wouldDeactivate', ['Sales']],
			['Leapsome', true, 'wouldDeactivate', ['Sales']],
			['Spekit', true, 'wouldDeactivate', ['Sales']],
		]);
		expect(summary[1].summary).toBe(
			'Would deactivate max.turner@example.com in Leapsome and remove them from Sales',
		);
		for (const line of summary)
			expect((line.plannedRequests as IDataObject[]).map((request) => request.method)).toEqual([
				'PATCH',
				'PATCH',
			]);
		expect(
			apps().map(([, store]) =>
				JSON.stringify([...store.users.values(), ...store.groups.values()]),
			),
		).toEqual(before);
	});

	test('offboarding with the preview turned off deactivates the leaver in every app and takes them out of their groups; a re-run is alreadyInactive', async () => {
		const run = await n8n.execute(REAL_RUN.id);
		const first = nodeOutput(run.data, 'Summary per app');
		expect(first.map((line) => line.summary)).toEqual(
			['LeadIQ', 'Leapsome', 'Spekit'].map(
				(app) => `Deactivated ${LEAVER} in ${app} and removed them from Sales`,
			),
		);
		// A real run's lines carry no planned requests: those are a preview's.
		expect(first.map(({ summary: _, accountId: __, ...line }) => line)).toEqual([
			{
				leaver: LEAVER,
				app: 'LeadIQ',
				dryRun: false,
				outcome: 'deactivated',
				removedFromGroups: ['Sales'],
				error: null,
			},
			{
				leaver: LEAVER,
				app: 'Leapsome',
				dryRun: false,
				outcome: 'deactivated',
				removedFromGroups: ['Sales'],
				error: null,
			},
			{
				leaver: LEAVER,
				app: 'Spekit',
				dryRun: false,
				outcome: 'deactivated',
				removedFromGroups: ['Sales'],
				error: null,
			},
		]);
		for (const [app, store] of apps()) {
			const [user] = userIn(store, LEAVER);
			expect({ app, active: user.active, groups: groupsOf(store, user.id) }).toEqual({
				app,
				active: false,
				groups: app === 'LeadIQ' ? ['Default'] : [],
			});
		}

		// Each write is a row of the Data Table "Provisioning log", as n8n inserted it.
		const logged = nodeOutput(run.data, 'Log rows');
		expect(
			logged.map((row) => [
				row.app,
				row.userName,
				row.action,
				row.outcome,
				row.groupsLeft,
				row.error,
			]),
		).toEqual(
			['LeadIQ', 'Leapsome', 'Spekit'].map((app) => [
				app,
				LEAVER,
				'deactivate',
				'done',
				'Sales',
				'',
			]),
		);
		for (const row of logged) {
			expect(row.accountId).toBe(userIn(services[appKey(String(row.app))].store, LEAVER)[0].id);
			expect(row).toMatchObject({ workflow: REAL_RUN.name, executionId: expect.any(String) });
			expect(Date.parse(String(row.at))).toBeGreaterThan(Date.now() - 120_000);
		}

		const rerun = await n8n.execute(REAL_RUN.id);
		const again = nodeOutput(rerun.data, 'Summary per app');
		expect(again.map((line) => [line.app, line.outcome, line.removedFromGroups])).toEqual([
			['LeadIQ', 'alreadyInactive', []],
			['Leapsome', 'alreadyInactive', []],
			['Spekit', 'alreadyInactive', []],
		]);
		// Nothing was written again, so nothing more is logged.
		expect(nodeOutput(rerun.data, 'Log rows')).toEqual([]);
	});

	test('onboarding creates the new hire in every app, with Leapsome’s fields, in their team’s group; a re-run reuses the accounts', async () => {
		const run = await n8n.execute(TEMPLATES.onboarding.id);
		const first = nodeOutput(run.data, 'Summary per app');
		expect(first.map((line) => [line.app, line.membership, line.error])).toEqual([
			['LeadIQ', 'added', null],
			['Leapsome', 'added', null],
			['Spekit', 'added', null],
		]);
		for (const [app, store] of apps()) {
			const users = userIn(store, NEW_HIRE);
			expect({ app, accounts: users.length, groups: groupsOf(store, users[0].id) }).toEqual({
				app,
				accounts: 1,
				groups: ['Sales'],
			});
			expect(first.find((line) => line.app === app)?.userId).toBe(users[0].id);
		}
		const [inLeapsome] = userIn(services.leapsome.store, NEW_HIRE);
		expect(inLeapsome).toMatchObject({
			name: { givenName: 'Riley', familyName: 'Jordan' },
			title: 'Account Executive',
			'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
				department: 'Sales',
				// Leapsome keeps the manager named by email as the manager's id.
				manager: services.leapsome.store.userByName('daniel.cohen@example.com')?.id,
				startDate: expect.stringMatching(/^2026-12-01/),
			},
		});

		// Each account created is a row of the change log, with the group joined.
		expect(
			nodeOutput(run.data, 'Log rows').map((row) => [
				row.app,
				row.userName,
				row.action,
				row.outcome,
				row.groupsJoined,
				row.accountId,
			]),
		).toEqual(first.map((line) => [line.app, NEW_HIRE, 'create', 'done', 'Sales', line.userId]));

		const again = nodeOutput((await n8n.execute(TEMPLATES.onboarding.id)).data, 'Summary per app');
		expect(again.map((line) => [line.app, line.membership, line.userId])).toEqual(
			first.map((line) => [line.app, 'alreadyMember', line.userId]),
		);
		for (const [, store] of apps()) expect(userIn(store, NEW_HIRE)).toHaveLength(1);
	});

	test('the audit email, as the demo sends it, opens with a bar per app and explains its words', async () => {
		const mail = services.mail.next(/^License audit: /);
		await n8n.execute(AUDIT_EMAILED.id);
		const { subject, html } = await mail;
		expect(subject).toBe('License audit: 0 licenses to reclaim');
		for (const app of ['LeadIQ', 'Leapsome', 'Spekit']) expect(html).toContain(`>${app}</h2>`);
		expect(html).toMatch(/<td width="\d+%" style="background:#2e7d32/);
		expect(html).toContain(
			'<b>retired</b></td><td>deactivated and not on the list: the good outcome of an offboarding, nothing to do',
		);
	});

	test('after both, the audit has nothing to reclaim and nobody missing; the leaver’s accounts are retired', async () => {
		const report = await audit();
		for (const app of ['LeadIQ', 'Leapsome', 'Spekit']) {
			expect(report[app]).toMatchObject({
				unexpected: 0,
				missing: 0,
				unexpectedUserNames: [],
				missingUserNames: [],
			});
		}
		expect(report.LeadIQ).toMatchObject({ ok: 8, retired: 1 });
		expect(report.Leapsome).toMatchObject({ ok: 17, retired: 2 });
		expect(report.Spekit).toMatchObject({ ok: 10, retired: 1 });
	});
});
