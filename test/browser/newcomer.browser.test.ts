/// <reference lib="dom" />
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';

import { DEMO_OWNER, startDemo } from '../../tools/n8n/demo';
import type { RunningDemo } from '../../tools/n8n/demo';
import { vendorApps } from '../../tools/n8n/demoServices';
import { CACHE } from '../../tools/n8n/install';
import { freePort } from '../../tools/n8n/instance';
import { TEMPLATES } from '../../tools/n8n/templates';
import { launchChromium } from '../../tools/services/chromium';
import { waitFor } from '../harness/waitFor';

const LEAVER = 'max.turner@example.com';
const NEW_HIRE = 'riley.jordan@example.com';
/** The smallest sticky-note text, in screen pixels, a template may open with. */
const READABLE_PX = 9;

/**
 * In the page: the sticky notes' text size on screen (their font size times the canvas's
 * zoom) once n8n has fitted the workflow to the window, or undefined before.
 */
function stickyTextPixels(): number | undefined {
	const pane = document.querySelector('.vue-flow__transformationpane');
	const text = document.querySelector('[data-test-id="sticky"] p');
	if (!pane || !text) return undefined;
	const zoom = new DOMMatrixReadOnly(getComputedStyle(pane).transform).a;
	if (zoom === 1) return undefined;
	return Math.round(parseFloat(getComputedStyle(text).fontSize) * zoom * 10) / 10;
}

/**
 * A newcomer's path on `npm start`, in the real editor: the banner's link, sign in, preview
 * an offboarding from the form and read what would happen, run it for real, run it again,
 * onboard the sample new hire, and see the audit count the leaver's accounts as retired.
 * Every click is counted.
 */
