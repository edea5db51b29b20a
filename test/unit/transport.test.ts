import { rateLimitWait } from '../../nodes/shared/transport/request';

describe('waiting after a 429', () => {
	const now = Date.parse('2026-11-23T10:00:00Z');

	test('honours Retry-After in seconds and as an HTTP date, within the cap', () => {
		expect(rateLimitWait('2', 0, now)).toBe(2000);
		expect(rateLimitWait(['0'], 3, now)).toBe(0);
		expect(rateLimitWait('Mon, 23 Nov 2026 10:00:05 GMT', 0, now)).toBe(5000);
		expect(rateLimitWait('Mon, 23 Nov 2026 09:59:00 GMT', 0, now)).toBe(0);
		expect(rateLimitWait('3600', 0, now)).toBe(10_000);
	});

	test('without Retry-After, backs off exponentially with jitter up to the cap', () => {
		for (let attempt = 0; attempt < 8; attempt++) {
			const backoff = Math.min(250 * 2 ** attempt, 10_000);
			for (let sample = 0; sample < 20; sample++) {
				const wait = rateLimitWait(undefined, attempt, now);
				expect(wait).toBeGreaterThanOrEqual(backoff / 2);
				expect(wait).toBeLessThanOrEqual(backoff);
			}
		}
		expect(rateLimitWait('soon', 0, now)).toBeLessThanOrEqual(250);
	});
});
