import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { passOn } from '../transport/errors';
import type { ItemContext } from './item';

/** What an item wrote before a later step of it failed, in words computed from the writes. */
export interface DoneSoFar {
	/** What was done, as a sentence's start: "Deactivated ana@example.com in Leapsome and removed them from Sales". */
	done: string;
	/** The step that failed: "removing them from EMEA". */
	failing: string;
	/** How things stand now, for the description. */
	now: string;
}

/**
 * An error after earlier writes of the same item went through: its message starts with
 * what was done, so that a failure is never read as "nothing happened". The error keeps
 * its kind (the service's status stays on a NodeApiError).
 */
export function failedAfter(
	item: ItemContext,
	error: unknown,
	{ done, failing, now }: DoneSoFar,
): NodeApiError | NodeOperationError {
	const failure = passOn(item.ctx.getNode(), error);
	failure.message = `${done}, but ${failing} failed: ${failure.message}`;
	failure.description = [now, failure.description].filter(Boolean).join(' ');
	return failure;
}

/** Group names for a sentence: "Sales", "Sales and EMEA", "Sales, EMEA and Support". */
export function namesInWords(groups: ReadonlyArray<{ displayName: string }>): string {
	const names = groups.map(({ displayName }) => displayName);
	return names.length <= 1
		? (names[0] ?? '')
		: `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
