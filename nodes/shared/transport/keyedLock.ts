/**
 * Runs work one at a time per key, across every execution in this n8n process:
 * a read-change-write of one resource never interleaves with another. A key
 * with nothing running or waiting holds no memory.
 */
export class KeyedLock {
	private readonly tails = new Map<string, Promise<void>>();

	async run<T>(key: string, work: () => Promise<T>): Promise<T> {
		const previous = this.tails.get(key) ?? Promise.resolve();
		let release = () => {};
		const done = new Promise<void>((resolve) => (release = resolve));
		const tail = previous.then(async () => await done);
		this.tails.set(key, tail);
		try {
			await previous;
			return await work();
		} finally {
			release();
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
	}

	/** How many keys are held or waited for (idle keys are released). */
	get size(): number {
		return this.tails.size;
	}
}
