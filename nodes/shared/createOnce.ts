import { sleep } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { isAmbiguous, passOn } from './errors';
import { TRANSIENT_RETRIES, transientWait } from './transport';
import type { ScimResource } from './types';

/** A create whose answer is lost is tried as often as an idempotent request is. */
const CREATE_ATTEMPTS = TRANSIENT_RETRIES + 1;

/**
 * Creates a resource without ever creating it twice. A POST whose answer is lost
 * (connection dropped, timed out, 5xx) may or may not have been applied, so it is
 * never simply repeated: the resource is looked up first, and only if it is still
 * absent is the POST sent again. Other failures are thrown as they are.
 */
export async function createOnce<T extends ScimResource, R>(
	node: INode,
	post: () => Promise<R>,
	find: () => Promise<T | undefined>,
): Promise<R | T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await post();
		} catch (error) {
			if (!isAmbiguous(error) || attempt >= CREATE_ATTEMPTS) throw passOn(node, error);
			const existing = await find();
			if (existing) return existing;
			await sleep(transientWait(attempt - 1));
		}
	}
}
