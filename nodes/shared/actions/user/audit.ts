import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { listResources } from '../../scim/list';
import type { ScimUser } from '../../scim/types';
import { InputReader } from '../input';
import { isProtected } from '../safety';
import type { BatchContext, Operation } from '../operation';
import { primaryEmail } from '../simplify';

type AuditStatus = 'ok' | 'missing' | 'inactive' | 'unexpected' | 'retired' | 'protected';

/** One person who should have an account, from input item `itemIndex`. */
interface Expected {
	userName: string;
	itemIndex: number;
}

interface AuditLine {
	json: IDataObject;
	/** The input items it answers (a name expected twice, both); accounts nobody expects answer none. */
	items: number[];
}

function line(status: AuditStatus, expectedUserName: string | null, user?: ScimUser): IDataObject {
	return {
		status,
		expectedUserName,
		id: user?.id ?? null,
		userName: user?.userName ?? null,
		active: user ? user.active !== false : null,
		displayName: user?.displayName ?? null,
	};
}

/**
 * The license audit: who should have an account against who has one. Matching is
 * case-insensitive on userName and on the primary email; a name expected twice is
 * reported once. An account nobody expects that is protected (a break-glass admin, a
 * service account) is "protected", never a license to reclaim. Linear in users plus
 * expected names.
 */
export function auditAccounts(
	users: ScimUser[],
	expected: Expected[],
	isProtected: (user: ScimUser) => boolean = () => false,
): AuditLine[] {
	const byName = new Map<string, ScimUser>();
	for (const user of users) {
		const email = primaryEmail(user)?.toLowerCase();
		if (email && !byName.has(email)) byName.set(email, user);
	}
	// userName wins over someone else's email.
	for (const user of users)
		if (typeof user.userName === 'string') byName.set(user.userName.toLowerCase(), user);

	const lines: AuditLine[] = [];
	const byExpected = new Map<string, AuditLine>();
	const matched = new Set<string>();
	for (const { userName, itemIndex } of expected) {
		const key = userName.toLowerCase();
		const earlier = byExpected.get(key);
		if (earlier) {
			earlier.items.push(itemIndex);
			continue;
		}
		const user = byName.get(key);
		if (user) matched.add(user.id);
		const status: AuditStatus = !user ? 'missing' : user.active === false ? 'inactive' : 'ok';
		const answer = { json: line(status, userName, user), items: [itemIndex] };
		byExpected.set(key, answer);
		lines.push(answer);
	}
	for (const user of users) {
		if (matched.has(user.id)) continue;
		const status = isProtected(user)
			? 'protected'
			: user.active === false
				? 'retired'
				: 'unexpected';
		lines.push({ json: line(status, null, user), items: [] });
	}
	return lines;
}

/** The one-item summary: counts, and the licenses to reclaim. */
function auditSummary(lines: AuditLine[]): IDataObject {
	const counts: Record<AuditStatus, number> = {
		ok: 0,
		missing: 0,
		inactive: 0,
		unexpected: 0,
		retired: 0,
		protected: 0,
	};
	for (const { json } of lines) counts[json.status as AuditStatus]++;
	return {
		...counts,
		expected: lines.filter(({ json }) => json.expectedUserName !== null).length,
		accounts: lines.filter(({ json }) => json.id !== null).length,
		unexpectedUserNames: lines
			.filter(({ json }) => json.status === 'unexpected')
			.map(({ json }) => json.userName),
		missingUserNames: lines
			.filter(({ json }) => json.status === 'missing')
			.map(({ json }) => json.expectedUserName),
	};
}

/**
 * The license audit runs once for all input items: it reads who should have an
 * account from each item, lists the service's users once, and answers one item per
 * person or account (or one summary item).
 */
async function auditUsers({
	ctx,
	connection,
	itemCount,
	failure,
}: BatchContext): Promise<INodeExecutionData[]> {
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
	const lines = auditAccounts(
		await listResources<ScimUser>(connection, 'User', { purpose: 'the license audit' }),
		expected,
		(user) => isProtected(connection, user),
	);
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

export const audit: Operation = {
	name: 'License Audit',
	action: 'Audit user licenses',
	description: 'Compare who should have an account (one per input item) with who has one',
	properties: () => [
		{
			displayName:
				'Each person or account gets a status. <b>ok</b>: expected and active. <b>missing</b>: expected, no account (create one). <b>inactive</b>: expected but deactivated (reactivate if they should work). <b>unexpected</b>: active, but nobody expects it (a license to reclaim: offboard them). <b>retired</b>: deactivated and not expected (nothing to do: the good outcome of an offboarding). <b>protected</b>: on the credential’s Protected Accounts (never reclaimed).',
			name: 'statusNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Expected User Name',
			name: 'expectedUserName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. {{ $json.email }}',
			description:
				'Who should have an account, one per input item: usually the work email from an HR export. Matched case-insensitively on userName and primary email.',
		},
		{
			displayName: 'Summary Only',
			name: 'summaryOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to return one item with the counts and the userNames of licenses to reclaim, instead of one item per person or account',
		},
	],
	run: { allItems: auditUsers },
};
