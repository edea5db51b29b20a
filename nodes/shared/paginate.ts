import type { ScimListResponse, ScimResource } from './types';

export interface PageRequest {
	/** 1-based, as RFC 7644 §3.4.2.4 defines it. */
	startIndex: number;
	count: number;
}

export type FetchPage<T> = (page: PageRequest) => Promise<ScimListResponse<T>>;

export interface CollectOptions {
	pageSize: number;
	/** Stop after this many resources; all when absent. */
	limit?: number;
}

/**
 * Reads a SCIM list page by page. Tolerant of odd servers:
 * - advances by the number of resources actually returned, not by the page size asked for;
 * - stops at `totalResults` (re-read on every page, so a shrinking total ends early) or at an empty page;
 * - drops a resource whose id it has already seen;
 * - stops when a page brings nothing new (some servers answer the first page again
 *   when `startIndex` is past the end).
 */
export async function collectAll<T extends ScimResource>(
	fetchPage: FetchPage<T>,
	{ pageSize, limit }: CollectOptions,
): Promise<T[]> {
	const seen = new Set<string>();
	const collected: T[] = [];
	let startIndex = 1;

	while (limit === undefined || collected.length < limit) {
		const wanted = limit === undefined ? pageSize : Math.min(pageSize, limit - collected.length);
		const page = await fetchPage({ startIndex, count: wanted });
		const resources = Array.isArray(page.Resources) ? page.Resources : [];
		if (resources.length === 0) break;

		let fresh = 0;
		for (const resource of resources) {
			const id = resource?.id;
			if (typeof id !== 'string' || seen.has(id)) continue;
			seen.add(id);
			collected.push(resource);
			fresh++;
		}
		if (fresh === 0) break;

		startIndex += resources.length;
		const total = page.totalResults;
		if (typeof total === 'number' && startIndex > total) break;
	}

	return limit === undefined ? collected : collected.slice(0, limit);
}
