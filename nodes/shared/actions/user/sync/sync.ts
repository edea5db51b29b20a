import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import { storesExternalId } from '../../../scim/externalId';
import { groupNameRefusal } from '../../../vendors/names';
import { listComplete } from '../../../scim/list';
import { membershipIndex, membershipUnknown, membershipView } from '../../../scim/membership';
import type { ScimGroup, ScimUser } from '../../../scim/types';
import type { ScimConnection } from '../../../transport/connection';
import { InputReader } from '../../input';
import type { BatchContext, Operation } from '../../operation';
import {
	DEFAULT_CHANGE_LIMIT,
	isProtected,
	markPreview,
	readChangeLimit,
	readDryRun,
} from '../../safety';
import { applyPlan } from './apply';
import type { Applied } from './apply';
import { brakesOf, emptyInputBrake, emptyInputStop } from './brakes';
import { entryItem, outcomeOf } from './output';
import { readDateOptions } from './dateOptions';
import { summaryItem } from './summary';
import type { DateRules } from './dates';
import { readNames, readPeople } from './people';
import { isChangeOrHold } from './entry';
import { adoptionPlanner, planSync } from './plan';
import { planIdOf, settingsDiffer } from './planId';
import { SYNC_OPTIONS } from './options';
import { syncableFields, syncProperties } from './properties';
import type { AppState, PlanEntry, SyncSettings, VendorFacts } from './types';

const READING = {
	purpose: 'Sync With List',
	whenIncomplete:
		'Nothing was changed: a plan is made only from a whole list of the app. Run the node again.',
};

/** The sync's settings, read once (from the first item); a value the editor cannot give is refused. */
function readSettings(
	ctx: IExecuteFunctions,
	options: IDataObject,
	dates: DateRules,
): SyncSettings {
	const input = new InputReader(ctx.getNode(), 0);
	const setting = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, 0, fallback) as T;
	// A switch an expression fills is read as a person means it: "FALSE" is false.
	const on = (name: string, label: string, fallback: boolean) =>
		input.optionalBoolean(label, setting<unknown>(name, fallback)) ?? fallback;
	const managed = setting<unknown>('managedGroups', '');
	const names = readNames(input, 'Managed Groups', managed);
	return {
		attributesToSync: new Set(setting<string[]>('attributesToSync', [])),
		accountsNotInList: setting('accountsNotInList', 'report'),
		leaverScope: setting('leaverScope', 'listDomains'),
		groupMembership: setting('groupMembership', 'exact'),
		managedGroups: names.length > 0 ? names : undefined,
		createMissingUsers: on('createMissingUsers', 'Create Missing Users', true),
		reactivateReturning: on('reactivateReturning', 'Reactivate Returning Users', true),
		removeLeaversFromGroups: on('removeLeaversFromGroups', 'Remove Leavers From Groups', true),
		allowRenames: on('allowRenames', 'Allow Renames', false),
		createMissingGroups: on('createMissingGroups', 'Create Missing Groups', false),
		dates,
		apply: options.apply === 'leaversOnly' ? 'leaversOnly' : 'everything',
	};
}

async function vendorFacts(connection: ScimConnection): Promise<VendorFacts> {
	const { profile } = connection;
	return {
		storesEmployeeId: await storesExternalId(connection),
		displayName: profile.identity.displayName,
		updatable: new Map(syncableFields(profile).map((field) => [field.name, field])),
		canRename: profile.users.fields.update.some((field) => field.path === 'userName'),
		defaultGroupName: profile.groups.singleGroupPerUser?.defaultGroupName,
		groupNameRefusal: (name) => groupNameRefusal(profile, name),
		isProtected: (account) => isProtected(connection, account),
	};
}

/** The app, read once and proven whole: every user, and the groups with who is in them. */
async function readApp(connection: ScimConnection, settings: SyncSettings): Promise<AppState> {
	const users = await listComplete<ScimUser>(connection, 'User', READING);
	if (settings.groupMembership === 'ignore') return { users, groups: [] };
	const groups = await listComplete<ScimGroup>(connection, 'Group', READING);
	const view = await membershipView(connection, { users, groups });
	const membership = membershipIndex(view, users, groups);
	if (!membership) throw membershipUnknown(connection, 'Sync With List’s “Group Membership”');
	return { users, groups, membership, view };
}

/**
 * The input rows an item answers. An account no row names claims none: n8n then says so
 * where an expression asks for its row, rather than give another person's.
 */
const pairing = (items: number[]): IPairedItemData | IPairedItemData[] =>
	items.length === 1 ? { item: items[0] } : items.map((item) => ({ item }));

/** An approved plan that is not the plan now: said as settings that differ where the ID tells, else as a change in the app or the list. */
function staleError(ctx: IExecuteFunctions, expected: string, planId: string, vendor: string) {
	return settingsDiffer(expected, planId)
		? new NodeOperationError(
				ctx.getNode(),
				`The plan is stale: this step’s settings differ from the ones plan ${expected} was made with (the settings above Options, such as Accounts Not in the List, Leaver Scope, Group Membership or Attributes to Keep in Sync). Nothing was written`,
				{
					description:
						'Make the apply step’s settings the plan step’s (or run both from one definition), run the dry run again, and approve the new plan.',
				},
			)
		: new NodeOperationError(
				ctx.getNode(),
				`The plan is stale: ${vendor} or the list changed since plan ${expected} was made, and the plan now is ${planId}. Nothing was written`,
				{
					description:
						'Run the dry run again and approve the new plan, then apply it with its plan ID.',
				},
			);
}

