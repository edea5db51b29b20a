import { collectAll } from '../../nodes/shared/scim/paginate';
import type { PageRequest } from '../../nodes/shared/scim/paginate';
import type { ScimListResponse, ScimResource } from '../../nodes/shared/scim/types';

const resources = (count: number, prefix = 'r') =>
	Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index + 1}` }));
const ids = (list: ScimResource[]) => list.map((resource) => resource.id);

/** A service over `data` whose page answers can be bent by `shape`. */
function service(
	data: ScimResource[],
	shape: (page: PageRequest, data: ScimResource[]) => ScimListResponse<ScimResource> = standard,
) {
	const asked: PageRequest[] = [];
	const fetchPage = async (page: PageRequest) => {
		asked.push(page);
		return shape(page, data);
	};
	return { fetchPage, asked };
}

function standard(
	{ startIndex, count }: PageRequest,
	data: ScimResource[],
): ScimListResponse<ScimResource> {
	return {
		totalResults: data.length,
		startIndex,
		itemsPerPage: count,
		Resources: data.slice(startIndex - 1, startIndex - 1 + count),
	};
}

describe('SCIM pager', () => {
	test('reads every page with 1-based start indexes and stops at totalResults', async () => {
		const { fetchPage, asked } = service(resources(25));
		expect(ids(await collectAll(fetchPage, { pageSize: 10 }))).toEqual(ids(resources(25)));
		expect(asked).toEqual([
			{ startIndex: 1, count: 10 },
			{ startIndex: 11, count: 10 },
			{ startIndex: 21, count: 10 },
		]);
	});

	test('advances by what a short page actually returned', async () => {
		const { fetchPage, asked } = service(resources(12), ({ startIndex }, data) => ({
			totalResults: data.length,
			Resources: data.slice(startIndex - 1, startIndex + 2),
		}));
		expect(ids(await collectAll(fetchPage, { pageSize: 10 }))).toEqual(ids(resources(12)));
		expect(asked.map((page) => page.startIndex)).toEqual([1, 4, 7, 10]);
	});

	test('stops when the service answers the first page again past the end', async () => {
		const { fetchPage, asked } = service(resources(5), ({ startIndex, count }, data) => ({
			Resources:
				startIndex > data.length
					? data.slice(0, count)
					: data.slice(startIndex - 1, startIndex - 1 + count),
		}));
		expect(ids(await collectAll(fetchPage, { pageSize: 2 }))).toEqual(ids(resources(5)));
		expect(asked.map((page) => page.startIndex)).toEqual([1, 3, 5, 6]);
	});

	test('stops at an empty page when there is no totalResults', async () => {
		const { fetchPage, asked } = service(resources(4), ({ startIndex, count }, data) => ({
			Resources: data.slice(startIndex - 1, startIndex - 1 + count),
		}));
		expect(ids(await collectAll(fetchPage, { pageSize: 3 }))).toHaveLength(4);
		expect(asked.map((page) => page.startIndex)).toEqual([1, 4, 5]);
	});

	test('stops early when totalResults shrinks while paging', async () => {
		let total = 30;
		const { fetchPage } = service(resources(30), ({ startIndex, count }, data) => {
			const page = {
				totalResults: total,
				Resources: data.slice(startIndex - 1, startIndex - 1 + count),
			};
			total = 12;
			return page;
		});
		expect(ids(await collectAll(fetchPage, { pageSize: 10 }))).toEqual(ids(resources(20)));
	});

	test('drops resources it has already seen and ones without an id', async () => {
		const { fetchPage } = service([], ({ startIndex }) =>
			startIndex === 1
				? { totalResults: 4, Resources: [{ id: 'a' }, { id: 'b' }] }
				: {
						totalResults: 4,
						Resources: [{ id: 'b' } as ScimResource, {} as ScimResource, { id: 'c' }],
					},
		);
		expect(ids(await collectAll(fetchPage, { pageSize: 2 }))).toEqual(['a', 'b', 'c']);
	});

	test('asks for no more than the limit and returns exactly the limit', async () => {
		const { fetchPage, asked } = service(resources(100));
		expect(ids(await collectAll(fetchPage, { pageSize: 10, limit: 15 }))).toEqual(
			ids(resources(15)),
		);
		expect(asked).toEqual([
			{ startIndex: 1, count: 10 },
			{ startIndex: 11, count: 5 },
		]);
	});

	test('tolerates a page without Resources', async () => {
		const { fetchPage } = service([], () => ({ totalResults: 0 }));
		expect(await collectAll(fetchPage, { pageSize: 10 })).toEqual([]);
	});
});

describe('SCIM pager, pages in parallel', () => {
	test('after the first page, fetches the rest at once and keeps them in order', async () => {
		let inFlight = 0;
		let peak = 0;
		const { fetchPage, asked } = service(resources(95), (page, data) => standard(page, data));
		const slow = async (page: PageRequest) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((resolve) => setImmediate(resolve));
			inFlight--;
			return await fetchPage(page);
		};
		expect(ids(await collectAll(slow, { pageSize: 10, concurrency: 4 }))).toEqual(
			ids(resources(95)),
		);
		expect(asked.map((page) => page.startIndex)).toEqual([1, 11, 21, 31, 41, 51, 61, 71, 81, 91]);
		expect(asked.at(-1)).toEqual({ startIndex: 91, count: 5 });
		expect(peak).toBe(4);
	});

	test('asks only for pages up to the limit', async () => {
		const { fetchPage, asked } = service(resources(100));
		expect(ids(await collectAll(fetchPage, { pageSize: 10, limit: 25, concurrency: 5 }))).toEqual(
			ids(resources(25)),
		);
		expect(asked).toEqual([
			{ startIndex: 1, count: 10 },
			{ startIndex: 11, count: 10 },
			{ startIndex: 21, count: 5 },
		]);
	});

	test('falls back to page by page when a middle page comes back short, losing nothing', async () => {
		const { fetchPage } = service(resources(40), ({ startIndex, count }, data) => ({
			totalResults: data.length,
			Resources: data.slice(startIndex - 1, startIndex - 1 + (startIndex === 11 ? 3 : count)),
		}));
		expect(ids(await collectAll(fetchPage, { pageSize: 10, concurrency: 3 }))).toEqual(
			ids(resources(40)),
		);
	});

	test('a server that caps the page size below the request is read page by page', async () => {
		const { fetchPage, asked } = service(resources(20), ({ startIndex }, data) => ({
			totalResults: data.length,
			Resources: data.slice(startIndex - 1, startIndex + 3),
		}));
		expect(ids(await collectAll(fetchPage, { pageSize: 10, concurrency: 3 }))).toEqual(
			ids(resources(20)),
		);
		expect(asked.map((page) => page.startIndex)).toEqual([1, 5, 9, 13, 17]);
	});
});
