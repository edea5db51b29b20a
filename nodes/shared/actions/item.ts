import type { IExecuteFunctions } from 'n8n-workflow';

import type { Park } from '../transport/concurrency';
import type { ScimConnection } from '../transport/connection';
import type { InputReader } from './input';

/** What an operation gets for one input item. */
export interface ItemContext {
	readonly ctx: IExecuteFunctions;
	readonly connection: ScimConnection;
	readonly itemIndex: number;
	readonly input: InputReader;
	/** Waits without holding one of the “Parallel Requests” slots (for a change queued behind others). */
	readonly park: Park;
}

export function parameter<T>(item: ItemContext, name: string, fallback?: T): T {
	return item.ctx.getNodeParameter(name, item.itemIndex, fallback) as T;
}

/**
 * A boolean parameter, read as a person means it where an expression gives text ("FALSE"
 * is false, as sheets write it); anything that is not true or false fails the item
 * naming the field, rather than count as true.
 */
export function flag(item: ItemContext, name: string, label: string, fallback: boolean): boolean {
	return item.input.optionalBoolean(label, parameter<unknown>(item, name, fallback)) ?? fallback;
}
