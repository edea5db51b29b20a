import type { IDataObject } from 'n8n-workflow';

import { primaryEmail } from './simplify';
import type { ScimUser } from './types';

export type AuditStatus = 'ok' | 'missing' | 'inactive' | 'unexpected' | 'retired';

/** One person who should have an account, from input item `itemIndex`. */
export interface Expected {
	userName: string;
	itemIndex: number;
}

export interface AuditLine {
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
 * reported once. Linear in users plus expected names.
 */
export function auditAccounts(users: ScimUser[], expected: Expected[]): AuditLine[] {
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
		lines.push({
			json: line(user.active === false ? 'retired' : 'unexpected', null, user),
			items: [],
		});
	}
	return lines;
}

/** The one-item summary: counts, and the licenses to reclaim. */
export function auditSummary(lines: AuditLine[]): IDataObject {
	const counts: Record<AuditStatus, number> = {
		ok: 0,
		missing: 0,
		inactive: 0,
		unexpected: 0,
		retired: 0,
	};
	for (const { json } of lines) counts[json.status as AuditStatus]++;
	return {
		...counts,
		expected: counts.ok + counts.missing + counts.inactive,
		accounts: counts.ok + counts.inactive + counts.unexpected + counts.retired,
		unexpectedUserNames: lines
			.filter(({ json }) => json.status === 'unexpected')
			.map(({ json }) => json.userName),
		missingUserNames: lines
			.filter(({ json }) => json.status === 'missing')
			.map(({ json }) => json.expectedUserName),
	};
}
