import { sleep } from 'n8n-workflow';

const WINDOW_MS = 1000;

/**
 * Keeps requests under "at most N per second" as the service counts them, however
 * busy this machine is. A request holds one of N places from the moment it is let
 * through until one second after its answer arrived: the service received it somewhere
 * in between, so any N + 1 requests reach the service more than a second apart. The
 * price is one round trip per place and second, not a guessed safety margin.
 */
export class Throttle {
	private inFlight = 0;

	/** Requests waiting for a place. */
	private waiting = 0;

	/** When places held by answered requests come free, earliest first. */
	private readonly freeAt: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	private wakeOnAnswer?: () => void;

	constructor(private readonly perSecond: number) {}

	/** Sends `request` once a place is free; the place is held until a second after it ends. */
	async run<T>(request: () => Promise<T>): Promise<T> {
		this.waiting++;
		const turn = this.queue.then(async () => await this.admit());
		this.queue = turn.catch(() => undefined);
		try {
			await turn;
		} finally {
			this.waiting--;
		}
		try {
			return await request();
		} finally {
			this.inFlight--;
			this.freeAt.push(Date.now() + WINDOW_MS);
			this.wakeOnAnswer?.();
		}
	}

	/** Nothing under way, waiting or still holding a place: a new throttle would behave the same. */
	idle(now = Date.now()): boolean {
		return (
			this.inFlight === 0 && this.waiting === 0 && this.freeAt.every((freeAt) => freeAt <= now)
		);
	}

	private async admit(): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.freeAt.length > 0 && this.freeAt[0] <= now) this.freeAt.shift();
			if (this.inFlight + this.freeAt.length < this.perSecond) {
				this.inFlight++;
				return;
			}
			// Every place is held by a request still under way: the first answer tells when one frees.
			if (this.freeAt.length === 0) await this.nextAnswer();
			else await sleep(this.freeAt[0] - now);
		}
	}

	private async nextAnswer(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.wakeOnAnswer = () => {
				this.wakeOnAnswer = undefined;
				resolve();
			};
		});
	}
}
