import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

const BOOLEAN_WORDS = new Map([
	['true', true],
	['false', false],
	['yes', true],
	['no', false],
]);

/** Reads user input and rejects what cannot be sent safely, naming the item and the field. */
export class InputReader {
	/** `subject` names what failed in messages: the item by default, an account where no item names it. */
	constructor(
		private readonly node: INode,
		private readonly itemIndex: number,
		private readonly subject = `Item ${itemIndex + 1}`,
	) {}

	fail(field: string, problem: string, hint: string): never {
		throw new NodeOperationError(this.node, `${this.subject}: “${field}” ${problem}`, {
			itemIndex: this.itemIndex,
			description: hint,
		});
	}

	/** Text or a number (ids and employee numbers often arrive as numbers); trimmed; undefined when empty. */
	optionalText(field: string, value: unknown): string | undefined {
		if (value === undefined || value === null) return undefined;
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		if (typeof value !== 'string') {
			this.fail(
				field,
				`must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`,
				'Check the expression that fills this field.',
			);
		}
		const trimmed = value.trim();
		return trimmed === '' ? undefined : trimmed;
	}

	requiredText(field: string, value: unknown): string {
		const text = this.optionalText(field, value);
		if (text === undefined)
			this.fail(field, 'is empty', 'Enter a value, or check the expression that fills this field.');
		return text;
	}

	/** A SCIM id as it will appear in a URL path: not empty and not a path segment such as "..". */
	resourceId(field: string, value: unknown): string {
		const id = this.requiredText(field, value);
		if (id === '.' || id === '..')
			this.fail(
				field,
				`is not a valid id: ${JSON.stringify(id)}`,
				'Use the id the service returned for this resource.',
			);
		return id;
	}

	optionalEmail(field: string, value: unknown): string | undefined {
		const email = this.optionalText(field, value);
		if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) {
			this.fail(
				field,
				`is not an email address: ${JSON.stringify(email)}`,
				'Use an address such as jane.doe@example.com.',
			);
		}
		return email;
	}

	/** A calendar date as YYYY-MM-DD (what HR systems and SCIM extensions use). */
	optionalDate(field: string, value: unknown): string | undefined {
		const text =
			typeof value === 'object' && value !== null && 'toISO' in value
				? String((value as { toISO(): string }).toISO())
				: value;
		const date = this.optionalText(field, text)?.slice(0, 10);
		if (
			date !== undefined &&
			(!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
		) {
			this.fail(
				field,
				`is not a date: ${JSON.stringify(date)}`,
				'Use the form YYYY-MM-DD, e.g. 2026-01-31.',
			);
		}
		return date;
	}

	/** A boolean, or the words sheets and CSV exports write for one: true/false or yes/no, in any case. */
	optionalBoolean(field: string, value: unknown): boolean | undefined {
		if (value === undefined || value === null) return undefined;
		if (typeof value === 'boolean') return value;
		const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
		if (word === '') return undefined;
		const read = word === undefined ? undefined : BOOLEAN_WORDS.get(word);
		if (read !== undefined) return read;
		this.fail(
			field,
			`must be true or false, not ${JSON.stringify(value)}`,
			'Give true or false (TRUE, FALSE, yes and no are read too), or check the expression that fills this field.',
		);
	}
}
