import path from 'node:path';

import { PACKAGE_ROOT } from '../../test/harness/packageRoot';
import { DEMO_OWNER, startDemo } from './demo';
import { TEMPLATES } from './templates';
import type { RunningDemo } from './demo';

/**
 * `npm start`: the demo (see demo.ts) on 127.0.0.1, n8n on port 5678 (or N8N_PORT).
 * The n8n user folder (.cache/demo) persists between runs; the demo data is fresh on
 * every start. Ctrl-C, or a SIGTERM to `npm start` (the script execs this process, so npm's
 * signal reaches it) as a process manager sends, stops everything it started.
 */
const say = (message: string) => console.log(`▸ ${message}`);

function banner({ n8n, services, version }: RunningDemo): string {
	return `
  n8n ${version} is running with n8n-nodes-scim-provisioning: ${n8n.url}
  Sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}

  Demo services (fresh data on every start; their credentials are set up in n8n):
    SCIM API            ${services.scim.baseUrl}
    LeadIQ SCIM API     ${services.leadIq.baseUrl}
    Leapsome SCIM API   ${services.leapsome.baseUrl}
    Spekit SCIM API     ${services.spekit.baseUrl}
    HR list (CSV)       ${services.hrList.url}
    Inbox               ${services.mail.webUrl}  (every email n8n sends lands here)

  Try, in this order: open each link, then press "Execute workflow" at the bottom.
    1. License audit across SCIM apps    ${n8n.url}/workflow/${TEMPLATES.licenseAudit.id}
       Max Turner has left but still holds seats; Riley Jordan has no accounts yet.
       Open "Report per app" to read it.
    2. Offboard a leaver                 ${n8n.url}/workflow/${TEMPLATES.offboarding.id}
       Execute workflow opens the form: enter max.turner@example.com and pick Yes
       under "Preview only (dry run)" (it has no default); its last page says what
       would happen. Send it again with No to offboard Max for real; a third time
       says he is inactive.
    3. Onboard a new hire                ${n8n.url}/workflow/${TEMPLATES.onboarding.id}
       With the arrow beside Execute workflow, pick "Try a sample new hire"
       (the default waits for your HR tool's webhook), then run: Riley gets her
       accounts and joins Sales.
    4. The audit again: nothing to reclaim, Max's accounts retired. "Watch LeadIQ"
       (active) reports the changes within a minute, under Executions.
    5. Leavers lose access on time       ${n8n.url}/workflow/${TEMPLATES.leaversOnTime.id}
       Oliver Kim's access ended 5 minutes before the demo started; Emma Dubois
       leaves tomorrow. Execute workflow (once published it runs every 15
       minutes, no approval): Oliver loses access in every app (Max too, if you
       skipped step 2), Emma keeps hers, and the Inbox says when, and how many
       minutes after the leave moment.
    6. Weekly HR sync with approval      ${n8n.url}/workflow/${TEMPLATES.hrSync.id}
       The HR list has a joiner, a rename and a promotion (and any leaver not
       yet offboarded). The plan arrives in the Inbox above: open its approval
       page, type your name, pick Approve and apply and send it; the result
       email follows, and every write is in the Data Table "Provisioning log"
       (Overview → Data tables).
    7. Access removal report             ${n8n.url}/workflow/${TEMPLATES.accessRemovalReport.id}
       Execute workflow: per app, when each leaver of the last 30 days lost
       access, against a 60-minute target (Max, offboarded a day after his
       leave moment, is late). The email, with access-removal.csv, is in the Inbox.

  n8n's log: ${path.join(n8n.userFolder, 'n8n.log')}
  Ctrl-C stops n8n and the demo services.
`;
}

async function main(): Promise<void> {
	const demo = await startDemo({
		// DEMO_FOLDER lets a test start the demo without touching yours.
		userFolder: process.env.DEMO_FOLDER ?? path.join(PACKAGE_ROOT, '.cache', 'demo'),
		n8nPort: Number(process.env.N8N_PORT ?? 5678),
		servicePorts: {
			scim: 5680,
			leadIq: 5681,
			leapsome: 5682,
			spekit: 5683,
			hrList: 5684,
			mailWeb: 5685,
			smtp: 5686,
		},
		progress: say,
	});
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('Stopping n8n and the demo services…');
		await demo.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	demo.n8n.onExit((code) => {
		if (stopping) return;
		console.error(`n8n stopped unexpectedly (exit ${code}):\n${demo.n8n.logTail()}`);
		void stop(1);
	});
	console.log(banner(demo));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
