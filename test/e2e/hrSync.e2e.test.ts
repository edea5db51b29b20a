import type { IDataObject } from 'n8n-workflow';

import { vendorApps } from '../../tools/n8n/demoServices';
import type { DemoServices } from '../../tools/n8n/demoServices';
import type { N8nInstance, WorkflowFile } from '../../tools/n8n/instance';
import { demoTemplate, TEMPLATES } from '../../tools/n8n/templates';
import type { CaughtMail } from '../../tools/services/mailCatcher';
import type { ScimStore, StoredUser } from '../servers/scimStore';
import { waitFor } from '../harness/waitFor';
import { freshN8n } from './freshN8n';

/**
 * The HR-sync template in a running n8n: it reads the demo's HR list, emails the plan, waits
 * for the approver's click, applies exactly the approved plan, and emails the result. Started
 * through a webhook here (a test cannot press the editor's button); everything else is the
 * template as it ships.
 */
function testVariant(hrListUrl: string): WorkflowFile {
	const workflow = demoTemplate('hrSync', hrListUrl);
	const nodes = (workflow.nodes as IDataObject[])
		.filter((node) => node.name !== 'Weekly, Monday 7:00')
		.map((node) => {
			if (node.name !== 'Run the sync now') return node;
			return {
				...node,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: 'hr-sync-e2e',
				parameters: { path: 'hr-sync-e2e', httpMethod: 'GET', options: {} },
			};
		});
	const connections = { ...(workflow.connections as IDataObject) };
	delete connections['Weekly, Monday 7:00'];
	return { ...workflow, id: 'e2eHrSyncApprove', name: 'HR sync, end to end', nodes, connections };
}

describe('the HR sync template with approval, in a running n8n', () => {
	let n8n: N8nInstance;
	let services: DemoServices;

	beforeAll(async () => {
		({ n8n, services } = await freshN8n('hrSync'));
		const workflow = testVariant(services.hrList.url);
		await n8n.importWorkflows([workflow, demoTemplate('offboarding')]);
		await n8n.publish(workflow.id);
		await n8n.publish(TEMPLATES.offboarding.id);
		await n8n.start();
		// n8n registers an active workflow's webhooks shortly after its API answers.
		await waitFor(
			'the workflow’s webhook',
			async () => {
				const probe = await fetch(`${n8n.url}/webhook/hr-sync-e2e`, { method: 'POST' });
				return (await probe.text()).includes('not registered for POST') ? true : undefined;
			},
			60_000,
		);
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

	/** Starts a run and answers the email it sends for approval. */
	async function planEmail(): Promise<CaughtMail> {
		const mail = services.mail.next(/to approve$/);
		const started = await fetch(`${n8n.url}/webhook/hr-sync-e2e`);
		expect(started.status).toBe(200);
		return await mail;
	}

	/** The approver's click on a link of the plan email; answers the page shown and the result email. */
	async function click(
		plan: CaughtMail,
		approved: boolean,
	): Promise<{ page: string; result: CaughtMail }> {
		const link = [...plan.html.matchAll(/href="([^"]+)"/g)]
			.map((match) => match[1].replace(/&amp;/g, '&'))
			.find((href) => href.includes(`approved=${approved}`));
		expect(link).toMatch(new RegExp(`^${n8n.url}/webhook-waiting/`));
		const result = services.mail.next(/^HR sync (applied|declined)/);
		// The plan email leaves just before the execution is saved as waiting; a person is slower.
		const page = await waitFor(
			'the execution to wait for the approver',
			async () => {
				const answer = await (await fetch(link!)).text();
				return answer.includes('is running already') ? undefined : answer;
			},
			30_000,
		);
		return { page, result: await result };
	}

	const writesIn = (service: { requests: Array<{ method: string }> }) =>
		service.requests.filter((request) => request.method !== 'GET').length;

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
		const writes = [services.leadIq, services.leapsome, services.spekit].map(writesIn);
		const preview = await submit('Yes');
		expect(preview.status).toBe(200);
		expect(preview.page).toContain('Preview: nothing was changed');
		expect(preview.page).toContain(
			'Would deactivate max.turner@example.com in Leapsome and remove them from Sales',
		);
		expect([services.leadIq, services.leapsome, services.spekit].map(writesIn)).toEqual(writes);
	});

	test('the plan email shows each app’s picture and changes; approving applies exactly that plan', async () => {
		const plan = await planEmail();
		expect(plan.subject).toMatch(/^HR sync: \d+ changes to approve$/);
		for (const app of ['LeadIQ', 'Leapsome', 'Spekit']) expect(plan.html).toContain(`>${app}</h2>`);
		expect(plan.html).toContain('max.turner@example.com');
		expect(plan.html).toContain('title: Account Executive → Senior Account Executive');
		expect(plan.html).toMatch(/held: renameNotAllowed/);
		expect(plan.html).toMatch(/<td width="\d+%" style="background:#c62828/);
		// Nothing is written while the plan waits for approval.
		expect(apps().every(([, store]) => user(store, 'riley.jordan@example.com') === undefined)).toBe(
			true,
		);

		const { page, result } = await click(plan, true);
		expect(page).toContain('Approved');
		expect(result.subject).toMatch(/^HR sync applied: \d+ changes?$/);
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
	});

	test('declining writes nothing, and the result email says so', async () => {
		user(services.leapsome.store, 'liam.chen@example.com')!.title = 'Account Executive';
		const before = apps().map(([, store]) => JSON.stringify([...store.users.values()]));
		const writes = [services.leadIq, services.leapsome, services.spekit].map(writesIn);
		const plan = await planEmail();
		expect(plan.subject).toBe('HR sync: 1 change to approve');
		const { page, result } = await click(plan, false);
		expect(page).toContain('Declined');
		expect(result.subject).toBe('HR sync declined: nothing was written');
		expect(apps().map(([, store]) => JSON.stringify([...store.users.values()]))).toEqual(before);
		expect([services.leadIq, services.leapsome, services.spekit].map(writesIn)).toEqual(writes);
	});

	test('an app that changed between the plan and the approval refuses as stale; the others apply', async () => {
		user(services.spekit.store, 'liam.chen@example.com')!.title = 'Account Executive';
		const plan = await planEmail();
		expect(plan.subject).toBe('HR sync: 2 changes to approve');
		// Someone edits Liam in Leapsome after the plan was made.
		user(services.leapsome.store, 'liam.chen@example.com')!.title = 'Sales Lead';
		const leapsomeWrites = writesIn(services.leapsome);
		const { result } = await click(plan, true);
		expect(result.subject).toBe('HR sync applied, except Leapsome (stale plan)');
		expect(result.html).toMatch(/Nothing was written.<\/b> The plan is stale/);
		expect(user(services.leapsome.store, 'liam.chen@example.com')?.title).toBe('Sales Lead');
		expect(writesIn(services.leapsome)).toBe(leapsomeWrites);
		expect(user(services.spekit.store, 'liam.chen@example.com')?.title).toBe(
			'Senior Account Executive',
		);
	});
});
