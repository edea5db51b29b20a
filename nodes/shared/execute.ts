import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runWithSlots } from './concurrency';
import type { Park } from './concurrency';
import { DEFAULT_PARALLEL_REQUESTS, openConnection } from './connection';
import type { ScimConnection } from './connection';
import { GROUP_OPERATIONS } from './groups';
import { InputReader } from './input';
import type { ItemOperation } from './item';
import type { VendorProfile } from './profile';
import { USER_OPERATIONS } from './users';
import { auditUsers } from './users/audit';

const OPERATIONS: Record<string, Record<string, ItemOperation>> = {
	user: USER_OPERATIONS,
	group: GROUP_OPERATIONS,
};

function withItemIndex(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function readParallelRequests(ctx: IExecuteFunctions): number {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
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
	connection: ScimConnection,
	operation: ItemOperation,
	itemIndex: number,
	park: Park,
): Promise<INodeExecutionData[]> {
	const pairedItem = { item: itemIndex };
	try {
		const input = new InputReader(ctx.getNode(), itemIndex);
		const result = await operation({ ctx, connection, itemIndex, input, park });
		return (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem }));
	} catch (error) {
		return [failureItem(ctx, error, itemIndex)];
	}
}

/** The execute() of every action node: one operation per input item, in order, with paired items. */
export async function executeAction(
	this: IExecuteFunctions,
	profile: VendorProfile,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const audit = resource === 'user' && operationName === 'audit';
	const operation = OPERATIONS[resource]?.[operationName];
	// A workflow saved elsewhere or written by hand may name an operation the vendor cannot do.
	if (
		profile.unsupportedOperations.includes(`${resource}.${operationName}`) ||
		(!operation && !audit)
	) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation “${operationName}” on “${resource}” is not supported by ${profile.displayName}`,
		);
	}
	const parallelRequests = readParallelRequests(this);
	const connection = await openConnection(this, profile, parallelRequests);
	// The audit answers all items together: one listing for the whole execution.
	if (audit || !operation) {
		return [
			await auditUsers(this, connection, items.length, (error, index) =>
				failureItem(this, error, index),
			),
		];
	}
	const results = await runWithSlots(
		items.length,
		parallelRequests,
		async (index, park) => await runItem(this, connection, operation, index, park),
	);
	return [results.flat()];
}
