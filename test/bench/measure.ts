/** Median wall time of `runs` calls, in milliseconds. */
export async function median(runs: number, task: () => unknown): Promise<number> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const start = process.hrtime.bigint();
		await task();
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/**
 * Median wall time of each task over `rounds` rounds, after one warm-up round. Each round
 * runs every task once, in turn, so drift in the machine's load or JIT state touches all alike.
 */
export async function interleavedMedians<K extends string>(
	rounds: number,
	tasks: Record<K, () => unknown>,
): Promise<Record<K, number>> {
	const names = Object.keys(tasks) as K[];
	const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
		K,
		number[]
	>;
	for (let round = 0; round <= rounds; round++) {
		for (const name of names) {
			const time = await median(1, tasks[name]);
			if (round > 0) times[name].push(time);
		}
	}
	return Object.fromEntries(
		names.map((name) => [name, times[name].sort((a, b) => a - b)[Math.floor(rounds / 2)]]),
	) as Record<K, number>;
}

export async function once(task: () => unknown): Promise<number> {
	return await median(1, task);
}

export function table(title: string, rows: Array<[string, string]>): void {
	const width = Math.max(...rows.map(([label]) => label.length));
	console.log(`\n${title}`);
	for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;
