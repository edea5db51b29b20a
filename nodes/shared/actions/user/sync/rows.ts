import { isoOf } from './dates';
import { keyOf } from './match';
import type { Person } from './types';

/** Which input rows speak of one person, and which of them say it the same way. */

/** What makes two rows the same person said the same way. */
export function sameness(person: Person): string {
	return JSON.stringify([
		keyOf(person.userName),
		person.employeeId === undefined ? null : keyOf(person.employeeId),
		person.previousUserNames.map(keyOf).sort(),
		person.leaver,
		[person.dates.start, person.dates.leave].map((date) => date && [isoOf(date), date.wholeDay]),
		// Addresses and the people a field names compare as keys, the way matching compares them.
		person.fields
			.map(({ field, value }) => [
				field.name,
				field.kind === 'email' || field.refersToUser ? keyOf(String(value)) : value,
			])
			.sort(),
		person.createOnly,
		person.groups.map(keyOf).sort(),
	]);
}

/**
 * Of rows that say the same, the one whose spelling is written, the same whatever their
 * order: the userName with the fewest capitals (addresses are usually lower case), then
 * the first in code-point order.
 */
export function firstSpelled(people: Person[]): Person {
	const capitals = (person: Person) => person.userName.replace(/[^\p{Lu}]/gu, '').length;
	const spelling = (person: Person) =>
		JSON.stringify([person.userName, person.employeeId ?? null, person.groups]);
	return people.reduce((best, person) =>
		capitals(person) < capitals(best) ||
		(capitals(person) === capitals(best) && spelling(person) < spelling(best))
			? person
			: best,
	);
}

/** Rows that share a key (a userName, a previous userName or an employee ID), as groups of row positions. */
export function rowsPerPerson(keys: Array<Array<string | undefined>>): number[][] {
	const parent = keys.map((_, index) => index);
	const root = (index: number): number =>
		parent[index] === index ? index : (parent[index] = root(parent[index]));
	const first = new Map<string, number>();
	keys.forEach((rowKeys, index) => {
		for (const key of rowKeys) {
			if (key === undefined) continue;
			const earlier = first.get(key);
			if (earlier === undefined) first.set(key, index);
			else parent[root(index)] = root(earlier);
		}
	});
	const groups = new Map<number, number[]>();
	keys.forEach((_, index) => groups.set(root(index), [...(groups.get(root(index)) ?? []), index]));
	return [...groups.values()];
}