describe('the first ten minutes, in a browser', () => {
	let demo: RunningDemo;
	let browser: Browser;
	let page: Page;
	let clicks = 0;
	const click = async (target: Locator, double = false) => {
		clicks++;
		await (double ? target.dblclick() : target.click());
	};
	const node = (name: string) =>
		page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	const workflowLink = (id: string) => `${demo.n8n.url}/workflow/${id}`;

	beforeAll(async () => {
		demo = await startDemo({
			userFolder: path.join(CACHE, 'browser'),
			n8nPort: await freePort(),
			progress: () => undefined,
		});
		browser = await launchChromium((message) => console.log(message));
		page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
	});

	afterAll(async () => {
		await browser?.close();
		await demo?.stop();
	});

	/** The offboarding form, as Execute workflow opens it; answers the page it ends on. */
	async function offboard(preview: 'Yes' | 'No'): Promise<string> {
		// The last form's ending page can show while the editor still runs its execution: the
		// next run is asked for once the editor offers no stop button.
		for (const stop of ['stop-execution-button', 'stop-execution-waiting-for-webhook-button'])
			await page
				.locator(`[data-test-id="${stop}"]`)
				.first()
				.waitFor({ state: 'hidden', timeout: 60_000 });
		const [form] = await Promise.all([
			page.waitForEvent('popup'),
			click(page.locator('[data-test-id="execute-workflow-button"]').first()),
		]);
		await form.locator('#field-0').fill(LEAVER);
		clicks++;
		await form.locator('#field-1').selectOption(preview);
		await click(form.locator('#submit-btn'));
		const ending = await waitFor(
			'the form’s ending page',
			async () => {
				const text = await form.locator('body').innerText();
				return /nothing was changed|Running it again is safe/.test(text) ? text : undefined;
			},
			60_000,
		);
		await form.close();
		return ending;
	}

	test('from the banner’s link, signing in and a first preview take four clicks, and the form’s ending page says what would happen', async () => {
		await page.goto(workflowLink(TEMPLATES.offboarding.id));
		await page.locator('input[name="emailOrLdapLoginId"]').fill(DEMO_OWNER.email);
		await page.locator('input[name="password"]').fill(DEMO_OWNER.password);
		await click(page.locator('[data-test-id="form-submit-button"]'));
		await page.waitForURL(workflowLink(TEMPLATES.offboarding.id));
		const ending = await offboard('Yes');
		expect(ending).toContain('Preview: nothing was changed');
		expect(ending).toContain(`Would deactivate ${LEAVER} in Leapsome and remove them from Sales`);
		expect(clicks).toBeLessThanOrEqual(4);
		expect(demo.services.leapsome.store.userByName(LEAVER)?.active).toBe(true);
	});

	test('the preview shows as one on the canvas: the app step’s output says nothing was written', async () => {
		await click(node('Leapsome: deactivate, leave teams'), true);
		await expect(page.locator('[data-test-id="node-hint"]').first().innerText()).resolves.toMatch(
			/Dry Run: nothing was written/,
		);
		await page.keyboard.press('Escape');
	});

	test('choosing No offboards for real; a second run says already inactive', async () => {
		const done = await offboard('No');
		expect(done).toContain(`Deactivated ${LEAVER} in Leapsome and removed them from Sales`);
		for (const [, store] of vendorApps(demo.services))
			expect(store.userByName(LEAVER)?.active).toBe(false);
		const again = await offboard('No');
		expect(again).toContain(`${LEAVER} is already inactive in Leapsome`);
	});

	test('onboarding, from the sample trigger picked beside Execute workflow, gives the new hire her accounts', async () => {
		await page.goto(workflowLink(TEMPLATES.onboarding.id));
		await click(page.getByRole('button', { name: 'Select trigger node' }));
		await click(page.getByRole('menuitem', { name: /Try a sample new hire/ }));
		await expect(
			page.locator('[data-test-id="execute-workflow-button"]').first().innerText(),
		).resolves.toContain('Try a sample new hire');
		await click(page.locator('[data-test-id="execute-workflow-button"]').first());
		await waitFor(
			'the new hire’s accounts',
			async () =>
				vendorApps(demo.services).every(
					([, store]) => store.userByName(NEW_HIRE)?.active === true,
				) || undefined,
			60_000,
		);
	});

	test('the audit, one click away from its link, counts the leaver’s accounts as retired', async () => {
		await page.goto(workflowLink(TEMPLATES.licenseAudit.id));
		await click(page.locator('[data-test-id="execute-workflow-button"]').first());
		const report = await waitFor(
			'the audit’s report',
			async () => {
				await click(node('Report per app'), true);
				const text = await page.locator('[data-test-id="output-panel"]').innerText();
				if (text.includes('retired')) return text;
				await page.keyboard.press('Escape');
				return undefined;
			},
			60_000,
		);
		expect(report).toMatch(/retired/);
		console.log(`The newcomer path took ${clicks} clicks.`);
	});

	test('the HR sync’s approval, as a person gives it: the plan email’s link, a name, Approve', async () => {
		await page.goto(workflowLink(TEMPLATES.hrSync.id));
		const inbox = demo.services.mail;
		const planned = inbox.next(/to approve$/);
		await click(page.locator('[data-test-id="execute-workflow-button"]').first());
		const plan = await planned;
		await page.goto(`${inbox.webUrl}mail/${plan.id}`);
		await click(page.getByRole('link', { name: 'Review and approve or decline' }));
		await page.getByText('Approve the HR sync?').first().waitFor({ timeout: 30_000 });
		// Opening the page wrote nothing.
		expect(demo.services.leapsome.store.userByName('riley.jordan@example.com')).toBeDefined();
		expect(demo.services.leapsome.store.userByName('sofia.bianchi@example.com')).toBeUndefined();
		await page.locator('#field-1').fill('Jane Doe');
		clicks++;
		await click(page.getByText('Approve and apply', { exact: true }));
		const result = inbox.next(/^HR sync (applied|:)/);
		await click(page.locator('#submit-btn'));
		await page
			.getByText(/Approved by Jane Doe on/)
			.first()
			.waitFor({ timeout: 60_000 });
		const applied = await result;
		expect(applied.html).toContain('Approved by Jane Doe');
		expect(demo.services.leapsome.store.userByName('sofia.bianchi@example.com')).toBeDefined();
	});

	test('every template opens with its notes’ text at a readable size on a 1440×900 screen', async () => {
		const sizes: Record<string, number> = {};
		for (const [name, { id }] of Object.entries(TEMPLATES)) {
			await page.goto(workflowLink(id));
			// The first one boots the editor again after the mail pages; in one full CI run it was
			// not fitted within 30 s (all six took 40 s in the run right after).
			sizes[name] = await waitFor(
				`${name}’s canvas, fitted`,
				() => page.evaluate(stickyTextPixels),
				90_000,
			);
		}
		console.log(`Sticky note text as the templates open, in px: ${JSON.stringify(sizes)}`);
		for (const size of Object.values(sizes)) expect(size).toBeGreaterThanOrEqual(READABLE_PX);
	});
});
