import { Throttle } from '../../nodes/shared/transport/throttle';

const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Blocks the event loop, as a busy n8n worker does between two turns. */
function busy(ms: number): void {
	const until = Date.now() + ms;
	while (Date.now() < until);
}

/** The most arrivals within any one second, counted as a service with a sliding window does. */
function mostInOneSecond(arrivals: number[]): number {
	const sorted = [...arrivals].sort((a, b) => a - b);
	let most = 0;
	let first = 0;
	for (let last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= 1000) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

describe('the rate-limit throttle', () => {
	test('arrivals stay within the limit in every second, however late requests travel and answers return', async () => {
		const throttle = new Throttle(10);
		const arrivals: number[] = [];
		// Requests reach the service 0–300 ms after they are let through, and answer 0–300 ms later;
		// now and then the event loop stalls for 150 ms.
		const delays = Array.from({ length: 45 }, (_, index) => [
			(index * 137) % 300,
			(index * 61) % 300,
		]);
		await Promise.all(
			delays.map(
				async ([travel, answer], index) =>
					await throttle.run(async () => {
						await pause(travel);
						arrivals.push(Date.now());
						if (index % 7 === 0) busy(150);
						await pause(answer);
					}),
			),
		);
		expect(arrivals).toHaveLength(45);
		expect(mostInOneSecond(arrivals)).toBeLessThanOrEqual(10);
	});

	test('a place is held until one second after its answer, so a slow answer delays the next request', async () => {
		const throttle = new Throttle(1);
		const started: number[] = [];
		const ended: number[] = [];
		await Promise.all(
			[400, 0].map(
				async (answerAfter) =>
					await throttle.run(async () => {
						started.push(Date.now());
						await pause(answerAfter);
						ended.push(Date.now());
					}),
			),
		);
		expect(started[1] - ended[0]).toBeGreaterThanOrEqual(1000);
	});

	test('a failed request frees its place like an answered one, and the failure reaches the caller', async () => {
		const throttle = new Throttle(2);
		let failedAt = 0;
		await expect(
			throttle.run(async () => {
				failedAt = Date.now();
				throw new Error('connection dropped');
			}),
		).rejects.toThrow('connection dropped');
		const startedAt: number[] = [];
		const answers = await Promise.all(
			['second', 'third'].map(
				async (answer) =>
					await throttle.run(async () => {
						startedAt.push(Date.now());
						return answer;
					}),
			),
		);
		expect(answers).toEqual(['second', 'third']);
		// One place was free at once, the failed request's place a second after it failed.
		expect(startedAt[0] - failedAt).toBeLessThan(500);
		expect(startedAt[1] - failedAt).toBeGreaterThanOrEqual(1000);
	});

	test('up to the limit are let through at once', async () => {
		const throttle = new Throttle(5);
		const start = Date.now();
		await Promise.all(Array.from({ length: 5 }, async () => await throttle.run(async () => 1)));
		expect(Date.now() - start).toBeLessThan(500);
	});
});
