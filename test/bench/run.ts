import '../setup/n8nHousekeeping';

import { auditBench } from './auditBench';
import { membershipBench } from './membershipBench';
import { printGoals, scaleRun } from './scale/scaleRun';
import { syncBench } from './syncBench';
import { transportBench } from './transportBench';
import { triggerBench } from './triggerBench';

/**
 * `npm run bench`: every benchmark, each printing measurements taken side by side in
 * this one run. Nothing here is a pass/fail test.
 */
async function main(): Promise<void> {
	await transportBench();
	await triggerBench();
	await auditBench();
	await membershipBench();
	await syncBench();
	// The HR-sync template at 10,000 people in a real n8n (a few minutes); CI checks it at 2,000.
	printGoals(await scaleRun(10_000));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
