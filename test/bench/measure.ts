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
