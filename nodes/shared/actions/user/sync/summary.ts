import type { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { ScimConnection } from '../../../transport/connection';
import type { Brake } from './brakes';
import { upcoming } from './dates';
import type { PeopleRead } from './people';
import type { AppState, Plan } from './types';

const tally = (values: string[]) =>
	values.reduce<IDataObject>(
		(counts, value) => ({ ...counts, [value]: Number(counts[value] ?? 0) + 1 }),
		{},
	);

/** The one summary item: counts per action, outcome and reason, the brakes, and what it cost. */
export function summaryItem(
	summary: {
		plan: Plan;
		planId: string;
		brakes: Brake[];
		read: PeopleRead;
		app: AppState;
		asOf: DateTime;
	},
	outcomes: string[],
	context: { dryRun: boolean; itemCount: number; connection: ScimConnection; startedAt: number },
): IDataObject {
	const { plan, read, app } = summary;
	const actions = plan.entries.map((entry) => entry.action);
	return {
		dryRun: context.dryRun,
		planId: summary.planId,
		counts: {
			actions: tally(actions),
			outcomes: tally(outcomes),
			reasons: tally(plan.entries.flatMap((entry) => (entry.reason ? [entry.reason] : []))),
		},
		brakes: summary.brakes,
		upcoming: upcoming(
			plan.entries.flatMap(({ person }) => [
				...(person?.notBefore ? [{ kind: 'joiners' as const, at: person.notBefore }] : []),
				...(person?.leavesAt ? [{ kind: 'leavers' as const, at: person.leavesAt }] : []),
			]),
			summary.asOf,
		),
		input: {
			items: context.itemCount,
			people: read.people.length,
			leavers: read.people.filter((person) => person.leaver).length,
			invalid: read.held.filter((row) => row.reason === 'invalid').length,
			conflicting: read.held.filter((row) => row.reason === 'conflict').length,
			merged: read.merged,
		},
		app: {
			accounts: app.users.length,
			active: app.users.filter((user) => user.active !== false).length,
			activeInScope: plan.activeInScope,
			activeInScopeMatched: plan.activeInScopeMatched,
			groups: app.groups.length,
			managedGroups: plan.managedGroups.map((group) => group.displayName),
			groupsToCreate: plan.groupsToCreate,
		},
		requests: { ...context.connection.sent },
		durationMs: Date.now() - context.startedAt,
	};
}
