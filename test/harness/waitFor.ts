export const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Asks `check` once a second until it answers something, or fails naming what it waited for. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	timeoutMs: number,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await sleep(1000);
	}
}
