import { printGoals, scaleRun } from './scale/scaleRun';

/**
 * `npm run bench:scale [-- --people 2000] [-- --check]`: the HR-sync template at a company's
 * size in a real n8n (see scale/scaleRun.ts), 10,000 people unless told. With --check the
 * command fails when a goal is missed (CI runs it at 2,000 people).
 */
async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const at = args.indexOf('--people');
	const people = at >= 0 ? Number(args[at + 1]) : 10_000;
	if (!Number.isInteger(people) || people < 100)
		throw new Error(`--people ${args[at + 1]}: a number of people, 100 or more`);
	const met = printGoals(await scaleRun(people));
	if (args.includes('--check') && !met) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
