import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ScimConnection } from '../transport/connection';
import type { VendorProfile } from '../vendors/profile';
import type { ItemContext } from './item';

/** Runs once per input item; answers one result (or several, for lists). */
export type ItemRun = (item: ItemContext) => Promise<IDataObject | IDataObject[]>;

/** What an operation that answers all input items at once gets. */
export interface BatchContext {
	readonly ctx: IExecuteFunctions;
	readonly connection: ScimConnection;
	readonly itemCount: number;
	/** The item's `{ error }` with Continue On Fail; otherwise throws the error, naming the item. */
	failure(error: unknown, itemIndex: number): INodeExecutionData;
}

/** Runs once for all input items (the license audit lists the service once); answers the output items. */
type BatchRun = (batch: BatchContext) => Promise<INodeExecutionData[]>;

/** One operation of a resource: how the editor offers it, its parameters, and how it runs. */
export interface Operation {
	name: string;
	action: string;
	description: string;
	/** The operation's own parameters; the node shows them for this operation only. */
	properties(profile: VendorProfile): INodeProperties[];
	/** Options only this operation has, shown for it alone in the node's Options collection. */
	options?: INodeProperties[];
	run: { perItem: ItemRun } | { allItems: BatchRun };
	/**
	 * Set on writes, which Dry Run plans instead of sending. `changeLimited` marks those that
	 * take accounts away, bounded by the Change Limit (per item, an input of more items is
	 * refused; for all items, the operation counts itself).
	 */
	write?: { changeLimited?: boolean };
}
