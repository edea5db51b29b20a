import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { ensureN8n } from '../../tools/n8n/install';
import { TEMPLATES, template } from '../../tools/n8n/templates';

interface DataRequest {
	dataOfNodes: 'all' | string[];
	input: { include: boolean };
}
interface BuiltInsParser {
	parseUsedBuiltIns(
		code: string,
	): { ok: true; result: { toDataRequestParams(): DataRequest } } | { ok: false; error: Error };
}

/**
 * What n8n's task runner asks n8n for before it runs a Code step: the data of the steps the
 * code names, or of every step in the execution when it cannot tell which (a step kept in a
 * variable or a table, a name built as the code runs). At 10,000 people "every step" is the
 * whole HR list several times over, serialized by n8n and parsed by the runner: it was most
 * of both processes' peaks. Read with the parser of the n8n the end-to-end tests run.
 */
async function n8nParser(): Promise<BuiltInsParser> {
	const { n8n } = await ensureN8n();
	// n8n's bin/n8n, in the node_modules that holds its task runner too.
	const modules = path.resolve(n8n, '..', '..', '..');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { BuiltInsParser: Parser } = require(
		path.join(modules, '@n8n/task-runner/dist/js-task-runner/built-ins-parser/built-ins-parser.js'),
	) as { BuiltInsParser: new () => BuiltInsParser };
	return new Parser();
}

describe('the templates’ Code steps, as n8n’s task runner reads them', () => {
	test.each(Object.keys(TEMPLATES) as Array<keyof typeof TEMPLATES>)(
		'%s: each Code step asks for the data of the steps it names, never of every step, and for its input only where it reads it',
		async (name) => {
			const parser = await n8nParser();
			const codeSteps = (template(name).nodes as IDataObject[]).filter(
				(node) => node.type === 'n8n-nodes-base.code',
			);
			const asked = codeSteps.map((node) => {
				const code = (node.parameters as IDataObject).jsCode as string;
				const parsed = parser.parseUsedBuiltIns(code);
				if (!parsed.ok) throw parsed.error;
				const request = parsed.result.toDataRequestParams();
				// `item` and `items` are n8n's own names for the input: a variable so named asks for it too.
				const readsInput = /\$input|\$json/.test(code);
				return {
					name: node.name,
					nodes: request.dataOfNodes,
					input: request.input.include,
					readsInput,
				};
			});
			expect(asked.filter(({ nodes }) => nodes === 'all')).toEqual([]);
			expect(asked.filter(({ input, readsInput }) => input !== readsInput)).toEqual([]);
			// Each named step is one the template has.
			const steps = new Set((template(name).nodes as IDataObject[]).map((node) => node.name));
			expect(
				asked.flatMap(({ nodes }) => (nodes as string[]).filter((step) => !steps.has(step))),
			).toEqual([]);
		},
	);
});