/** Without Continue On Fail, writes that failed fail the node once the rest is applied, naming who. */
function failuresError(
	ctx: IExecuteFunctions,
	failed: Array<[PlanEntry, Applied]>,
	vendor: string,
) {
	const shown = failed
		.slice(0, 5)
		.map(([entry, applied]) => `${entry.userName}: ${applied.error ?? applied.state}`)
		.join('; ');
	const more = failed.length > 5 ? `; and ${failed.length - 5} more` : '';
	return new NodeOperationError(
		ctx.getNode(),
		`${failed.length} ${failed.length === 1 ? 'change' : 'changes'} in ${vendor} did not go through: ${shown}${more}`,
		{
			description:
				'Everything else was applied. Run the node again with the same list: it does only what is still needed. Turn on “Continue On Fail” to get an item per person instead of this error.',
		},
	);
}

/**
 * Sync With List: reads every input item as a person who should have an account, reads
 * the app once, plans every change for everyone, checks the brakes and the expected plan,
 * and only then writes (or, on a dry run, plans the requests).
 */
async function syncUsers({
	ctx,
	connection,
	itemCount,
}: BatchContext): Promise<INodeExecutionData[]> {
	const startedAt = Date.now();
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const input = new InputReader(ctx.getNode(), 0);
	const dryRun = readDryRun(ctx, options);
	if (dryRun) markPreview(ctx);
	const changeLimit = readChangeLimit(ctx, options.changeLimit ?? DEFAULT_CHANGE_LIMIT);
	const maxShare = options.maxShareDeactivated ?? 20;
	if (typeof maxShare !== 'number' || maxShare < 0 || maxShare > 100)
		input.fail(
			'Max Share Deactivated',
			`must be a percentage from 0 to 100, not ${JSON.stringify(maxShare)}`,
			'Set it under Options; 0 turns it off.',
		);
	const expectedPlanId = input.optionalText('Expected Plan ID', options.expectedPlanId);
	const dated = readDateOptions(ctx, options, dryRun);
	const settings = readSettings(ctx, options, dated.rules);
	const read = readPeople(ctx, connection.profile, itemCount, dated.rules);
	if (emptyInputBrake(read.people.length).tripped) {
		const { message, description } = emptyInputStop();
		const first = read.held[0]?.detail;
		throw new NodeOperationError(ctx.getNode(), first ? `${message}. ${first}` : message, {
			description,
		});
	}

	const app = await readApp(connection, settings);
	// The dry run reads the app as the plan did: it sends no lookup and no listing of its own.
	if (dryRun) connection.memo.listed = { User: app.users, Group: app.groups };
	const vendor = await vendorFacts(connection);
	const planInput = {
		people: read.people,
		held: read.held,
		app,
		settings,
		vendor,
		asOf: dated.asOf,
	};
	const plan = planSync(planInput);
	const planId = planIdOf(plan, settings);
	if (expectedPlanId !== undefined && expectedPlanId !== planId)
		throw staleError(ctx, expectedPlanId, planId, vendor.displayName);
	const { brakes, stop } = brakesOf(plan, read.people.length, settings, {
		changeLimit,
		maxShareDeactivated: maxShare as number,
	});
	if (stop)
		throw new NodeOperationError(ctx.getNode(), stop.message, { description: stop.description });

	const applied = await applyPlan(ctx, connection, plan, {
		dryRun,
		adopt: adoptionPlanner(planInput),
	});
	const failed = [...applied].filter(([, result]) => result.state !== 'done');
	if (failed.length > 0 && !ctx.continueOnFail())
		throw failuresError(ctx, failed, vendor.displayName);

	const output = options.output ?? 'changes';
	if (output === 'summary') {
		const outcomes = plan.entries.map((entry) => outcomeOf(entry, applied.get(entry), dryRun));
		return [
			{
				json: summaryItem({ plan, planId, brakes, read, app, asOf: dated.asOf }, outcomes, {
					dryRun,
					itemCount,
					connection,
					startedAt,
				}),
				pairedItem: pairing(Array.from({ length: itemCount }, (_, index) => index)),
			},
		];
	}
	const context = { dryRun, planId, vendor: vendor.displayName };
	return plan.entries
		.filter((entry) => output === 'everyone' || isChangeOrHold(entry))
		.map((entry) => ({
			json: entryItem(entry, applied.get(entry), context),
			pairedItem: pairing(entry.items),
		}));
}

export const sync: Operation = {
	name: 'Sync With List',
	action: 'Make the app’s users match a list of people',
	description:
		'Create, update, rename, reactivate and deactivate accounts and set group membership so that the app matches a list of people (one per input item), planned from one read and braked',
	properties: syncProperties,
	options: SYNC_OPTIONS,
	run: { allItems: syncUsers },
	write: { changeLimited: true },
};
