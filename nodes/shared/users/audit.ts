import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { auditAccounts, auditSummary } from '../audit';
import type { Expected } from '../audit';
import type { ScimConnection } from '../connection';
import { InputReader } from '../input';
import { listResources } from '../list';
import type { ScimUser } from '../types';

type ItemFailure = (error: unknown, itemIndex: number) => INodeExecutionData;

/**
 * The license audit runs once for all input items: it reads who should have an
 * account from each item, lists the service's users once, and answers one item per
 * person or account (or one summary item).
 */
export async function auditUsers(
	ctx: IExecuteFunctions,
	connection: ScimConnection,
	itemCount: number,
	failure: ItemFailure,
): Promise<INodeExecutionData[]> {
	const expected: Expected[] = [];
	const failed: Array<{ itemIndex: number; item: INodeExecutionData }> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const input = new InputReader(ctx.getNode(), itemIndex);
			const userName = input.requiredText(
				'Expected User Name',
				ctx.getNodeParameter('expectedUserName', itemIndex),
			);
			expected.push({ userName, itemIndex });
		} catch (error) {
			failed.push({ itemIndex, item: failure(error, itemIndex) });
		}
	}
	const lines = auditAccounts(await listResources<ScimUser>(connection, 'User'), expected);
	const everyItem = Array.from({ length: itemCount }, (_, item) => ({ item }));
	if (ctx.getNodeParameter('summaryOnly', 0, false)) {
		return [
			...failed.map(({ item }) => item),
			{ json: auditSummary(lines), pairedItem: everyItem },
		];
	}
	const answered = [
		...lines
			.filter((line) => line.items.length > 0)
			.map(({ json, items }) => ({
				itemIndex: items[0],
				item: {
					json,
					pairedItem: items.length === 1 ? { item: items[0] } : items.map((item) => ({ item })),
				},
			})),
		...failed,
	].sort((a, b) => a.itemIndex - b.itemIndex);
	// Accounts nobody expects answer no input item; they are paired with the first one, as n8n needs a pairing.
	const unexpected = lines
		.filter((line) => line.items.length === 0)
		.map((line) => ({ json: line.json, pairedItem: { item: 0 } }));
	return [...answered.map(({ item }) => item), ...unexpected];
}
