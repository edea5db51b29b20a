import { DateTime } from 'luxon';

import {
	createdFrom,
	inWords,
	leaveMoment,
	readDate,
	statusAt,
	upcoming,
} from '../../nodes/shared/actions/user/sync/dates';
import type { DateRules, GivenDate } from '../../nodes/shared/actions/user/sync/dates';

/** The date rules of Sync With List: plain functions over luxon's DateTime, no server. */

const BERLIN: DateRules = {
	zone: 'Europe/Berlin',
	accessEnds: 'endOfLeaveDate',
	createBeforeStartDays: 0,
};
const NEW_YORK: DateRules = { ...BERLIN, zone: 'America/New_York' };

function date(text: string, zone = BERLIN.zone): GivenDate {
	const given = readDate(text, zone);
	if (!given || typeof given === 'string') throw new Error(`${text}: ${String(given)}`);
	return given;
}

const at = (text: string, zone = BERLIN.zone) => DateTime.fromISO(text, { zone });

describe('Sync With List · dates', () => {
	test('a date alone is that whole day in the time zone: access ends at its end, or at its start', () => {
		const leave = date('2026-12-18');
		expect(leave.wholeDay).toBe(true);
		expect(leaveMoment(leave, BERLIN).toISO()).toBe('2026-12-18T23:59:59.999+01:00');
		expect(leaveMoment(leave, { ...BERLIN, accessEnds: 'startOfLeaveDate' }).toISO()).toBe(
			'2026-12-18T00:00:00.000+01:00',
		);
		expect(inWords(leaveMoment(leave, BERLIN))).toBe('2026-12-18 at 23:59 Europe/Berlin');
	});

	test('a date alone in ISO 8601’s other forms of one day is that whole day too; a month or a year alone is no date', () => {
		// 20261218 as some HR systems export it, the week date and the ordinal date of the same day.
		for (const text of ['20261218', '2026-W51-5', '2026W515', '2026-352', '2026352']) {
			const leave = date(text);
			expect({ text, wholeDay: leave.wholeDay }).toEqual({ text, wholeDay: true });
			expect(leaveMoment(leave, BERLIN).toISO()).toBe('2026-12-18T23:59:59.999+01:00');
			expect(statusAt({ leave }, false, at('2026-12-18T12:00'), BERLIN).leaver).toBe(false);
		}
		for (const text of ['2026-12', '2026', '202612', '2026-12-18 17:00', 'T17:00', '2026-12T10:00'])
			expect(readDate(text, BERLIN.zone)).toEqual(expect.stringContaining('is not a date'));
		// A date-time is the moment it names.
		expect(date('2026-12-18T17:00').wholeDay).toBe(false);
	});

	test('on the days clocks change, the day is as long as it is there: Berlin in spring and autumn, New York in spring and autumn', () => {
		// 2026-03-29: Berlin's day has 23 hours; 2026-10-25: 25.
		expect(leaveMoment(date('2026-03-29'), BERLIN).toISO()).toBe('2026-03-29T23:59:59.999+02:00');
		expect(leaveMoment(date('2026-10-25'), BERLIN).toISO()).toBe('2026-10-25T23:59:59.999+01:00');
		const spring = date('2026-03-08', NEW_YORK.zone);
		expect(leaveMoment(spring, NEW_YORK).toISO()).toBe('2026-03-08T23:59:59.999-04:00');
		expect(leaveMoment(spring, { ...NEW_YORK, accessEnds: 'startOfLeaveDate' }).toISO()).toBe(
			'2026-03-08T00:00:00.000-05:00',
		);
		expect(leaveMoment(date('2026-11-01', NEW_YORK.zone), NEW_YORK).toISO()).toBe(
			'2026-11-01T23:59:59.999-05:00',
		);
		// A second before and after the end of the spring day in Berlin.
		const leave = { leave: date('2026-03-29') };
		expect(statusAt(leave, false, at('2026-03-29T23:59:58'), BERLIN)).toMatchObject({
			leaver: false,
		});
		expect(statusAt(leave, false, at('2026-03-30T00:00:00'), BERLIN)).toEqual({ leaver: true });
		// 01:30 in New York the day clocks go back exists twice; the leave moment is the day's end either way.
		expect(
			statusAt({ leave: spring }, false, at('2026-03-09T00:00:00', NEW_YORK.zone), NEW_YORK),
		).toEqual({ leaver: true });
	});

	test('a date-time is read with its offset, or in the time zone without one; a DateTime or Date is taken as it is', () => {
		expect(date('2026-12-18T17:00:00+05:30').at.toISO()).toBe('2026-12-18T17:00:00.000+05:30');
		expect(date('2026-12-18T17:00:00').at.toISO()).toBe('2026-12-18T17:00:00.000+01:00');
		const given = DateTime.fromISO('2026-12-18T08:00:00', { zone: 'Asia/Tokyo' });
		expect(readDate(given, BERLIN.zone)).toEqual({ at: given, wholeDay: false });
		expect(readDate(new Date('2026-12-18T08:00:00Z'), BERLIN.zone)).toMatchObject({
			wholeDay: false,
		});
		expect(readDate('', BERLIN.zone)).toBeUndefined();
		expect(readDate('  ', BERLIN.zone)).toBeUndefined();
		expect(readDate(undefined, BERLIN.zone)).toBeUndefined();
		expect(readDate('18.12.2026', BERLIN.zone)).toBe('is not a date: "18.12.2026"');
		expect(readDate('2026-02-30', BERLIN.zone)).toBe('is not a date: "2026-02-30"');
		expect(readDate(20261218, BERLIN.zone)).toBe('must be a date, not number');
	});

	test('a date is read once per time zone and text: the same text in another zone is another moment, and each moment worked out from it keeps to its own rules', () => {
		const berlin = date('2026-03-29');
		const newYork = date('2026-03-29', NEW_YORK.zone);
		expect(date('2026-03-29')).toBe(berlin);
		expect(newYork.at.toISO()).toBe('2026-03-29T00:00:00.000-04:00');
		expect(leaveMoment(newYork, NEW_YORK).toISO()).toBe('2026-03-29T23:59:59.999-04:00');
		// Berlin's clocks go forward that night: the day ends at +02:00.
		expect(leaveMoment(berlin, BERLIN).toISO()).toBe('2026-03-29T23:59:59.999+02:00');
		const atStart = { ...BERLIN, accessEnds: 'startOfLeaveDate' as const };
		expect(leaveMoment(berlin, atStart).toISO()).toBe('2026-03-29T00:00:00.000+01:00');
		expect(createdFrom(berlin, { ...BERLIN, createBeforeStartDays: 7 }).toISO()).toBe(
			'2026-03-22T00:00:00.000+01:00',
		);
		expect(createdFrom(berlin, BERLIN).toISO()).toBe('2026-03-29T00:00:00.000+01:00');
		// Spaces around a date read the same day; what fails to read is named as it was given.
		expect(date(' 2026-03-29 ').at.toISO()).toBe(berlin.at.toISO());
		expect(readDate(' 2026-02-30 ', BERLIN.zone)).toBe('is not a date: " 2026-02-30 "');
		expect(readDate('   ', BERLIN.zone)).toBeUndefined();
	});

	test('a leave moment passed makes a leaver whatever the flag; one ahead keeps the account; without dates, the flag', () => {
		const leave = { leave: date('2026-12-18') };
		const before = at('2026-12-18T12:00:00');
		const after = at('2026-12-19T00:00:01');
		expect(statusAt(leave, true, before, BERLIN)).toEqual({
			leaver: false,
			leavesAt: leaveMoment(leave.leave, BERLIN),
		});
		expect(statusAt(leave, false, after, BERLIN)).toEqual({ leaver: true });
		expect(statusAt({}, true, before, BERLIN)).toEqual({ leaver: true });
		expect(statusAt({}, false, before, BERLIN)).toEqual({ leaver: false });
	});

	test('a joiner is due once the start, less Create Accounts Before Start, has come; before that they wait', () => {
		const start = { start: date('2026-12-20') };
		const week = { ...BERLIN, createBeforeStartDays: 7 };
		expect(createdFrom(start.start, week).toISO()).toBe('2026-12-13T00:00:00.000+01:00');
		expect(statusAt(start, false, at('2026-12-12T23:00:00'), week)).toEqual({
			leaver: false,
			notBefore: createdFrom(start.start, week),
		});
		expect(statusAt(start, false, at('2026-12-13T00:00:00'), week)).toEqual({ leaver: false });
		expect(statusAt(start, false, at('2026-12-19T23:00:00'), BERLIN)).toMatchObject({
			notBefore: at('2026-12-20T00:00:00'),
		});
	});

	test('a start after the leave is a rehire: active before the leave, a leaver until due again, active after', () => {
		const dates = { leave: date('2026-06-30'), start: date('2026-09-01') };
		const month = { ...BERLIN, createBeforeStartDays: 30 };
		expect(statusAt(dates, false, at('2026-06-15T12:00:00'), month)).toMatchObject({
			leaver: false,
			leavesAt: at('2026-06-30T23:59:59.999'),
		});
		expect(statusAt(dates, false, at('2026-07-15T12:00:00'), month)).toEqual({
			leaver: true,
			notBefore: at('2026-08-02T00:00:00'),
		});
		expect(statusAt(dates, true, at('2026-08-02T00:00:00'), month)).toEqual({ leaver: false });
		// A start before the leave is simply the employment: active until it ends.
		expect(
			statusAt(
				{ start: date('2026-01-01'), leave: date('2026-06-30') },
				false,
				at('2026-07-01T00:00:00'),
				BERLIN,
			),
		).toEqual({ leaver: true });
	});

	test('what is due in the next 14 days, by day in the plan’s time zone', () => {
		const asOf = at('2026-12-02T09:00:00');
		expect(
			upcoming(
				[
					{ kind: 'leavers', at: at('2026-12-02T23:59:59.999') },
					{ kind: 'leavers', at: at('2026-12-02T12:00:00') },
					{ kind: 'joiners', at: at('2026-12-10T00:00:00') },
					{ kind: 'joiners', at: at('2026-12-16T09:00:00') },
					{ kind: 'leavers', at: at('2026-12-01T00:00:00') },
				],
				asOf,
			),
		).toEqual([
			{ date: '2026-12-02', joiners: 0, leavers: 2 },
			{ date: '2026-12-10', joiners: 1, leavers: 0 },
		]);
	});
});
