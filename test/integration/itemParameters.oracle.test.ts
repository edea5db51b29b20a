import fc from 'fast-check';
import { ExecuteContext } from 'n8n-core';
import { createRunExecutionData } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ItemParameters } from '../../nodes/shared/actions/itemParameters';
import { makeAdditionalData, makeNode, makeWorkflow } from '../harness/runNode';

/**
 * What Sync With List reads for each item's parameters, against what n8n's own
 * `getNodeParameter` gives for the same item and parameter, in n8n-core's execution context.
 * A plain `$json` path is read from the item and everything else is evaluated; either way
 * the value (or the failure) must be n8n's.
 */
const FALLBACKS = {
	userName: '',
	employeeId: '',
	leaver: false,
	startDate: '',
	groups: '',
	fields: {},
};

function contextFor(parameters: INodeParameters, items: INodeExecutionData[]) {
	const node = makeNode('scim', { resource: 'user', operation: 'sync', ...parameters });
	return new ExecuteContext(
		makeWorkflow(node),
		node,
		makeAdditionalData({}),
		'manual',
		createRunExecutionData({}),
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: null },
		[],
	);
}

type Read = { value: unknown } | { failed: true };
const attempt = (read: () => unknown): Read => {
	try {
		return { value: read() };
	} catch {
		return { failed: true };
	}
};

/** Per item: Sync's reading of every parameter, beside n8n's reading of each. */
function readBoth(parameters: INodeParameters, items: INodeExecutionData[]) {
	const ctx = contextFor(parameters, items);
	const sync = new ItemParameters(ctx, FALLBACKS);
	return items.map((_, index) => {
		const ours = attempt(() => sync.read(index));
		const n8n = Object.fromEntries(
			Object.entries(FALLBACKS).map(([name, fallback]) => [
				name,
				attempt(() => ctx.getNodeParameter(name, index, fallback)),
			]),
		);
		// Sync fails an item where n8n fails one of its parameters; else each value is n8n's.
		if ('failed' in ours) return Object.values(n8n).some((read) => 'failed' in read);
		return Object.entries(n8n).every(
			([name, read]) =>
				'value' in read &&
				JSON.stringify((ours.value as IDataObject)[name]) === JSON.stringify(read.value) &&
				typeof (ours.value as IDataObject)[name] === typeof read.value,
		);
	});
}

const KEYS = ['email', 'first name', 'prénom', 'a\u2028b', 'globalThis', 'constructor', '_id', '0'];
const VALUE = fc.oneof(
	fc.string({ maxLength: 8 }),
	fc.constantFrom('', 'ana@example.com', 'true', '={{ 1 }}'),
	fc.integer(),
	fc.double({ noNaN: true }),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
	fc.dictionary(fc.constantFrom(...KEYS), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);
const JSON_ITEM = fc.dictionary(
	fc.constantFrom(...KEYS, 'person'),
	fc.oneof(VALUE, fc.dictionary(fc.constantFrom(...KEYS), VALUE, { maxKeys: 4 })),
	{ maxKeys: 5 },
);

/** Paths in the notations people write, and a few that are no plain path. */
const step = fc.oneof(
	fc.constantFrom('.email', '.person', '.globalThis', '.constructor', '._id', ' . email'),
	fc.constantFrom(...KEYS).map((key) => `[${JSON.stringify(key)}]`),
	fc.constantFrom(...KEYS).map((key) => `['${key}']`),
);
const PATH = fc
	.array(step, { minLength: 1, maxLength: 3 })
	.map((steps) => `$json${steps.join('')}`);
const EXPRESSION = fc.oneof(
	{ weight: 4, arbitrary: PATH.map((path) => `={{ ${path} }}`) },
	{ weight: 1, arbitrary: PATH.map((path) => `={{ (${path}) }}`) },
	{ weight: 1, arbitrary: PATH.map((path) => `= {{ ${path} }}`) },
	{ weight: 1, arbitrary: PATH.map((path) => `={{ ${path} }}\n`) },
);

describe('Sync With List · item parameters against n8n’s getNodeParameter', () => {
	test('on generated items and expressions, each value Sync reads is the one n8n gives, and an item fails where n8n fails', () => {
		fc.assert(
			fc.property(
				fc.array(JSON_ITEM, { minLength: 1, maxLength: 4 }),
				EXPRESSION,
				EXPRESSION,
				EXPRESSION,
				(jsons, userName, leaver, givenName) => {
					const items = jsons.map((json) => ({ json: json as IDataObject }));
					const agree = readBoth({ userName, leaver, fields: { givenName } }, items);
					expect(agree).toEqual(items.map(() => true));
				},
			),
			{ numRuns: 400 },
		);
	});

	// Found by a review reading each parameter both ways; each is n8n's to read.
	test.each<[string, INodeParameters, IDataObject]>([
		[
			'an optional call beside a parameter using n8n’s extensions',
			{
				startDate: '={{ $json.start.toDateTime() }}',
				groups: '={{ $json.teams?.join?.(",") }}',
			},
			{ start: '2026-01-05', teams: ['Sales', 'EMEA'] },
		],
		['a function for a value', { userName: '={{ $json.email.toUpperCase }}' }, { email: 'a@b' }],
		['a function for a field', { fields: { givenName: '={{ $json.n.trim }}' } }, { n: 'Ana' }],
		['code ending in a brace before }}', { employeeId: '={{ $json.id || {}}}' }, { id: 'e1' }],
		['$ as a key on the way', { userName: '={{ $json.$.x }}' }, { $: { x: 'a@b' } }],
		[
			'a path deeper than n8n’s parser goes',
			{ userName: `={{ $json${'.a'.repeat(2000)} }}` },
			JSON.parse(`${'{"a":'.repeat(2000)}"deep"${'}'.repeat(2000)}`) as IDataObject,
		],
	])('%s', (_, parameters, json) => {
		// Items as n8n holds them: parsed JSON.
		const item = JSON.parse(JSON.stringify(json)) as IDataObject;
		expect(readBoth(parameters, [{ json: item }])).toEqual([true]);
	});

	test('a property that throws as it is read is n8n’s to read', () => {
		const json = Object.defineProperty({}, 'email', {
			enumerable: true,
			get: () => {
				throw new Error('unreadable');
			},
		}) as IDataObject;
		expect(readBoth({ userName: '={{ $json.email }}' }, [{ json }])).toEqual([true]);
	});
});
