/**
 * SCIM filter building (RFC 7644 §3.4.2.2). Every value is written as a JSON
 * string literal, so no input can close the quotes and add clauses of its own.
 */

const ATTRIBUTE_PATH = /^[A-Za-z][A-Za-z0-9_.:$-]*$/;

/** A value as a SCIM string literal: JSON escaping of quotes, backslashes and control characters. */
export function scimStringLiteral(value: string): string {
	return JSON.stringify(value);
}

function attribute(path: string): string {
	if (!ATTRIBUTE_PATH.test(path)) {
		throw new Error(`Invalid SCIM attribute path: ${JSON.stringify(path)}`);
	}
	return path;
}

function literal(value: string | boolean): string {
	return typeof value === 'boolean' ? String(value) : scimStringLiteral(value);
}

/** `attribute eq "value"` (booleans unquoted, as SCIM requires). */
export function equals(path: string, value: string | boolean): string {
	return `${attribute(path)} eq ${literal(value)}`;
}

/** `attribute sw "value"`: used by resource-locator searches. */
export function startsWith(path: string, value: string): string {
	return `${attribute(path)} sw ${literal(value)}`;
}

/** Joins clauses with `and`; each clause is parenthesised when there is more than one. */
export function allOf(clauses: Array<string | undefined>): string | undefined {
	const present = clauses.filter((clause): clause is string => !!clause && clause.trim() !== '');
	if (present.length <= 1) return present[0];
	return present.map((clause) => `(${clause})`).join(' and ');
}

/** A PATCH value path selecting one entry of a multi-valued attribute: `members[value eq "…"]`. */
export function filterValuePath(path: string, value: string): string {
	return `${attribute(path)}[${equals('value', value)}]`;
}
