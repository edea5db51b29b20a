import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/packageRoot';
import { runNode } from '../harness/runNode';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import { startPopulatedServer } from './benchServer';
import { interleavedMedians, median, ms, table } from './measure';

type AuditModule = typeof import('../../nodes/shared/actions/user/audit');
type ScimUser = import('../../nodes/shared/scim/types').ScimUser;

const { auditAccounts } = require(
	path.join(PACKAGE_ROOT, 'dist', 'nodes/shared/actions/user/audit.js'),
) as AuditModule;

const PEOPLE = 10_000;

/**
 * The license audit with 10,000 accounts and 10,000 expected names (half of them with an
 * account): the whole node run against the listing alone, and the matching on its own.
 */
export async function auditBench(): Promise<void> {
	const server = await startPopulatedServer(PEOPLE);
	try {
		const credentials = {
			scimApi: { baseUrl: server.baseUrl, authentication: 'bearer', token: SIMULATOR_TOKEN },
		};
		const expected = Array.from({ length: PEOPLE }, (_, index) => ({
			email: `person.${index + PEOPLE / 2}@example.com`,
		}));
		const audit = async (expectedUserName: string, answers: number) => {
			const run = await runNode({
				type: 'scim',
				parameters: { resource: 'user', operation: 'audit', expectedUserName },
				items: expected,
				credentials,
			});
			if (run.items.length !== answers) throw new Error(`audit gave ${run.items.length}`);
		};
		const times = await interleavedMedians(3, {
			listing: async () =>
				await runNode({
					type: 'scim',
					parameters: { resource: 'user', operation: 'getAll', returnAll: true, simplify: false },
					credentials,
				}),
			audit: async () => await audit('={{ $json.email }}', PEOPLE * 1.5),
			// One name for every item: the same node work without n8n evaluating an expression per item.
			fixedName: async () => await audit('person.0@example.com', PEOPLE),
		});
		const users = [...server.store.users.values()] as unknown as ScimUser[];
		const names = expected.map(({ email }, itemIndex) => ({ userName: email, itemIndex }));
		const matching = await median(5, () => auditAccounts(users, names));
		table(`License audit: ${PEOPLE} accounts, ${PEOPLE} expected names (15,000 output items)`, [
			['listing the users alone (Get Many, Return All)', ms(times.listing)],
			['the audit node, listing included', ms(times.audit)],
			['the audit beyond the listing', ms(times.audit - times.listing)],
			[
				'the same with one fixed expected name (no expression per item; 10,000 items out)',
				ms(times.fixedName - times.listing),
			],
			['of which the matching itself', ms(matching)],
		]);
	} finally {
		await server.close();
	}
}
