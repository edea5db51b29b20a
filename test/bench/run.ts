import '../setup/n8nHousekeeping';

import { auditBench } from './auditBench';
import { membershipBench } from './membershipBench';
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
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
