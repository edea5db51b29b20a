/**
 * Runs `task` for indexes 0..count-1 with at most `limit` running at once and
 * returns the results in index order. After a failure no new task starts; the
 * failure of the lowest index is thrown once the running ones have settled.
 */
export async function mapWithConcurrency<R>(
	count: number,
	limit: number,
	task: (index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(count);
	const failures: Array<{ index: number; error: unknown }> = [];
	let next = 0;

	async function worker(): Promise<void> {
		while (next < count && failures.length === 0) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				failures.push({ index, error });
			}
		}
	}

	const workers = Math.max(1, Math.min(limit, count));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failures.length > 0) {
		throw failures.reduce((first, failure) => (failure.index < first.index ? failure : first))
			.error;
	}
	return results;
}
