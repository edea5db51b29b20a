import type { IDataObject } from 'n8n-workflow';

import type { Plan, PlanEntry, SyncSettings } from './types';

/** A brake as the summary shows it: its limit, what the plan would do, and whether it stops the run. */
export interface Brake extends IDataObject {
	name: 'emptyInput' | 'changeLimit' | 'maxShareDeactivated' | 'cutOffInput';
	limit: number;
	planned: number;
	tripped: boolean;
}

/** Why a tripped brake stopped the run, in words. */
export interface BrakeStop {
	message: string;
	description: string;
}

export interface BrakeLimits {
	/** Accounts the plan may take something from; 0 turns the brake off. */
	changeLimit: number;
	/** Percent of the active accounts in scope the plan may deactivate; 0 turns the brake off. */
	maxShareDeactivated: number;
}

/** Below this many active accounts in scope, a share says little: the share brake waits for this many. */
export const SHARE_APPLIES_FROM = 20;
/** With Deactivate on, a list matching fewer than this share of the active accounts in scope looks cut off. */
const CUT_OFF_BELOW = 50;
const NAMES_SHOWN = 5;

const percent = (part: number, whole: number) => Math.round((1000 * part) / whole) / 10;

const takesAway = (entry: PlanEntry) =>
	entry.action === 'deactivate' || entry.groupsRemoved.length > 0;

function firstNames(entries: PlanEntry[]): string {
	const names = entries.slice(0, NAMES_SHOWN).map((entry) => entry.userName);
	const more = entries.length > NAMES_SHOWN ? `, and ${entries.length - NAMES_SHOWN} more` : '';
	return `${names.join(', ')}${more}`;
}

/** The brake on an input with nobody valid in it: checked before anything is read. */
export function emptyInputBrake(valid: number): Brake {
	return { name: 'emptyInput', limit: 1, planned: valid, tripped: valid === 0 };
}

/**
 * Every brake, computed from the plan before the first write. Protected accounts never
 * count: the plan never takes anything from them.
 */
export function brakesOf(
	plan: Plan,
	valid: number,
	settings: SyncSettings,
	limits: BrakeLimits,
): { brakes: Brake[]; stop?: BrakeStop } {
	const losing = plan.entries.filter(takesAway);
	const deactivating = plan.entries.filter((entry) => entry.action === 'deactivate');
	const share = plan.activeInScope > 0 ? percent(deactivating.length, plan.activeInScope) : 0;
	const matched =
		plan.activeInScope > 0 ? percent(plan.activeInScopeMatched, plan.activeInScope) : 100;
	const brakes: Brake[] = [
		emptyInputBrake(valid),
		{
			name: 'changeLimit',
			limit: limits.changeLimit,
			planned: losing.length,
			tripped: limits.changeLimit > 0 && losing.length > limits.changeLimit,
		},
		{
			name: 'maxShareDeactivated',
			limit: limits.maxShareDeactivated,
			planned: share,
			tripped:
				limits.maxShareDeactivated > 0 &&
				plan.activeInScope >= SHARE_APPLIES_FROM &&
				share > limits.maxShareDeactivated,
		},
		{
			name: 'cutOffInput',
			limit: CUT_OFF_BELOW,
			planned: matched,
			// Only a plan that would deactivate someone can do the harm a cut-off list does.
			tripped:
				settings.accountsNotInList === 'deactivate' &&
				matched < CUT_OFF_BELOW &&
				deactivating.length > 0,
		},
	];
	const stops: Record<Brake['name'], () => BrakeStop> = {
		emptyInput: () => emptyInputStop(),
		changeLimit: () => ({
			message: `${losing.length} accounts would lose access or a group (${deactivating.length} deactivated), more than the Change Limit of ${limits.changeLimit}: ${firstNames(losing)}. Nothing was changed`,
			description: `This guards against an empty or cut-off list taking away accounts in bulk. If this is meant, raise “Change Limit” under Options to ${losing.length} or more (0 turns it off).`,
		}),
		maxShareDeactivated: () => ({
			message: `${deactivating.length} of ${plan.activeInScope} active accounts in scope (${share}%) would be deactivated, more than “Max Share Deactivated” of ${limits.maxShareDeactivated}%: ${firstNames(deactivating)}. Nothing was changed`,
			description: `If this is meant, raise “Max Share Deactivated” under Options to ${Math.ceil(share)} or more (0 turns it off).`,
		}),
		cutOffInput: () => ({
			message: `The list matches ${plan.activeInScopeMatched} of ${plan.activeInScope} active accounts in scope (${matched}%): with “Accounts Not in the List” set to Deactivate, fewer than half looks like a cut-off export. Nothing was changed`,
			description:
				'Check that the list is whole. If it is, set “Accounts Not in the List” to Report Only, or narrow “Leaver Scope”.',
		}),
	};
	const tripped = brakes.find((brake) => brake.tripped);
	return { brakes, stop: tripped ? stops[tripped.name]() : undefined };
}

export function emptyInputStop(): BrakeStop {
	return {
		message:
			'No input item is a valid person: a list with nobody in it is always refused. Nothing was read or changed',
		description:
			'Check the list and the expression in “User Name” (usually {{ $json.email }}). Each item’s error says what is wrong with it.',
	};
}
