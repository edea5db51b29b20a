import { createHash } from 'node:crypto';

import type { ScimUser } from '../../../scim/types';
import { keyOf } from './match';
import type { Plan, PlanEntry } from './types';

/** JSON with every object's keys in order, so equal plans always hash alike. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
			.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
			.join(',')}}`;
	return JSON.stringify(value ?? null);
}

/** What the plan read of an account it touches. */
const stateOf = (account: ScimUser | undefined) =>
	account && {
		id: account.id,
		userName: account.userName,
		active: account.active !== false,
		externalId: account.externalId ?? null,
	};

/** One planned write: what it does, and the state it was computed from. */
const actionOf = (entry: PlanEntry) => ({
	action: entry.action,
	reason: entry.reason,
	account: stateOf(entry.account),
	userName: keyOf(entry.userName),
	changes: entry.changes,
	groupsAdded: entry.groupsAdded,
	groupsRemoved: entry.groupsRemoved,
});

/**
 * The plan's id: SHA-256 over every planned write and the state read of each account it
 * touches (the values it changes, active, userName, the managed groups it joins or
 * leaves). The same app and the same list give the same id; a change in the app that
 * alters what would be written gives another, so an approved id applies that plan or none.
 */
export function planIdOf(plan: Plan): string {
	const writes = plan.entries
		.filter((entry) => entry.action !== 'none')
		.map(actionOf)
		.sort((a, b) =>
			(a.account?.id ?? `new:${a.userName}`).localeCompare(b.account?.id ?? `new:${b.userName}`),
		);
	return createHash('sha256')
		.update(
			canonical({ version: 1, writes, groupsToCreate: plan.groupsToCreate.map(keyOf).sort() }),
		)
		.digest('hex');
}
