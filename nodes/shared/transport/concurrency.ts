/** Waits for `waiting` without holding a slot, so another task can run meanwhile. */
export type Park = <T>(waiting: Promise<T>) => Promise<T>;

/** A counting semaphore; a task coming back from a park is let in before new ones. */
class Slots {
	private readonly queued: Array<() => void> = [];

	private readonly returning: Array<() => void> = [];

	constructor(private free: number) {}

	async acquire(returning = false): Promise<void> {
		if (this.free > 0) {
			this.free--;
			return;
		}
		await new Promise<void>((resolve) => (returning ? this.returning : this.queued).push(resolve));
	}

	release(): void {
		const next = this.returning.shift() ?? this.queued.shift();
		if (next) next();
		else this.free++;
	}
}

/**
 * Runs `task` for indexes 0..count-1 in order, with at most `limit` holding a slot at
 * once, and returns the results in index order. A task may park while it waits for
 * something that needs no slot of its own (a coalesced group write, say). After a
 * failure no new task starts; the failure of the lowest index is thrown once the
 * running ones have settled. `onWaiting` is told whenever it turns true or false that
 * every task has started and none holds a slot: each one waits, parked, or is done.
 */
export async function runWithSlots<R>(
	count: number,
	limit: number,
	task: (index: number, park: Park) => Promise<R>,
	onWaiting?: (waiting: boolean) => void,
): Promise<R[]> {
	const slots = new Slots(Math.max(1, limit));
	const results = new Array<R>(count);
	const failures: Array<{ index: number; error: unknown }> = [];
	const running: Array<Promise<void>> = [];
	let toStart = count;
	let holding = 0;
	let waiting = false;
	const hold = (change: number) => {
		holding += change;
		if (waiting === (toStart === 0 && holding === 0)) return;
		waiting = !waiting;
		onWaiting?.(waiting);
	};
	const park: Park = async (answer) => {
		slots.release();
		hold(-1);
		try {
			return await answer;
		} finally {
			await slots.acquire(true);
			hold(1);
		}
	};
	for (let index = 0; index < count; index++) {
		await slots.acquire();
		if (failures.length > 0) {
			slots.release();
			// No task starts after a failure.
			toStart = 0;
			hold(0);
			break;
		}
		toStart--;
		hold(1);
		running.push(
			(async () => {
				try {
					results[index] = await task(index, park);
				} catch (error) {
					failures.push({ index, error });
				} finally {
					slots.release();
					hold(-1);
				}
			})(),
		);
	}
	await Promise.all(running);
	if (failures.length > 0) {
		throw failures.reduce((first, failure) => (failure.index < first.index ? failure : first))
			.error;
	}
	return results;
}

/** `runWithSlots` for tasks that never park. */
export async function mapWithConcurrency<R>(
	count: number,
	limit: number,
	task: (index: number) => Promise<R>,
): Promise<R[]> {
	return await runWithSlots(count, limit, async (index) => await task(index));
}

/**
 * Work started once, by whoever asks first, and waited for by anyone: an execution's
 * steps that may run while something else of it waits (see `ExecutionMemo.meanwhile`).
 */
export class Meanwhile {
	private running?: Promise<void>;

	constructor(private readonly work: () => Promise<void>) {}

	/** Starts the work unless it has started; answers when it is done. */
	async start(): Promise<void> {
		this.running ??= this.work();
		await this.running;
	}
}
