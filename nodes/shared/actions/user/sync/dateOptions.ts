import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputReader } from '../../input';
import { knownZone, readDate } from './dates';
import type { DateRules } from './dates';

/** A real run may plan this far ahead of the clock (two machines' clocks, an expression's `$now`). */
const CLOCK_SLACK_MS = 60_000;

/**
 * The options that decide dates: the time zone (the workflow's unless set), when access
 * ends on a leave date, how early accounts are created, and the moment planned for (As
 * Of, now unless set). An unknown time zone or an As Of that does not read fails the
 * node; a real run refuses an As Of in the future, which would take access away early.
 */
export function readDateOptions(
	ctx: IExecuteFunctions,
	options: IDataObject,
	dryRun: boolean,
): { rules: DateRules; asOf: DateTime } {
	const input = new InputReader(ctx.getNode(), 0);
	const zone = input.optionalText('Time Zone', options.timeZone) ?? ctx.getTimezone();
	if (!knownZone(zone))
		input.fail(
			'Time Zone',
			`is not a time zone: ${JSON.stringify(zone)}`,
			'Use an IANA name such as Europe/Berlin or America/New_York.',
		);
	const accessEnds = options.accessEnds ?? 'endOfLeaveDate';
	if (accessEnds !== 'endOfLeaveDate' && accessEnds !== 'startOfLeaveDate')
		input.fail(
			'Access Ends',
			`must be the end or the start of the leave date, not ${JSON.stringify(accessEnds)}`,
			'Choose it under Options.',
		);
	const days = options.createBeforeStartDays ?? 0;
	if (typeof days !== 'number' || !Number.isInteger(days) || days < 0)
		input.fail(
			'Create Accounts Before Start',
			`must be a whole number of days, 0 or more, not ${JSON.stringify(days)}`,
			'Set it under Options; 0 creates accounts on the start date.',
		);
	const given = readDate(options.asOf, zone);
	const planned =
		typeof given === 'string'
			? input.fail(
					'As Of',
					given,
					'Use an ISO date-time such as 2026-12-21T09:00:00, or leave it empty for now.',
				)
			: given?.at;
	const now = DateTime.now().setZone(zone);
	const asOf = planned?.setZone(zone) ?? now;
	if (!dryRun && asOf.toMillis() > now.toMillis() + CLOCK_SLACK_MS)
		input.fail(
			'As Of',
			`is in the future (${asOf.toISO()}): a real run planned for a later moment would take access away early. Nothing was read or changed`,
			'Use As Of with Dry Run to preview a later moment; leave it empty for a real run.',
		);
	return {
		rules: {
			zone,
			accessEnds: accessEnds as DateRules['accessEnds'],
			createBeforeStartDays: days as number,
		},
		asOf,
	};
}
