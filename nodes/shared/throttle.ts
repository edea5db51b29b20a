import { sleep } from 'n8n-workflow';

/**
 * Keeps requests under "at most N per second": no more than N are let through within
 * any window of one second plus a margin. The margin covers the time between letting a
 * request through and its arrival, which varies with load: without it, a service
 * counting arrivals sees an occasional N+1 in one second.
 */
export class Throttle {
	private readonly sent: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	private readonly windowMs = 1200;

	constructor(private readonly perSecond: number) {}

	async wait(): Promise<void> {
		const turn = this.queue.then(async () => await this.admit());
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	private async admit(): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.sent.length > 0 && this.sent[0] <= now - this.windowMs) this.sent.shift();
			if (this.sent.length < this.perSecond) {
				this.sent.push(now);
				return;
			}
			await sleep(this.sent[0] + this.windowMs - now);
		}
	}
}
