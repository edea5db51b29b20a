import { NodeOperationError } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	NodeParameterValueType,
} from 'n8n-workflow';

import { passOn } from '../transport/errors';

/**
 * A whole value that is one `{{ … }}` expression and nothing else: its code. Text around
 * it, a space or a line break included, makes n8n read the value as text.
 */
const ONE_EXPRESSION = /^=\{\{([\s\S]*)\}\}$/;

/** Where an expression's value goes: a parameter, or a field of a collection parameter. */
interface Slot {
	parameter: string;
	key?: string;
	code: string;
	/** Where the code is a plain path into the item's JSON (`$json.person.email`): its keys. */
	path?: string[];
}

type Values = Record<string, unknown>;

/** An expression n8n could not evaluate for an item, with the parameter it is in. */
export class ParameterError extends NodeOperationError {
	constructor(
		node: INode,
		readonly parameter: string,
		cause: unknown,
	) {
		super(node, (cause as Error)?.message ?? String(cause));
	}
}

/** `$json` and nothing after it but `.name` and `["name"]` steps: what n8n's mapping by drag and drop writes. */
const JSON_PATH =
	/^\s*\$json((?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:"(?:[^"\\\n\r\u2028\u2029]|\\.)*"|'[^'\\\n\r\u2028\u2029]*')\s*\])+)\s*$/;
const PATH_STEP =
	/\.\s*([A-Za-z_$][\w$]*)|\[\s*("(?:[^"\\\n\r\u2028\u2029]|\\.)*"|'[^'\\\n\r\u2028\u2029]*')\s*\]/g;

/**
 * Keys n8n's expression sandbox treats apart (refused, or not read as data), in any n8n
 * version: a path through one is left to n8n, which says what it says about it.
 */
const GUARDED_KEYS = new Set([
	'prototype',
	'getPrototypeOf',
	'setPrototypeOf',
	'getOwnPropertyDescriptor',
	'getOwnPropertyDescriptors',
	'defineProperty',
	'defineProperties',
	'mainModule',
	'binding',
	'prepareStackTrace',
	'caller',
	'callee',
	'arguments',
	'getBuiltinModule',
	'dlopen',
	'execve',
	'loadEnvFile',
]);
/** The names of the global object, which n8n's sandbox rewrites wherever they stand. */
const GLOBAL_NAMES = /^global(?:This)?$/;
const plainKey = (key: string) =>
	!key.startsWith('_') &&
	!key.includes('$') &&
	!GLOBAL_NAMES.test(key) &&
	!key.includes('constructor') &&
	!GUARDED_KEYS.has(key) &&
	!(key in Object.prototype);

const MOST_STEPS = 100;

/** The keys of a plain `$json` path, or undefined for any other code. */
function jsonPath(code: string): string[] | undefined {
	const steps = JSON_PATH.exec(code)?.[1];
	if (steps === undefined) return undefined;
	let keys: string[];
	try {
		keys = [...steps.matchAll(PATH_STEP)].map(([, name, quoted]) =>
			name !== undefined
				? name
				: quoted.startsWith("'")
					? quoted.slice(1, -1)
					: (JSON.parse(quoted) as string),
		);
	} catch {
		// An escape JSON does not read (\x41, \'): left to n8n.
		return undefined;
	}
	// A path too deep for n8n's parser is n8n's to answer (it answers null).
	return keys.length <= MOST_STEPS && keys.every(plainKey) ? keys : undefined;
}

/** A path's value where it is a plain value (text, number, true or false, null) or absent; else not known here. */
const UNKNOWN = Symbol('evaluated by n8n');
function valueAt(json: unknown, path: string[]): unknown {
	try {
		return plainValueAt(json, path);
	} catch {
		// A property that throws as it is read (not JSON, then): n8n's to read.
		return UNKNOWN;
	}
}

function plainValueAt(json: unknown, path: string[]): unknown {
	let value = json;
	for (const [index, key] of path.entries()) {
		if (value === null || typeof value !== 'object') return UNKNOWN;
		// Only an object as JSON makes it (not an array, a date, a DateTime and the like).
		const prototype = Object.getPrototypeOf(value) as unknown;
		if (prototype !== Object.prototype && prototype !== null) return UNKNOWN;
		// A key the item does not hold is undefined, as in n8n (inherited ones never get here);
		// a step past it is n8n's to refuse.
		if (!Object.prototype.hasOwnProperty.call(value, key))
			return index === path.length - 1 ? undefined : UNKNOWN;
		value = (value as Values)[key];
	}
	return value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)
		? value
		: UNKNOWN;
}

