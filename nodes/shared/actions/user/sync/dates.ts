import { DateTime, IANAZone } from 'luxon';

/**
 * Start and leave dates, and what they decide at a moment (As Of). Every date and time
 * zone rule is luxon's (n8n's own DateTime): a date alone is that whole day in the time
 * zone, daylight-saving changes included; a date-time without an offset is read in it.
 */

/** How dated people are read and decided. */
export interface DateRules {
	/** IANA time zone for dates without an offset, e.g. Europe/Berlin. */
	zone: string;
	/** Whether access ends at the end of the leave date (the default) or at its start. */
	accessEnds: 'endOfLeaveDate' | 'startOfLeaveDate';
	/** Accounts are created this many days before the start date. */
	createBeforeStartDays: number;
}

/** A date as given: a moment, and whether it was a date alone (a whole day). */
export interface GivenDate {
	at: DateTime;
	wholeDay: boolean;
}

/** A person's dates, as given. */
export interface PersonDates {
	start?: GivenDate;
	leave?: GivenDate;
}

/** What a person's dates decide at a moment. */
export interface DatedStatus {
	/** The person must not have an active account now. */
	leaver: boolean;
	/** Nothing is done for them before this moment (a joiner not yet due, a rehire not yet back). */
	notBefore?: DateTime;
	/** Their access ends at this moment, still ahead. */
	leavesAt?: DateTime;
}

/**
 * A date alone in ISO 8601's forms that name one day: calendar (2026-12-18, or 20261218 as
 * some HR systems export it), week (2026-W51-5) and ordinal (2026-352). luxon reads each as
 * 00:00, which taken as a moment would end a leaver's access at the start of their last day.
 */
const WHOLE_DAY = [/^\d{4}-\d{2}-\d{2}$/, /^\d{8}$/, /^\d{4}-?W\d{2}-?\d$/, /^\d{4}-?\d{3}$/];

/**
 * Dates as read, by time zone and text, and the moments worked out from each. An HR list
 * gives the same few dates to many people (a start on the first of a month), and luxon
 * asks Intl for a zone's offset at each reading and each moment derived: at 10,000 people,
 * a third of a plan's time. luxon's DateTimes never change, so the same text in the same
 * zone is read once, and each moment worked out once. Bounded, for a process that runs long.
 */
const READINGS = { held: new Map<string, GivenDate | undefined | string>(), most: 20_000 };
const MOMENTS = new WeakMap<GivenDate, Map<string, DateTime | string>>();

function remembered<T extends DateTime | string>(date: GivenDate, key: string, work: () => T): T {
	let moments = MOMENTS.get(date);
	if (!moments) MOMENTS.set(date, (moments = new Map()));
	let moment = moments.get(key) as T | undefined;
	if (moment === undefined) moments.set(key, (moment = work()));
	return moment;
}

/** A date's moment in ISO 8601, with its offset (worked out once per date read). */
export const isoOf = (date: GivenDate): string =>
	remembered(date, 'iso', () => date.at.toISO() ?? '');

/** Whether luxon knows the time zone. */
export const knownZone = (zone: string) => IANAZone.isValidZone(zone);

/**
 * A date as an item gives it: an ISO date (that whole day) or date-time (read in the time
 * zone where it has no offset), an n8n DateTime or a JavaScript Date; undefined when
 * blank; a string naming what is wrong when it does not read.
 */
export function readDate(value: unknown, zone: string): GivenDate | undefined | string {
	if (value === undefined || value === null || value === '') return undefined;
	if (DateTime.isDateTime(value))
		return value.isValid ? { at: value, wholeDay: false } : 'is not a valid date';
	if (value instanceof Date) {
		const at = DateTime.fromJSDate(value, { zone });
		return at.isValid ? { at, wholeDay: false } : 'is not a valid date';
	}
	if (typeof value !== 'string') return `must be a date, not ${typeof value}`;
	const key = `${zone}\n${value}`;
	if (!READINGS.held.has(key)) {
		if (READINGS.held.size >= READINGS.most) READINGS.held.clear();
		READINGS.held.set(key, readText(value, zone));
	}
	return READINGS.held.get(key);
}

