import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { passOn } from '../../../transport/errors';
import type { VendorProfile } from '../../../vendors/profile';
import { userNameRefusal } from '../../../vendors/names';
import type { UserField } from '../../../vendors/userFields';
import { InputReader } from '../../input';
import { ItemParameters, ParameterError } from '../../itemParameters';
import { readCustomAttributes, readFieldValues } from '../fields';
import { keyOf } from './match';
import type { HeldRow } from './match';
import { readDate } from './dates';
import type { DateRules } from './dates';
import { firstSpelled, rowsPerPerson, sameness } from './rows';
import type { Person } from './types';

/** An input row held back: unreadable, or naming the same person as another row differently. */
export interface HeldItem extends HeldRow {
	items: number[];
	reason: 'invalid' | 'conflict';
	detail: string;
}

export interface PeopleRead {
	people: Person[];
	held: HeldItem[];
	/** Rows merged into another identical row. */
	merged: number;
}

/** Attributes a person's fields never set: Sync decides `active` (Leaver), `externalId` (Employee ID) and `userName`. */
const DECIDED_BY_SYNC = new Set(['active', 'externalId', 'userName']);

/** The user fields a person may carry: what Create offers, less what Sync sets itself. */
export function personFields(profile: VendorProfile): UserField[] {
	return profile.users.fields.create.filter((field) => !DECIDED_BY_SYNC.has(field.path));
}

/** Names given as a list or as text, one per line or comma-separated; blanks dropped, each once. */
export function readNames(input: InputReader, field: string, value: unknown): string[] {
	const entries = Array.isArray(value)
		? (value as unknown[])
		: typeof value === 'string'
			? value.split(/[\n,]/)
			: value === undefined || value === null
				? []
				: [value];
	const names = entries
		.map((entry) => input.optionalText(field, entry))
		.filter((entry): entry is string => entry !== undefined);
	const unique = new Map<string, string>();
	// One spelling of each name, the same whatever the order they come in.
	for (const name of names) {
		const spelled = unique.get(keyOf(name));
		if (spelled === undefined || name < spelled) unique.set(keyOf(name), name);
	}
	return [...unique.values()];
}

/** A userName as it may be sent: one token, no control characters; an email where the vendor keys users by email. */
function checkUserName(input: InputReader, profile: VendorProfile, field: string, value: string) {
	if (/[\s\p{Cc}]/u.test(value))
		input.fail(
			field,
			`has spaces or control characters: ${JSON.stringify(value)}`,
			'Give the person’s sign-in name, usually their work email.',
		);
	const refusal = userNameRefusal(profile, value);
	if (refusal) input.fail(field, refusal.problem, refusal.hint);
}

/** Group names a vendor keeps to itself, or its fallback group, which a person cannot be put into. */
function checkGroups(input: InputReader, profile: VendorProfile, groups: string[]) {
	const { singleGroupPerUser, reservedNames = [] } = profile.groups;
	const vendor = profile.identity.displayName;
	for (const name of groups) {
		if (reservedNames.some((reserved) => keyOf(reserved) === keyOf(name)))
			input.fail(
				'Groups',
				`names ${JSON.stringify(name)}, which ${vendor} keeps for itself`,
				'Leave it out: reserved groups are managed by the vendor.',
			);
		if (singleGroupPerUser && keyOf(singleGroupPerUser.defaultGroupName) === keyOf(name))
			input.fail(
				'Groups',
				`names ${vendor}’s ${JSON.stringify(name)} group, which everyone in no other group is in`,
				'Leave it out: a person in no group is in it already.',
			);
	}
	if (singleGroupPerUser && groups.length > 1)
		input.fail(
			'Groups',
			`names ${groups.length} groups (${groups.join(', ')}), but ${vendor} allows one group per person`,
			'Give one group for this person.',
		);
}

/** The per-person parameters, with what each is when not set. */
const PERSON_PARAMETERS = {
	userName: '',
	employeeId: '',
	previousUserNames: '',
	leaver: false,
	startDate: '',
	leaveDate: '',
	groups: '',
	fields: {},
};

/** The per-person parameters as the editor names them. */
const LABELS: Record<keyof typeof PERSON_PARAMETERS, string> = {
	userName: 'User Name',
	employeeId: 'Employee ID',
	previousUserNames: 'Previous User Names',
	leaver: 'Leaver',
	startDate: 'Start Date',
	leaveDate: 'Leave Date',
	groups: 'Groups',
	fields: 'Fields',
};

/** A start or leave date of an item, in the time zone where it has no offset. */
function readPersonDate(input: InputReader, field: string, value: unknown, zone: string) {
	const date = readDate(value, zone);
	if (typeof date === 'string')
		input.fail(
			field,
			date,
			'Use an ISO date such as 2026-12-18 (that whole day) or a date-time such as 2026-12-18T17:00:00+01:00.',
		);
	return date;
}

