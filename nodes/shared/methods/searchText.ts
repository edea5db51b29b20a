/**
 * The pure parts of a resource-locator search: what the typed text looks like, how it
 * is matched here (the service's own filters are not asked for typed text), and where
 * the next page starts.
 */

/** A whole email address: worth an exact `eq` on userName before anything else. */
const WHOLE_EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The text is a whole userName as people type one (an email address), not the start of one. */
export function looksLikeWholeUserName(text: string): boolean {
	return WHOLE_EMAIL.test(text);
}

/** One of `values` contains `text`, case aside. */
export function containsText(text: string, values: Array<string | undefined>): boolean {
	const wanted = text.toLowerCase();
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(wanted));
}

/** Where a list goes on: from `startIndex`, browsed as the service gives it or matched here. */
export interface SearchPosition {
	startIndex: number;
	matchedHere: boolean;
}

const MATCHED_HERE = 'here:';

/** The pagination token handed to n8n: the next startIndex, marked when the list is matched here. */
export function tokenOf(position: SearchPosition): string {
	return `${position.matchedHere ? MATCHED_HERE : ''}${position.startIndex}`;
}

/** The position a token names; the first page of the service's list for none (or one not ours). */
export function positionOf(token: string | undefined): SearchPosition {
	const matchedHere = token?.startsWith(MATCHED_HERE) ?? false;
	const startIndex = Number(matchedHere ? token?.slice(MATCHED_HERE.length) : token);
	return Number.isInteger(startIndex) && startIndex > 0
		? { startIndex, matchedHere }
		: { startIndex: 1, matchedHere: false };
}
