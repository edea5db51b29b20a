import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode, NodeParameterValueType } from 'n8n-workflow';

import { passOn } from '../transport/errors';

/** A whole value that is one `{{ … }}` expression and nothing else: its code. */
const ONE_EXPRESSION = /^=\s*\{\{([\s\S]*)\}\}\s*$/;

/** Where an expression's value goes: a parameter, or a field of a collection parameter. */
interface Slot {
	parameter: string;
	key?: string;
	code: string;
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

/** The code of a value that is one plain expression, or undefined (a literal, or text around `{{ }}`). */
function plainExpression(value: unknown): string | undefined | null {
	if (typeof value !== 'string' || !value.startsWith('=')) return undefined;
	const code = ONE_EXPRESSION.exec(value)?.[1];
	// Code holding braces of its own, or a line comment, is left to n8n to read.
	return code === undefined || /\{\{|\}\}|\/\//.test(code) ? null : code;
}

/**
 * Several per-item parameters read with one expression evaluation per item instead of one
 * per parameter. n8n builds its whole expression context for each evaluation, and an HR
 * list of 10,000 people with six fields each would otherwise spend most of a run there.
 * The parameters' raw values are the same for every item: each that is one plain `{{ }}`
 * expression (or a collection of such) becomes an element of one array expression,
 * evaluated per item in the same context n8n uses. Anything else, and any item whose
 * combined evaluation fails, is read through `getNodeParameter`, as n8n reads it, so its
 * value and its error are n8n's own.
 */
export class ItemParameters {
	private readonly slots: Slot[] = [];

	/** Parameters read as n8n reads them, for every item. */
	private readonly direct = new Set<string>();

	private readonly raw: Values = {};

	private readonly combined?: string;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly fallbacks: Values,
	) {
		for (const [parameter, fallback] of Object.entries(fallbacks)) {
			const raw = ctx.getNodeParameter(parameter, 0, fallback, { rawExpressions: true }) as unknown;
			this.raw[parameter] = raw;
			const code = plainExpression(raw);
			if (code === null) this.direct.add(parameter);
			else if (code !== undefined) this.slots.push({ parameter, code });
			else if (raw && typeof raw === 'object' && !Array.isArray(raw))
				this.collect(parameter, raw as Values);
		}
		if (this.slots.length > 0)
			this.combined = `{{ [${this.slots.map(({ code }) => `(${code})`).join(',')}] }}`;
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
		let results: NodeParameterValueType;
		try {
			results = this.ctx.evaluateExpression(this.combined, itemIndex);
		} catch {
			results = null;
		}
		if (!Array.isArray(results) || results.length !== this.slots.length) {
			// n8n reads each parameter, and says which one failed and why.
			for (const { parameter } of this.slots)
				values[parameter] = this.readDirect(parameter, itemIndex);
			return values;
		}
		this.slots.forEach(({ parameter, key }, index) => {
			if (key === undefined) values[parameter] = results[index];
			else (values[parameter] as Values)[key] = asCollectionField(results[index]);
		});
		return values;
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
