import { sleep } from 'n8n-workflow';

/**
 * Spaces requests so that no window of one second holds more than `perSecond` of
 * them, with a small margin for timer and network jitter. Shared by every request
 * of one execution.
 */
export class Throttle {
	private next = 0;

	private readonly spacing: number;

	constructor(perSecond: number) {
		this.spacing = (1000 / perSecond) * 1.05;
	}

	async wait(): Promise<void> {
		const now = Date.now();
		const slot = Math.max(now, this.next);
		this.next = slot + this.spacing;
		if (slot > now) await sleep(slot - now);
	}
}
