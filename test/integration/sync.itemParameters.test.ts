import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { startScimServer } from '../servers/scimmyServer';
import type { RunningScimServer } from '../servers/scimmyServer';
import { json, scimCredentials } from './fixtures';

/**
 * Sync With List reads a plain `$json` path (`{{ $json.person.email }}`, what n8n's mapping
 * by drag and drop writes) from the item itself, and evaluates anything else with n8n. The
 * same path in parentheses is no plain path, so n8n evaluates it: on generated items (every
 * kind of value, keys with spaces and accents, keys objects inherit, paths through values
 * that are not objects) both runs must answer alike, item for item, error for error.
 */
const KEYS = ['email', 'first name', 'prénom', 'title', 'constructor', 'toString', '0'];

const VALUE = fc.oneof(
	fc.emailAddress(),
	fc.string({ maxLength: 12 }),
	fc.constantFrom('', '  ', 'Ana', 'Åsa Ölund'),
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.constantFrom('Sales', 'x'), { maxLength: 2 }),
	fc.dictionary(fc.constantFrom(...KEYS), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** An item: `person` an object of some of the keys (or not an object at all), beside other fields. */
const ITEM = fc.record(
	{
		person: fc.oneof(
			{ weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), VALUE, { maxKeys: 5 }) },
			{ weight: 1, arbitrary: VALUE },
		),
		email: VALUE,
	},
	{ requiredKeys: [] },
);

/** Each parameter as a path, in the notations n8n users write. */
const PATHS = {
	userName: ['$json.person.email', "$json['person']['email']", '$json.email'],
	givenName: ['$json.person["first name"]', "$json.person['prénom']", '$json . person . toString'],
	familyName: ['$json.person.constructor', '$json.person["0"]', '$json["person"].title'],
	title: ['$json.person.title', '$json.person.email.length', '$json.person'],
};

const parametersFor = (paths: Record<keyof typeof PATHS, string>, wrap: boolean) => {
	const expression = (path: string) => `={{ ${wrap ? `(${path})` : path} }}`;
	return {
		resource: 'user',
		operation: 'sync',
		userName: expression(paths.userName),
		fields: {
			givenName: expression(paths.givenName),
			familyName: expression(paths.familyName),
			title: expression(paths.title),
		},
		options: { dryRun: true, output: 'everyone', changeLimit: 0, maxShareDeactivated: 0 },
	};
};

describe('Sync With List · item parameters read as n8n reads them', () => {
	let server: RunningScimServer;
	beforeAll(async () => {
		server = await startScimServer();
	});
	afterAll(async () => await server.close());

	test('a plain $json path read from the item answers what n8n’s own evaluation of it answers', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(ITEM, { minLength: 1, maxLength: 6 }),
				fc.record({
					userName: fc.constantFrom(...PATHS.userName),
					givenName: fc.constantFrom(...PATHS.givenName),
					familyName: fc.constantFrom(...PATHS.familyName),
					title: fc.constantFrom(...PATHS.title),
				}),
				async (items, paths) => {
					const run = async (wrap: boolean) => {
						const result = await runNode({
							type: 'scim',
							parameters: parametersFor(paths, wrap),
							items: items as IDataObject[],
							continueOnFail: true,
							credentials: scimCredentials(server),
						});
						return { error: result.error?.message ?? null, items: json(result) };
					};
					expect(await run(false)).toEqual(await run(true));
				},
			),
			{ numRuns: 60 },
		);
	}, 120_000);
});
