import type { IDataObject } from 'n8n-workflow';

import type { N8nApi, PublicExecution } from '../../tools/n8n/api';
import type { DemoServices } from '../../tools/n8n/demoServices';
import type { N8nInstance, WorkflowFile } from '../../tools/n8n/instance';
import { demoTemplate } from '../../tools/n8n/templates';
import type { CaughtMail } from '../../tools/services/mailCatcher';
import { waitFor } from '../harness/waitFor';

/** Where the HR sync starts when a test or the scale run starts it (it cannot press the editor's button). */
export const HR_SYNC_HOOK = 'hr-sync-e2e';

/**
 * The HR-sync template as the demo imports it, started through a webhook instead of its
 * manual trigger and without its schedule; everything else is the template as it ships.
 */
export function webhookStartedHrSync(
	hrListUrl: string,
	workflow: { id: string; name: string } = { id: 'e2eHrSyncApprove', name: 'HR sync, end to end' },
): WorkflowFile {
	const shipped = demoTemplate('hrSync', hrListUrl);
	const nodes = (shipped.nodes as IDataObject[])
		.filter((node) => node.name !== 'Weekly, Monday 7:00')
		.map((node) => {
			if (node.name !== 'Run the sync now') return node;
			return {
				...node,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: HR_SYNC_HOOK,
				parameters: { path: HR_SYNC_HOOK, httpMethod: 'GET', options: {} },
			};
		});
	const connections = { ...(shipped.connections as IDataObject) };
	delete connections['Weekly, Monday 7:00'];
	return { ...shipped, ...workflow, nodes, connections };
}

/**
 * The newest run of the HR sync its webhook started (the run that plans), and the run it handed
 * the plan to, which waits for the approval, once that waits again (n8n's API lists no execution
 * while it runs).
 */
export async function lastRun(
	api: N8nApi,
	workflowId: string,
): Promise<{ run: PublicExecution; planning: PublicExecution }> {
	return await waitFor(
		'the HR sync to wait again',
		async () => {
			const executions = await api.executions(workflowId);
			const planning = executions.find((execution) => execution.mode === 'webhook');
			const run = executions.find(
				(execution) => planning && execution.data?.parentExecution?.executionId === planning.id,
			);
			return run?.status === 'waiting' && planning ? { run, planning } : undefined;
		},
		60_000,
	);
}

/** A decision as the approval page's button sends it. */
export interface Answer {
	decision: 'Approve and apply' | 'Decline';
	name: string;
	comment?: string;
	/** The acknowledgement's box, where the page shows one (a brake tripped): ticked or not. */
	acknowledge?: boolean;
}

/** The acknowledgement the approval page asks to tick, past a brake (its one checkbox's label). */
export function acknowledgementOn(page: string): string | undefined {
	const label = /<label for='option0_field-4'>([^<]*)<\/label>/.exec(page)?.[1];
	return label
		?.replace(/&#x27;|&#39;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&#x3D;/g, '=')
		.replace(/&#x60;/g, '`')
		.replace(/&amp;/g, '&')
		.trim();
}

const fetchText = async (link: string, timeoutMs = 3000): Promise<string> =>
	await fetch(link, { signal: AbortSignal.timeout(timeoutMs) })
		.then(async (answer) => await answer.text())
		.catch(() => '');

/**
 * Drives the HR sync in a running n8n as its approver does: starts a run, reads the email it
 * sends, opens the approval page it links to, and answers it.
 */
export class HrSyncDriver {
	constructor(
		private readonly n8n: N8nInstance,
		private readonly services: DemoServices,
	) {}

	/** Waits until n8n has registered the published workflow's webhook (shortly after its API answers). */
	async webhookRegistered(): Promise<void> {
		await waitFor(
			'the workflow’s webhook',
			async () => {
				const probe = await fetch(`${this.n8n.url}/webhook/${HR_SYNC_HOOK}`, { method: 'POST' });
				return (await probe.text()).includes('not registered for POST') ? true : undefined;
			},
			60_000,
		);
	}

	/** Starts a run; answers n8n's status for the start. */
	async start(): Promise<number> {
		return (await fetch(`${this.n8n.url}/webhook/${HR_SYNC_HOOK}`)).status;
	}

	/** Starts a run and answers the email it sends (to approve, or for attention). */
	async planEmail(subject = /to approve$/, timeoutMs = 120_000): Promise<CaughtMail> {
		const mail = this.services.mail.next(subject, timeoutMs);
		const status = await this.start();
		if (status !== 200) throw new Error(`The HR sync’s webhook answered ${status}`);
		return await mail;
	}

	linksIn(mail: CaughtMail): string[] {
		return [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) =>
			match[1].replace(/&amp;/g, '&'),
		);
	}

	/**
	 * The approval page's address, once its execution waits there (the email leaves just
	 * before): n8n's status for the execution is asked, which does not load its data.
	 */
	async approvalPage(plan: CaughtMail, timeoutMs = 30_000): Promise<string> {
		const link = this.linksIn(plan).find((href) => href.includes('/form-waiting/'));
		if (!link) throw new Error(`The email “${plan.subject}” links to no approval page`);
		await waitFor(
			'the approval page',
			async () =>
				(await this.executionStatus(link).catch(() => '')) === 'form-waiting' ? true : undefined,
			timeoutMs,
		);
		return link;
	}

	/** The page a form link shows once it says `text` (while the execution runs, n8n holds the request). */
	async pageSaying(link: string, text: string, timeoutMs = 30_000): Promise<string> {
		return await waitFor(
			`a page saying ${text}`,
			async () => {
				const page = await fetchText(link);
				return page.includes(text) ? page : undefined;
			},
			timeoutMs,
		);
	}

	/** n8n's own word on the execution behind a form link: form-waiting, running, success… */
	async executionStatus(link: string): Promise<string> {
		const url = new URL(link);
		url.pathname += '/n8n-execution-status';
		return (await (await fetch(url)).text()).trim();
	}

	/**
	 * The approver's answer, as the page's button sends it; answers the page shown next. The
	 * page's fields: the plan, the name, the comment, the decision, and, past a brake, the
	 * acknowledgement (read from `page`, the page as opened, or from the page opened now).
	 */
	async answer(
		link: string,
		answer: Answer,
		options: { page?: string; timeoutMs?: number } = {},
	): Promise<Response> {
		const page = options.page ?? (await fetchText(link, 10_000));
		const form = new FormData();
		form.set('field-1', answer.name);
		form.set('field-2', answer.comment ?? '');
		// n8n's page sends a radio choice as a JSON list, as it does a multiple choice.
		form.set('field-3', JSON.stringify([answer.decision]));
		const box = acknowledgementOn(page);
		if (box !== undefined && answer.acknowledge) form.set('field-4', JSON.stringify([box]));
		return await fetch(link, {
			method: 'POST',
			body: form,
			signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
		});
	}
}
