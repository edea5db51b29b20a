/**
 * An RFC 7644 §3.4.2.2 filter evaluator for the test server. SCIMMY's own parser
 * neither decodes JSON string escapes (\" \\ \u0001) nor compares case-insensitively,
 * both of which the RFC requires; this one does, for the grammar our nodes and
 * common clients send: attrPath op value, pr, and, or, not, parentheses.
 */

export type Predicate = (resource: Record<string, unknown>) => boolean;

export class FilterSyntaxError extends Error {}

/** Attributes whose values compare case-sensitively (RFC 7643 "caseExact": true). */
const CASE_EXACT = new Set(['id', 'externalid']);

type Token = { kind: 'word' | 'string' | 'open' | 'close'; text: string; value?: unknown };

function tokenize(filter: string): Token[] {
	const tokens: Token[] = [];
	let at = 0;
	while (at < filter.length) {
		const char = filter[at];
		if (char === ' ') {
			at++;
		} else if (char === '(' || char === ')') {
			tokens.push({ kind: char === '(' ? 'open' : 'close', text: char });
			at++;
		} else if (char === '"') {
			let end = at + 1;
			while (end < filter.length && filter[end] !== '"') end += filter[end] === '\\' ? 2 : 1;
			if (end >= filter.length) throw new FilterSyntaxError('Unterminated string in filter');
			const literal = filter.slice(at, end + 1);
			try {
				tokens.push({ kind: 'string', text: literal, value: JSON.parse(literal) });
			} catch {
				throw new FilterSyntaxError(`Invalid string ${literal} in filter`);
			}
			at = end + 1;
		} else {
			const match = /^[^\s()"]+/.exec(filter.slice(at));
			if (!match)
				throw new FilterSyntaxError(`Unexpected character ${JSON.stringify(char)} in filter`);
			tokens.push({ kind: 'word', text: match[0] });
			at += match[0].length;
		}
	}
	return tokens;
}

function lookup(resource: unknown, path: string): unknown[] {
	let values: unknown[] = [resource];
	const urn = path.startsWith('urn:') ? path.slice(0, path.lastIndexOf(':')) : undefined;
	const rest = urn ? path.slice(urn.length + 1) : path;
	const keys = urn ? [urn, ...rest.split('.')] : rest.split('.');
	for (const key of keys) {
		values = values.flatMap((value) => {
			if (!value || typeof value !== 'object') return [];
			const entry = Object.entries(value).find(
				([name]) => name.toLowerCase() === key.toLowerCase(),
			);
			if (!entry) return [];
			return Array.isArray(entry[1]) ? entry[1] : [entry[1]];
		});
	}
	// A multi-valued complex attribute compared directly means its "value" sub-attribute.
	return values.flatMap((value) =>
		value && typeof value === 'object' && 'value' in value
			? [(value as { value: unknown }).value]
			: [value],
	);
}

function compare(
	operator: string,
	actual: unknown,
	expected: unknown,
	caseExact: boolean,
): boolean {
	const fold = (value: unknown) =>
		typeof value === 'string' && !caseExact ? value.toLowerCase() : value;
	const a = fold(actual);
	const e = fold(expected);
	switch (operator) {
		case 'eq':
			return a === e;
		case 'ne':
			return a !== e;
		case 'co':
			return typeof a === 'string' && typeof e === 'string' && a.includes(e);
		case 'sw':
			return typeof a === 'string' && typeof e === 'string' && a.startsWith(e);
		case 'ew':
			return typeof a === 'string' && typeof e === 'string' && a.endsWith(e);
		case 'gt':
			return (a as number) > (e as number);
		case 'ge':
			return (a as number) >= (e as number);
		case 'lt':
			return (a as number) < (e as number);
		case 'le':
			return (a as number) <= (e as number);
		default:
			throw new FilterSyntaxError(`Unknown operator ${operator}`);
	}
}

function literal(token: Token | undefined): unknown {
	if (!token) throw new FilterSyntaxError('Missing value in filter');
	if (token.kind === 'string') return token.value;
	if (token.kind !== 'word') throw new FilterSyntaxError(`Unexpected ${token.text} in filter`);
	if (token.text === 'true' || token.text === 'false') return token.text === 'true';
	if (token.text === 'null') return null;
	if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
	throw new FilterSyntaxError(`Unexpected value ${token.text} in filter`);
}

/** `caseExact`: compare every string exactly, as a service that ignores RFC 7643's caseExact: false does. */
export function parseFilter(filter: string, { caseExact: allExact = false } = {}): Predicate {
	const tokens = tokenize(filter);
	let at = 0;
	const peekWord = () => (tokens[at]?.kind === 'word' ? tokens[at].text.toLowerCase() : undefined);

	function expression(): Predicate {
		let left = conjunction();
		while (peekWord() === 'or') {
			at++;
			const right = conjunction();
			const previous = left;
			left = (resource) => previous(resource) || right(resource);
		}
		return left;
	}

	function conjunction(): Predicate {
		let left = factor();
		while (peekWord() === 'and') {
			at++;
			const right = factor();
			const previous = left;
			left = (resource) => previous(resource) && right(resource);
		}
		return left;
	}

	function factor(): Predicate {
		if (peekWord() === 'not') {
			at++;
			const inner = factor();
			return (resource) => !inner(resource);
		}
		if (tokens[at]?.kind === 'open') {
			at++;
			const inner = expression();
			if (tokens[at]?.kind !== 'close') throw new FilterSyntaxError('Missing ) in filter');
			at++;
			return inner;
		}
		const path = tokens[at++];
		if (!path || path.kind !== 'word' || !/^[A-Za-z][\w.:$-]*$/.test(path.text)) {
			throw new FilterSyntaxError(
				`Expected an attribute in filter, found ${path?.text ?? 'nothing'}`,
			);
		}
		const operator = tokens[at++]?.text.toLowerCase();
		if (!operator) throw new FilterSyntaxError('Missing operator in filter');
		const caseExact = allExact || CASE_EXACT.has(path.text.toLowerCase());
		if (operator === 'pr')
			return (resource) =>
				lookup(resource, path.text).some(
					(value) => value !== undefined && value !== null && value !== '',
				);
		const expected = literal(tokens[at++]);
		return (resource) => {
			const values = lookup(resource, path.text);
			if (operator === 'ne')
				return values.every((value) => compare('ne', value, expected, caseExact));
			return values.some((value) => compare(operator, value, expected, caseExact));
		};
	}

	const predicate = expression();
	if (at !== tokens.length) throw new FilterSyntaxError(`Unexpected ${tokens[at].text} in filter`);
	return predicate;
}
