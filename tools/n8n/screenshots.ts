import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

import { PACKAGE_ROOT } from '../../test/harness/packageRoot';
import { launchChromium } from '../services/chromium';
import { startDemo, WATCH_LEADIQ } from './demo';
import { freePort } from './instance';
import { TEMPLATES } from './templates';

/**
 * `npm run screenshots`: the demo (see demo.ts) in the real n8n editor, in headless
 * Chromium from Debian, saved as PNGs for the README.
 */
const OUT = path.join(PACKAGE_ROOT, 'docs', 'screenshots');

const say = (message: string) => console.log(`▸ ${message}`);

async function openWorkflow(page: Page, url: string, workflowId: string): Promise<void> {
	await page.goto(`${url}/workflow/${workflowId}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor();
	await page.waitForTimeout(1500);
}

async function openNode(page: Page, name: string): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor();
	await page.waitForTimeout(1000);
}

async function shoot(page: Page, file: string): Promise<void> {
	await page.screenshot({ path: path.join(OUT, file) });
	say(`Saved docs/screenshots/${file}`);
}

async function main(): Promise<void> {
	mkdirSync(OUT, { recursive: true });
	const demo = await startDemo({
		userFolder: path.join(PACKAGE_ROOT, '.cache', 'screenshots'),
		n8nPort: await freePort(),
		progress: say,
	});
	const browser = await launchChromium(say);
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const [name, value] = demo.api.authCookie.split('=');
		await context.addCookies([{ name, value, url: demo.n8n.url }]);
		const page = await context.newPage();
		const { url } = demo.n8n;

		await openWorkflow(page, url, TEMPLATES.offboarding.id);
		await shoot(page, 'offboarding-template.png');

		await openNode(page, 'Leapsome: deactivate, leave teams');
		await shoot(page, 'vendor-node-parameters.png');

		await openWorkflow(page, url, TEMPLATES.onboarding.id);
		await shoot(page, 'onboarding-template.png');

		await openWorkflow(page, url, TEMPLATES.licenseAudit.id);
		await shoot(page, 'license-audit-template.png');

		await openWorkflow(page, url, TEMPLATES.hrSync.id);
		await shoot(page, 'hr-sync-template.png');

		await openWorkflow(page, url, TEMPLATES.leaversOnTime.id);
		await shoot(page, 'leavers-on-time-template.png');

		await openWorkflow(page, url, TEMPLATES.accessRemovalReport.id);
		await shoot(page, 'access-removal-report-template.png');

		// The reports as a mail client shows them: run each workflow and open its email in the demo's inbox.
		const inbox = demo.services.mail;
		const shootEmail = async (workflow: string, subject: RegExp, file: string) => {
			await openWorkflow(page, url, workflow);
			const mail = inbox.next(subject);
			await page.locator('[data-test-id="execute-workflow-button"]').first().click();
			const { id } = await mail;
			await page.goto(`${inbox.webUrl}mail/${id}`);
			await page.setViewportSize({ width: 900, height: 900 });
			await page.screenshot({ path: path.join(OUT, file), fullPage: true });
			say(`Saved docs/screenshots/${file}`);
		};
		let approvalPage = '';
		for (const [workflow, subject, file] of [
			[TEMPLATES.hrSync.id, /to approve$/, 'hr-sync-approval-email.png'],
			[TEMPLATES.licenseAudit.id, /^License audit: /, 'license-audit-email.png'],
		] as const) {
			await shootEmail(workflow, subject, file);
			if (file === 'hr-sync-approval-email.png') {
				// The page the email links to: the plan's headline, a name, a comment, the choice.
				await page.getByRole('link', { name: 'Review and approve or decline' }).click();
				await page.getByText('Approve the HR sync?').first().waitFor({ timeout: 30_000 });
				approvalPage = page.url();
				await page.locator('#field-1').fill('Jane Doe');
				await page.getByText('Approve and apply', { exact: true }).click();
				await page.waitForTimeout(500);
				await page.screenshot({
					path: path.join(OUT, 'hr-sync-approval-page.png'),
					fullPage: true,
				});
				say('Saved docs/screenshots/hr-sync-approval-page.png');
			}
			await page.setViewportSize({ width: 1440, height: 900 });
		}

		// Approved, the HR sync deactivates the leavers and logs it; the access removal report then
		// measures each removal against the leave moment (Max Turner's, a day before: late).
		await page.goto(approvalPage);
		await page.getByText('Approve the HR sync?').first().waitFor({ timeout: 30_000 });
		await page.locator('#field-1').fill('Jane Doe');
		await page.getByText('Approve and apply', { exact: true }).click();
		const applied = inbox.next(/^HR sync (applied|:)/);
		await page.locator('#submit-btn').click();
		await applied;
		await shootEmail(
			TEMPLATES.accessRemovalReport.id,
			/^Access removal, /,
			'access-removal-report-email.png',
		);
		await page.setViewportSize({ width: 1440, height: 900 });

		await openWorkflow(page, url, WATCH_LEADIQ.id);
		await openNode(page, WATCH_LEADIQ.trigger.name);
		await page.locator('[data-test-id="parameter-input-events"]').click();
		await page.waitForTimeout(800);
		await shoot(page, 'trigger-events.png');
	} finally {
		await browser.close();
		await demo.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
