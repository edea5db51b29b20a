import { randomUUID } from 'node:crypto';

import { startSimulator } from '../servers/vendorSimulator';
import type { RunningSimulator, VendorRules } from '../servers/vendorSimulator';

/** A plain, fast SCIM 2.0 service for benchmarks: pages of 1,000, no rate limit. */
export const BENCH_RULES: VendorRules = {
	name: 'Bench',
	mount: '/scim/v2',
	mediaType: 'application/scim+json',
	invalidTokenStatus: 401,
	maxPageSize: { User: 1000, Group: 1000 },
	userPatch: 'patchOp',
	groupPatch: 'patchOp',
	groupsListMembers: true,
	deletableUsers: true,
	deletableGroups: true,
	existingUserOnCreate: 'conflict',
	duplicateGroupName: { status: 409, detail: 'Duplicate' },
	idFallsBackToExternalId: false,
	serviceProviderConfig: true,
};

const TITLES = [
	'Engineer',
	'Account Executive',
	'Designer',
	'Recruiter',
	'Support Specialist',
	'Analyst',
];
const DEPARTMENTS = ['Engineering', 'Sales', 'Design', 'People', 'Support', 'Finance'];

/** A service holding `count` realistic users (UUID ids, names, emails, titles, departments, managers). */
export async function startPopulatedServer(
	count: number,
	rules: VendorRules = BENCH_RULES,
): Promise<RunningSimulator> {
	const server = await startSimulator(rules);
	let manager = '';
	for (let index = 0; index < count; index++) {
		const id = randomUUID();
		server.store.users.set(id, {
			id,
			userName: `person.${index}@example.com`,
			active: index % 17 !== 0,
			name: { givenName: `Given${index}`, familyName: `Family${index}` },
			displayName: `Given${index} Family${index}`,
			emails: [{ value: `person.${index}@example.com`, primary: true, type: 'work' }],
			externalId: `E-${100000 + index}`,
			title: TITLES[index % TITLES.length],
			'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
				department: DEPARTMENTS[index % DEPARTMENTS.length],
				manager,
			},
			meta: { created: '2026-01-01T00:00:00.000Z', lastModified: '2026-01-01T00:00:00.000Z' },
		});
		if (index % 10 === 0) manager = id;
	}
	return server;
}
