import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runWithSlots } from '../transport/concurrency';
import { passOn } from '../transport/errors';
import type { Park } from '../transport/concurrency';
import {
	DEFAULT_PARALLEL_REQUESTS,
	dryRunConnection,
	openConnection,
} from '../transport/connection';
import type { ScimConnection } from '../transport/connection';
import type { VendorProfile } from '../vendors/profile';
import { InputReader } from './input';
import type { ItemRun, Operation } from './operation';
import { offeredOperation } from './operations';
import {
	checkChangeLimit,
	DEFAULT_CHANGE_LIMIT,
	markPreview,
	plannedAnswer,
	readDryRun,
} from './safety';
import { withSummary } from './summary';

function withItemIndex(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function readParallelRequests(ctx: IExecuteFunctions, options: IDataObject): number {
	const value = options.parallelRequests ?? DEFAULT_PARALLEL_REQUESTS;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			`“Parallel Requests” must be a whole number of at least 1, not ${JSON.stringify(value)}`,
			{
				description: 'Set it to 1 to send one request at a time.',
			},
		);
	}
	return value;
}

function failureItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): INodeExecutionData {
	const failure = withItemIndex(ctx, error, itemIndex);
	if (!ctx.continueOnFail()) throw failure;
	return { json: { error: failure.message }, pairedItem: { item: itemIndex } };
}

async function runItem(
	ctx: IExecuteFunctions,
	shared: ScimConnection,
	operation: Operation,
	run: ItemRun,
	itemIndex: number,
	park: Park,
	dryRun: boolean,
): Promise<INodeExecutionData[]> {
	const pairedItem = { item: itemIndex };
	// A dry run gives each item a connection of its own, whose writes are planned, not sent.
	const connection = dryRun ? dryRunConnection(shared) : shared;
	try {
		const input = new InputReader(ctx.getNode(), itemIndex);
		const result = await run({ ctx, connection, itemIndex, input, park });
		const vendor = connection.profile.identity.displayName;
		return (Array.isArray(result) ? result : [result]).map((json) => ({
			json: operation.write
				? withSummary(
						connection.planned ? plannedAnswer(json, connection.planned) : json,
						json.outcome,
						vendor,
						!!connection.planned,
					)
				: json,
			pairedItem,
		}));
	} catch (error) {
		return [failureItem(ctx, error, itemIndex)];
	}
}

/**
 * The execute() of every action node: the operation the workflow names, run once per
 * input item (in order, with paired items) or once for all of them.
 */
export async function executeAction(
	this: IExecuteFunctions,
	profile: VendorProfile,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = offeredOperation(profile, resource, operationName);
	// A workflow saved elsewhere or written by hand may name an operation the vendor cannot do.
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation “${operationName}” on “${resource}” is not supported by ${profile.identity.displayName}`,
		);
	}
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const parallelRequests = readParallelRequests(this, options);
	if ('allItems' in operation.run) {
		const { allItems } = operation.run;
		const failure = (error: unknown, index: number) => failureItem(this, error, index);
		try {
			// The credential is read inside: one that cannot be loaded fails the run like any refusal.
			const connection = await openConnection(this, profile, parallelRequests);
			return [await allItems({ ctx: this, connection, itemCount: items.length, failure })];
		} catch (error) {
			// A run refused as a whole (a brake, a stale plan, a credential n8n cannot load) is one
			// item with Continue On Fail, answering every input item: n8n would otherwise pass the
			// input on as if nothing failed.
			if (!this.continueOnFail()) throw passOn(this.getNode(), error);
			return [
				[
					{
						json: { error: (error as Error).message },
						pairedItem: items.map((_, item) => ({ item })),
					},
				],
			];
		}
	}
	checkChangeLimit(this, operation, items.length, options.changeLimit ?? DEFAULT_CHANGE_LIMIT);
	const dryRun = operation.write !== undefined && readDryRun(this, options);
	if (dryRun) markPreview(this);
	let connection: ScimConnection;
	try {
		connection = await openConnection(this, profile, parallelRequests);
	} catch (error) {
		// A credential n8n cannot load: with Continue On Fail each item says so, rather than n8n
		// passing the input on unchanged as if it had gone through.
		if (!this.continueOnFail()) throw passOn(this.getNode(), error);
		return [items.map((_, index) => failureItem(this, error, index))];
	}
	const { perItem } = operation.run;
	const results = await runWithSlots(
		items.length,
		parallelRequests,
		async (index, park) => await runItem(this, connection, operation, perItem, index, park, dryRun),
		(waiting) => {
			connection.memo.itemsWaiting = waiting;
			if (waiting) connection.memo.whenItemsWaiting?.();
		},
	);
	return [results.flat()];
}