/** A date given as text. */
function readText(value: string, zone: string): GivenDate | undefined | string {
	const text = value.trim();
	if (text === '') return undefined;
	const namesDay = (part: string) => WHOLE_DAY.some((form) => form.test(part));
	const wholeDay = namesDay(text);
	// A month or a year alone (2026-12, 2026) names no day; a time needs the day it falls on
	// (luxon reads T17:00 as today, a moment that would move every day).
	const time = text.search(/T/i);
	if (!wholeDay && (time < 0 || !namesDay(text.slice(0, time))))
		return `is not a date: ${JSON.stringify(value)}`;
	const at = DateTime.fromISO(text, { zone, setZone: !wholeDay });
	if (!at.isValid) return `is not a date: ${JSON.stringify(value)}`;
	return { at: wholeDay ? at.startOf('day') : at, wholeDay };
}

/** The moment access ends: the end (or start) of a leave date given alone, else the moment given. */
export function leaveMoment(leave: GivenDate, rules: DateRules): DateTime {
	if (!leave.wholeDay) return leave.at;
	return remembered(leave, rules.accessEnds, () =>
		rules.accessEnds === 'startOfLeaveDate' ? leave.at.startOf('day') : leave.at.endOf('day'),
	);
}

/** The moment the person starts: the start of a start date given alone, else the moment given. */
export const startMoment = (start: GivenDate) =>
	start.wholeDay ? remembered(start, 'start', () => start.at.startOf('day')) : start.at;

/** The moment the account is due: the start less Create Accounts Before Start. */
export const createdFrom = (start: GivenDate, rules: DateRules) =>
	remembered(start, `due ${rules.createBeforeStartDays}`, () =>
		startMoment(start).minus({ days: rules.createBeforeStartDays }),
	);

/**
 * What a person's dates decide at `asOf`. A leave moment passed makes a leaver whatever
 * the Leaver flag says; one ahead keeps the account until then. A joiner is due once the
 * start, less the days set, has come. A start after the leave is a rehire: a leaver from
 * the leave until they are due again, an active person after. Without dates, the flag.
 */
export function statusAt(
	dates: PersonDates,
	leaverFlag: boolean,
	asOf: DateTime,
	rules: DateRules,
): DatedStatus {
	const leave = dates.leave && leaveMoment(dates.leave, rules);
	const due = dates.start && createdFrom(dates.start, rules);
	const rehire = leave && dates.start && startMoment(dates.start) > leave;
	if (rehire && due) {
		if (asOf >= due) return { leaver: false };
		if (asOf >= leave) return { leaver: true, notBefore: due };
		return { leaver: false, leavesAt: leave };
	}
	if (leave && asOf >= leave) return { leaver: true };
	if (due && asOf < due) return leaverFlag ? { leaver: true } : { leaver: false, notBefore: due };
	if (leave) return { leaver: false, leavesAt: leave };
	return { leaver: leaverFlag };
}

/** A moment as a person reads it: "2026-12-18 at 23:59 Europe/Berlin". */
export const inWords = (moment: DateTime) =>
	`${moment.toFormat("yyyy-MM-dd 'at' HH:mm")} ${moment.zoneName ?? ''}`.trim();

/** What is due each day of the next `days` days from `asOf`: joiners created, leavers cut off. */
export function upcoming(
	due: Array<{ kind: 'joiners' | 'leavers'; at: DateTime }>,
	asOf: DateTime,
	days = 14,
): Array<{ date: string; joiners: number; leavers: number }> {
	const until = asOf.plus({ days });
	const byDay = new Map<string, { date: string; joiners: number; leavers: number }>();
	for (const { kind, at } of due) {
		if (at < asOf || at >= until) continue;
		const date = at.setZone(asOf.zone).toISODate() ?? '';
		const day = byDay.get(date) ?? { date, joiners: 0, leavers: 0 };
		day[kind]++;
		byDay.set(date, day);
	}
	return [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