/** The code of a value that is one plain expression, or undefined (a literal, or text around `{{ }}`). */
function plainExpression(value: unknown): string | undefined | null {
	if (typeof value !== 'string' || !value.startsWith('=')) return undefined;
	const code = ONE_EXPRESSION.exec(value)?.[1];
	// Left to n8n to read: code holding braces of its own or ending in one (n8n ends the code
	// at the first }}), a line comment, and an optional call (n8n rewrites ?.( chains for
	// the whole code once one part of it uses its extensions, and the call loses its this).
	return code === undefined || /\{\{|\}\}|\/\/|\?\.\s*\(/.test(code) || code.endsWith('}')
		? null
		: code;
}

/**
 * Several per-item parameters read with at most one expression evaluation per item instead
 * of one per parameter. n8n builds its whole expression context for each evaluation (and
 * n8n 2 evaluates in an isolated VM), and an HR list of 10,000 people with ten fields each
 * would otherwise spend most of a run there. The parameters' raw values are the same for
 * every item: each that is one plain `{{ }}` expression (or a collection of such) becomes
 * an element of one array expression, evaluated per item in the same context n8n uses. A
 * plain `$json` path (`{{ $json.person.email }}`, what mapping by drag and drop writes) is
 * read from the item's own JSON where it leads to a plain value or to nothing; where it
 * does not, the item is evaluated by n8n. Anything else, and any item whose combined
 * evaluation fails, is read through `getNodeParameter`, as n8n reads it, so its value and
 * its error are n8n's own.
 */
export class ItemParameters {
	private readonly slots: Slot[] = [];

	/** Parameters read as n8n reads them, for every item. */
	private readonly direct = new Set<string>();

	private readonly raw: Values = {};

	/** Every slot's code as one array expression. */
	private readonly combined?: string;

	/** The code of the slots that are not plain paths, as one array expression. */
	private readonly rest?: string;

	private readonly items: INodeExecutionData[];

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly fallbacks: Values,
	) {
		this.items = ctx.getInputData();
		for (const [parameter, fallback] of Object.entries(fallbacks)) {
			const raw = ctx.getNodeParameter(parameter, 0, fallback, { rawExpressions: true }) as unknown;
			this.raw[parameter] = raw;
			const code = plainExpression(raw);
			if (code === null) this.direct.add(parameter);
			else if (code !== undefined) this.slots.push({ parameter, code });
			else if (raw && typeof raw === 'object' && !Array.isArray(raw))
				this.collect(parameter, raw as Values);
		}
		for (const slot of this.slots) slot.path = jsonPath(slot.code);
		const arrayOf = (slots: Slot[]) =>
			slots.length > 0 ? `{{ [${slots.map(({ code }) => `(${code})`).join(',')}] }}` : undefined;
		this.combined = arrayOf(this.slots);
		this.rest = arrayOf(this.slots.filter((slot) => !slot.path));
	}

	/** The fields of a collection parameter: plain expressions are combined; any other expression makes it direct. */
	private collect(parameter: string, values: Values): void {
		const fields: Slot[] = [];
		for (const [key, value] of Object.entries(values)) {
			const code = plainExpression(value);
			if (code === null || (value !== null && typeof value === 'object')) {
				this.direct.add(parameter);
				return;
			}
			if (code !== undefined) fields.push({ parameter, key, code });
		}
		this.slots.push(...fields);
	}

	/** One parameter as n8n reads it; its failure names the parameter. */
	private readDirect(parameter: string, itemIndex: number): unknown {
		try {
			return this.ctx.getNodeParameter(parameter, itemIndex, this.fallbacks[parameter]);
		} catch (error) {
			throw passOn(this.ctx.getNode(), new ParameterError(this.ctx.getNode(), parameter, error));
		}
	}

	/** The parameters' values for one item. Throws a ParameterError where n8n's evaluation throws. */
	read(itemIndex: number): Values {
		const values: Values = {};
		for (const [parameter, raw] of Object.entries(this.raw))
			values[parameter] = this.direct.has(parameter)
				? this.readDirect(parameter, itemIndex)
				: raw && typeof raw === 'object'
					? { ...(raw as Values) }
					: raw;
		if (!this.combined) return values;
		const json = this.items[itemIndex]?.json;
		const read = this.slots.map((slot) => (slot.path ? valueAt(json, slot.path) : UNKNOWN));
		const known = this.slots.every((slot, index) => !slot.path || read[index] !== UNKNOWN);
		const code = known ? this.rest : this.combined;
		const evaluated = code === undefined ? [] : this.evaluate(code, itemIndex);
		const expected = this.slots.filter((slot) => code === this.combined || !slot.path).length;
		// A function is no value: n8n says so ("please add ()") where it reads it alone.
		if (
			!Array.isArray(evaluated) ||
			evaluated.length !== expected ||
			evaluated.some((value) => typeof value === 'function')
		) {
			// n8n reads each parameter, and says which one failed and why.
			for (const { parameter } of this.slots)
				values[parameter] = this.readDirect(parameter, itemIndex);
			return values;
		}
		let next = 0;
		this.slots.forEach(({ parameter, key, path }, index) => {
			const value = known && path ? read[index] : evaluated[next++];
			if (key === undefined) values[parameter] = value;
			else (values[parameter] as Values)[key] = asCollectionField(value);
		});
		return values;
	}

	private evaluate(code: string, itemIndex: number): NodeParameterValueType {
		try {
			return this.ctx.evaluateExpression(code, itemIndex);
		} catch {
			return null;
		}
	}
}

/** A date inside a collection comes out of n8n as text (n8n-core's parameter cleanup): so here too. */
function asCollectionField(value: unknown): unknown {
	const isDateTime =
		!!value &&
		typeof value === 'object' &&
		(value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true;
	return isDateTime ? String(value) : value;
}
