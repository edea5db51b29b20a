import { randomUUID } from 'node:crypto';

import {
	decodeSnapshot,
	encodeSnapshot,
	groupRecord,
	userRecord,
} from '../../nodes/shared/trigger/state';
import type { Snapshot } from '../../nodes/shared/trigger/state';

/** Ids as services hand them out: UUIDs (packed) and anything else (percent-encoded behind "$"). */
const IDS = [
	randomUUID(),
	randomUUID().toUpperCase(),
	'00u1ab2cd3EF4gh5',
	'user|with spaces/and%signs',
	'ünïcödé-ид',
	'$starts-with-the-mark',
	'12345',
];

const GROUP_NAMES = ['Engineering', 'Sales | EMEA', 'On-call 24/7', 'Équipe ✓', '', '100% remote'];

function sample(): Required<Snapshot> {
	const groupIds = GROUP_NAMES.map((_, index) => (index % 2 ? randomUUID() : `g-${index}|x`));
	const groups = new Map(
		GROUP_NAMES.map((displayName, index) => [
			groupIds[index],
			groupRecord({ id: groupIds[index], displayName, externalId: `ext-${index}` }),
		]),
	);
	const users = new Map(
		IDS.map((id, index) => [
			id,
			userRecord(
				{
					id,
					userName: `u${index}@example.com`,
					active: index % 3 !== 0,
					name: { givenName: `G${index}`, familyName: 'F' },
					title: index % 2 ? 'Engineer' : undefined,
				},
				groupIds.filter((_, group) => (group + index) % 3 === 0).sort(),
			),
		]),
	);
	return { users, groups };
}

describe('the trigger’s compact state', () => {
	test('a snapshot survives encoding, JSON storage and decoding unchanged', () => {
		const snapshot = sample();
		const stored = JSON.parse(JSON.stringify(encodeSnapshot(snapshot, 'key-1')));
		expect(stored.key).toBe('key-1');
		expect(decodeSnapshot(stored)).toEqual(snapshot);
	});

	test('users without recorded membership, no users and no groups survive too', () => {
		const { users } = sample();
		const withoutMembership = new Map(
			[...users].map(([id, user]) => [id, { ...user, groups: undefined }]),
		);
		for (const snapshot of [
			{ users: withoutMembership },
			{ users: new Map(), groups: new Map() },
			{ groups: sample().groups },
			{},
		] as Snapshot[]) {
			expect(decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(snapshot, 'k'))))).toEqual(
				snapshot,
			);
		}
	});

	test('the stored form is JSON primitives only: one string per resource type', () => {
		const stored = encodeSnapshot(sample(), 'k');
		expect(
			Object.values(stored).every((value) => ['string', 'number'].includes(typeof value)),
		).toBe(true);
	});
});
