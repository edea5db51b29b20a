import { mapWithConcurrency } from '../../nodes/shared/transport/concurrency';

const tick = async () => await new Promise((resolve) => setImmediate(resolve));

describe('bounded concurrency', () => {
	test('keeps results in index order and never runs more than the limit at once', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapWithConcurrency(20, 4, async (index) => {
			running++;
			peak = Math.max(peak, running);
			for (let wait = 0; wait < (index * 7) % 5; wait++) await tick();
			running--;
			return index * 2;
		});
		expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 2));
		expect(peak).toBe(4);
	});

	test('starts nothing new after a failure and throws the lowest failing index', async () => {
		const started: number[] = [];
		await expect(
			mapWithConcurrency(10, 2, async (index) => {
				started.push(index);
				await tick();
				if (index === 1 || index === 2) throw new Error(`failed ${index}`);
				return index;
			}),
		).rejects.toThrow('failed 1');
		expect(started).toEqual([0, 1, 2]);
	});

	test('handles no work and a limit above the work', async () => {
		expect(await mapWithConcurrency(0, 5, async () => 1)).toEqual([]);
		expect(await mapWithConcurrency(2, 50, async (index) => index)).toEqual([0, 1]);
	});
});
