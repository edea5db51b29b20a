import { mapWithConcurrency } from '../transport/concurrency';
import type { ScimListResponse, ScimResource } from './types';

export interface PageRequest {
	/** 1-based, as RFC 7644 §3.4.2.4 defines it. */
	startIndex: number;
	count: number;
}

type FetchPage<T> = (page: PageRequest) => Promise<ScimListResponse<T>>;

interface CollectOptions {
	pageSize: number;
	/** Stop after this many resources; all when absent. */
	limit?: number;
	/** Pages fetched at once once the first page has given the total; 1 reads page by page. */
	concurrency?: number;
}

/** Keeps resources in order, each id once. */
class Collector<T extends ScimResource> {
	readonly collected: T[] = [];

	private readonly seen = new Set<string>();

	/** Adds a page; answers how many of its resources were new. */
	add(resources: T[]): number {
		let fresh = 0;
		for (const resource of resources) {
			const id = resource?.id;
			if (typeof id !== 'string' || this.seen.has(id)) continue;
			this.seen.add(id);
			this.collected.push(resource);
			fresh++;
		}
		return fresh;
	}
}

/** The resources of a page, or none when it holds no list. */
export function resourcesOf<T>(page: ScimListResponse<T> | undefined): T[] {
	return Array.isArray(page?.Resources) ? page.Resources : [];
}

/**
 * After a full first page with a total, every other page is known in advance and is
 * fetched in parallel. Answers false (and adds nothing) when a page other than the
 * last comes back short: the service pages differently, so the caller reads on page by page.
 */
async function collectRestInParallel<T extends ScimResource>(
	fetchPage: FetchPage<T>,
	collector: Collector<T>,
	stride: number,
	end: number,
	concurrency: number,
): Promise<boolean> {
	const pages: PageRequest[] = [];
	for (let startIndex = 1 + stride; startIndex <= end; startIndex += stride) {
		pages.push({ startIndex, count: Math.min(stride, end - startIndex + 1) });
	}
	const answers = await mapWithConcurrency(
		pages.length,
		concurrency,
		async (index) => await fetchPage(pages[index]),
	);
	const regular = answers.every(
		(answer, index) =>
			index === answers.length - 1 || resourcesOf(answer).length === pages[index].count,
	);
	if (!regular) return false;
	for (const answer of answers) collector.add(resourcesOf(answer));
	return true;
}

/**
 * Reads a SCIM list. Tolerant of odd servers:
 * - advances by the number of resources actually returned, not by the page size asked for;
 * - stops at `totalResults` (re-read on every page, so a shrinking total ends early) or at an empty page;
 * - drops a resource whose id it has already seen;
 * - stops when a page brings nothing new (some servers answer the first page again
 *   when `startIndex` is past the end).
 * With `concurrency` above 1, the pages after the first are fetched in parallel when
 * the first page shows how the service pages.
 */
export async function collectAll<T extends ScimResource>(
	fetchPage: FetchPage<T>,
	{ pageSize, limit, concurrency = 1 }: CollectOptions,
): Promise<T[]> {
	const collector = new Collector<T>();
	const wanted = (startIndex: number) =>
		limit === undefined ? pageSize : Math.min(pageSize, limit - (startIndex - 1));

	const first = await fetchPage({ startIndex: 1, count: wanted(1) });
	const firstResources = resourcesOf(first);
	collector.add(firstResources);
	let startIndex = 1 + firstResources.length;
	let total = first.totalResults;
	const end = typeof total === 'number' ? Math.min(total, limit ?? total) : undefined;
	if (firstResources.length === 0 || (end !== undefined && startIndex > end))
		return collector.collected.slice(0, limit);

	if (concurrency > 1 && end !== undefined && firstResources.length === wanted(1)) {
		if (
			await collectRestInParallel(fetchPage, collector, firstResources.length, end, concurrency)
		) {
			return collector.collected.slice(0, limit);
		}
	}

	while (limit === undefined || collector.collected.length < limit) {
		const page = await fetchPage({ startIndex, count: wanted(startIndex) });
		const resources = resourcesOf(page);
		if (resources.length === 0 || collector.add(resources) === 0) break;
		startIndex += resources.length;
		total = page.totalResults;
		if (typeof total === 'number' && startIndex > total) break;
	}
	return collector.collected.slice(0, limit);
}