/** One input item as a person, or a thrown error naming the item and the field. */
function readPerson(
	node: INode,
	profile: VendorProfile,
	parameters: ItemParameters,
	itemIndex: number,
	rules: DateRules,
): Person {
	const input = new InputReader(node, itemIndex);
	let read: Record<string, unknown>;
	try {
		read = parameters.read(itemIndex);
	} catch (error) {
		if (!(error instanceof ParameterError)) throw passOn(node, error);
		return input.fail(
			LABELS[error.parameter as keyof typeof PERSON_PARAMETERS] ?? error.parameter,
			`could not be read: ${error.message}`,
			'Check the expression that fills this field for this item.',
		);
	}
	const parameter = (name: keyof typeof PERSON_PARAMETERS) => read[name];
	const userName = input.requiredText('User Name', parameter('userName'));
	checkUserName(input, profile, 'User Name', userName);
	const previousUserNames = readNames(input, 'Previous User Names', parameter('previousUserNames'));
	for (const previous of previousUserNames)
		checkUserName(input, profile, 'Previous User Names', previous);
	const groups = readNames(input, 'Groups', parameter('groups'));
	checkGroups(input, profile, groups);
	const values = parameter('fields') as IDataObject;
	return {
		items: [itemIndex],
		userName,
		employeeId: input.optionalText('Employee ID', parameter('employeeId')),
		previousUserNames: previousUserNames.filter((previous) => keyOf(previous) !== keyOf(userName)),
		leaver: input.optionalBoolean('Leaver', parameter('leaver')) ?? false,
		dates: {
			start: readPersonDate(input, 'Start Date', parameter('startDate'), rules.zone),
			leave: readPersonDate(input, 'Leave Date', parameter('leaveDate'), rules.zone),
		},
		fields: readFieldValues(input, personFields(profile), values),
		createOnly: readCustomAttributes(input, profile.users.customAttributeSchema, values),
		groups,
	};
}

/**
 * The keys an unreadable item still gives, each read on its own: every account they name
 * is held with the item, never taken for one nobody on the list has.
 */
function keysOf(ctx: IExecuteFunctions, itemIndex: number): HeldRow {
	const read = (name: string): unknown => {
		try {
			return ctx.getNodeParameter(name, itemIndex, '');
		} catch {
			return undefined;
		}
	};
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() !== ''
			? value.trim()
			: typeof value === 'number' && Number.isFinite(value)
				? String(value)
				: undefined;
	const previous = read('previousUserNames');
	return {
		userName: text(read('userName')),
		employeeId: text(read('employeeId')),
		previousUserNames: (Array.isArray(previous)
			? (previous as unknown[])
			: typeof previous === 'string'
				? previous.split(/[\n,]/)
				: []
		)
			.map(text)
			.filter((name): name is string => name !== undefined),
	};
}

/**
 * Reads every input item as a person. An item that cannot be read is held as `invalid`
 * (its message names the item and the field) and nobody else is affected. Identical rows
 * for one person merge; rows naming one person (by userName or employee ID) differently
 * are all held as a `conflict`.
 */
export function readPeople(
	ctx: IExecuteFunctions,
	profile: VendorProfile,
	itemCount: number,
	rules: DateRules,
): PeopleRead {
	const rows: Array<{ person?: Person; held?: HeldItem }> = [];
	const parameters = new ItemParameters(ctx, PERSON_PARAMETERS);
	// Once: n8n copies the node, with all its parameters, at each getNode().
	const node = ctx.getNode();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			rows.push({ person: readPerson(node, profile, parameters, itemIndex, rules) });
		} catch (error) {
			rows.push({
				held: {
					items: [itemIndex],
					...keysOf(ctx, itemIndex),
					reason: 'invalid',
					detail: (error as Error).message,
				},
			});
		}
	}
	// A former userName is a userName too: a row naming another row's address as its former
	// one (or two rows naming one former address) speaks of one account for two people.
	const keys = rows.map(({ person, held }) => {
		const userName = person?.userName ?? held?.userName;
		const employeeId = person?.employeeId ?? held?.employeeId;
		const previous = person?.previousUserNames ?? held?.previousUserNames ?? [];
		return [
			userName === undefined ? undefined : `u:${keyOf(userName)}`,
			employeeId === undefined ? undefined : `e:${keyOf(employeeId)}`,
			...previous.map((name) => `u:${keyOf(name)}`),
		];
	});
	const read: PeopleRead = { people: [], held: [], merged: 0 };
	for (const group of rowsPerPerson(keys)) {
		const members = group.map((index) => rows[index]);
		const people = members
			.map(({ person }) => person)
			.filter((person): person is Person => !!person);
		if (people.length === members.length && new Set(people.map(sameness)).size === 1) {
			read.people.push({ ...firstSpelled(people), items: group });
			read.merged += group.length - 1;
			continue;
		}
		if (members.length === 1) {
			read.held.push(members[0].held!);
			continue;
		}
		const items = group.map((index) => index + 1).join(', ');
		for (const { person, held } of members) {
			if (held) read.held.push(held);
			else
				read.held.push({
					items: person!.items,
					userName: person!.userName,
					employeeId: person!.employeeId,
					previousUserNames: person!.previousUserNames,
					reason: 'conflict',
					detail: `Items ${items} name the same person (by userName, a previous userName or employee ID) differently: nothing is done for them until one row remains`,
				});
		}
	}
	return read;
}
