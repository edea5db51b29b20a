import { runNode } from '../harness/runNode';
import { byUserName } from './fixtures';

/**
 * A credential n8n cannot load (deleted, not shared, not decryptable) fails the node before a
 * request is made. With Continue On Fail each input item must say so: n8n would otherwise pass
 * the input on unchanged, and a template reading the step would take a run that never happened
 * for one that changed nothing (a leaver left active without a word).
 */
describe('a credential n8n cannot load', () => {
	const people = [{ email: 'jane.doe@example.com' }, { email: 'john.roe@example.com' }];

	test('an operation per item answers every item with the error, paired to it', async () => {
		const run = await runNode({
			type: 'scim',
			parameters: {
				resource: 'user',
				operation: 'deactivate',
				userId: byUserName('={{ $json.email }}'),
			},
			items: people,
			credentials: {},
			continueOnFail: true,
		});
		expect(run.items.map((item) => [item.pairedItem, item.json.email, item.json.error])).toEqual([
			[{ item: 0 }, undefined, expect.stringContaining('No test credentials of type scimApi')],
			[{ item: 1 }, undefined, expect.stringContaining('No test credentials of type scimApi')],
		]);
	});

	test('Sync With List answers with one error item paired to every input item', async () => {
		const run = await runNode({
			type: 'scim',
			parameters: { resource: 'user', operation: 'sync', userName: '={{ $json.email }}' },
			items: people,
			credentials: {},
			continueOnFail: true,
		});
		expect(run.items.map((item) => [item.pairedItem, item.json.email, item.json.error])).toEqual([
			[
				[{ item: 0 }, { item: 1 }],
				undefined,
				expect.stringContaining('No test credentials of type scimApi'),
			],
		]);
	});
});
