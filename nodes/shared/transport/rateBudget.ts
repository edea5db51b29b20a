import { Throttle } from './throttle';

/**
 * One rate budget per account and rate, shared by every execution in this n8n
 * process: ten executions against a service allowing 30 requests per second send
 * 30 between them, not 30 each. A budget is looked up for each request, so one
 * that has gone idle can be dropped at any time without anyone holding it.
 */
export class RateBudgets {
	private readonly throttles = new Map<string, Throttle>();

	async run<T>(account: string, perSecond: number, request: () => Promise<T>): Promise<T> {
		this.releaseIdle();
		const key = `${perSecond}\u0000${account}`;
		let throttle = this.throttles.get(key);
		if (!throttle) {
			throttle = new Throttle(perSecond);
			this.throttles.set(key, throttle);
		}
		return await throttle.run(request);
	}

	/** How many budgets are held (idle ones are released whenever budgets are looked at). */
	get size(): number {
		this.releaseIdle();
		return this.throttles.size;
	}

	private releaseIdle(): void {
		const now = Date.now();
		for (const [key, throttle] of this.throttles)
			if (throttle.idle(now)) this.throttles.delete(key);
	}
}

export const rateBudgets = new RateBudgets();
