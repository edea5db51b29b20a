import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ScimUser } from '../scim/types';
import type { PlannedRequest, ScimConnection } from '../transport/connection';
import { InputReader } from './input';
import type { ItemContext } from './item';
import type { Operation } from './operation';

/** Whether the credential lists this user under Protected Accounts (by userName or id). */
export function isProtected(
	connection: ScimConnection,
	user: Pick<ScimUser, 'id' | 'userName'>,
): boolean {
	const { protectedUsers } = connection;
	return (
		protectedUsers.has(String(user.userName ?? '').toLowerCase()) ||
		protectedUsers.has(user.id.toLowerCase())
	);
}

/** Refuses, before any write, to take away a protected account. */
export function refuseProtected(item: ItemContext, user: ScimUser, change: string): void {
	if (!isProtected(item.connection, user)) return;
	item.input.fail(
		'User',
		`is protected: ${JSON.stringify(user.userName)} is on the credential’s Protected Accounts, so it is not ${change}`,
		'Take it off “Protected Accounts” in the credential if this change is really meant.',
	);
}

/** The Change Limit when the workflow sets none. */
export const DEFAULT_CHANGE_LIMIT = 100;

/** The Change Limit as set: a whole number of 0 (off) or more. */
export function readChangeLimit(ctx: IExecuteFunctions, limit: unknown): number {
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`“Change Limit” must be a whole number of 0 or more, not ${JSON.stringify(limit)}`,
			{ description: 'Set it to the most items one run may change; 0 turns the limit off.' },
		);
	}
	return limit;
}

/**
 * The Change Limit: an execution whose input holds more items than this is refused as a
 * whole before a single request, against an empty or truncated export taking away half
 * the company.
 */
export function checkChangeLimit(
	ctx: IExecuteFunctions,
	operation: Operation,
	itemCount: number,
	value: unknown,
): void {
	if (!operation.write?.changeLimited) return;
	const limit = readChangeLimit(ctx, value);
	if (limit === 0 || itemCount <= limit) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`${itemCount} items came in, more than the Change Limit of ${limit}: nothing was changed`,
		{
			description: `This guards against an empty or cut-off export taking away accounts in bulk. If ${itemCount} changes are meant, raise “Change Limit” under Options to ${itemCount} or more (0 turns it off), or split the input.`,
		},
	);
}

/** What a dry run reports for a change it only planned. */
const PLANNED: Record<string, string> = {
	created: 'wouldCreate',
	updated: 'wouldUpdate',
	deactivated: 'wouldDeactivate',
	reactivated: 'wouldReactivate',
	deleted: 'wouldDelete',
	added: 'wouldAdd',
	removed: 'wouldRemove',
};

/**
 * A dry run's answer: the real run's item, its outcome in the conditional ("wouldDeactivate"),
 * with `dryRun` and the writes it would have sent. A no-op keeps its usual outcome.
 */
export function plannedAnswer(json: IDataObject, planned: PlannedRequest[]): IDataObject {
	const outcome =
		typeof json.outcome === 'string' ? (PLANNED[json.outcome] ?? json.outcome) : undefined;
	return { ...json, ...(outcome ? { outcome } : {}), dryRun: true, plannedRequests: planned };
}

/**
 * Whether this run is a dry run. An expression may give text (an environment variable
 * always does): "true", "TRUE" and "yes" preview; anything that is not true or false
 * fails the node before a single request, never running for real on a guess.
 */
export function readDryRun(ctx: IExecuteFunctions, options: IDataObject): boolean {
	return (
		new InputReader(ctx.getNode(), 0, 'Options').optionalBoolean('Dry Run', options.dryRun) ?? false
	);
}

/** A dry run says so where its output shows: a preview never passes for a real run. */
export function markPreview(ctx: IExecuteFunctions): void {
	ctx.addExecutionHints({
		message:
			'Dry Run: nothing was written. Each item says what would happen (“would…”) and the requests it would send.',
		type: 'warning',
		location: 'outputPane',
	});
}
