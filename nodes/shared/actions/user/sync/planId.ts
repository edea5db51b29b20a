import { createHash } from 'node:crypto';

import type { ScimUser } from '../../../scim/types';
import { keyOf } from './match';
import type { Plan, PlanEntry, PlannedGroup, SyncSettings } from './types';

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

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Groups as a set: the same whatever order a person's groups came in. */
const groupSet = (groups: PlannedGroup[]) =>
	groups.map((group) => group.id ?? `new:${keyOf(group.displayName)}`).sort();

/** One planned write: what it does, every value it sends, and the state it was computed from. */
const actionOf = (entry: PlanEntry) => ({
	action: entry.action,
	reason: entry.reason,
	account: stateOf(entry.account),
	userName: entry.userName,
	changes: [...entry.changes].sort((a, b) => compare(a.field, b.field)),
	writes: [...entry.writes].sort((a, b) => compare(a.path, b.path)),
	groupsAdded: groupSet(entry.groupsAdded),
	groupsRemoved: groupSet(entry.groupsRemoved),
	effectiveAt: entry.effectiveAt?.toISO() ?? undefined,
});

/** What a plan decides: its writes, and what it holds for a date or for a later run. */
const decided = (entry: PlanEntry) =>
	entry.action !== 'none' || entry.reason === 'scheduled' || entry.reason === 'deferred';

/** The settings that shape a plan, the same whatever order they were given in (the brakes aside: they stop a plan, they do not shape it). */
const shapeOf = (settings: SyncSettings) => ({
	...settings,
	attributesToSync: [...settings.attributesToSync].sort(compare),
	managedGroups: settings.managedGroups?.map(keyOf).sort(compare) ?? null,
});

const sha256 = (value: unknown) => createHash('sha256').update(canonical(value)).digest('hex');

/** Hex digits of the plan ID that come from the settings (its last ones). */
const SETTINGS_DIGITS = 16;

/**
 * The plan's id: SHA-256 over every planned write with every value it sends (the changes
 * shown, the attributes written, the groups joined and left, the groups created by name)
 * and the state read of each account it touches (active, userName, externalId), then the
 * settings that shaped it in its last 16 digits. The same app, list and settings give the
 * same id, in any order of the rows, of a person's groups or of the app's pages; a change
 * in the app that alters what would be written gives another, so an approved id applies
 * that plan or none.
 */
export function planIdOf(plan: Plan, settings: SyncSettings): string {
	const writes = plan.entries
		.filter(decided)
		.map(actionOf)
		.sort((a, b) =>
			compare(
				a.account?.id ?? `new:${keyOf(a.userName)}`,
				b.account?.id ?? `new:${keyOf(b.userName)}`,
			),
		);
	const planned = sha256({
		version: 2,
		writes,
		groupsToCreate: [...plan.groupsToCreate].sort(compare),
	});
	return `${planned.slice(0, 64 - SETTINGS_DIGITS)}${sha256(shapeOf(settings)).slice(0, SETTINGS_DIGITS)}`;
}

/** Whether two plan IDs were made with different settings (as far as their digits tell). */
export const settingsDiffer = (planId: string, other: string) =>
	planId.length === 64 &&
	other.length === 64 &&
	planId.slice(-SETTINGS_DIGITS) !== other.slice(-SETTINGS_DIGITS);
