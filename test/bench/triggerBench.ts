import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/packageRoot';
import { PollingTrigger } from '../harness/runPoll';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import type { RunningSimulator } from '../servers/vendorSimulator';
import { startPopulatedServer } from './benchServer';
import { median, ms, once, ratio, table } from './measure';

type DiffModule = typeof import('../../nodes/shared/trigger/diff');
type StateModule = typeof import('../../nodes/shared/trigger/state');
type Types = import('../../nodes/shared/scim/types').ScimUser;

const built = <T>(file: string) => require(path.join(PACKAGE_ROOT, 'dist', file)) as T;
const { diffSnapshots, snapshotOf } = built<DiffModule>('nodes/shared/trigger/diff.js');
const { decodeSnapshot, encodeSnapshot } = built<StateModule>('nodes/shared/trigger/state.js');

const USERS = Number(process.env.BENCH_USERS ?? 50_000);
const USER_EVENTS = [
	'userCreated',
	'userUpdated',
	'userDeactivated',
	'userReactivated',
	'userDeleted',
];

async function rawPages(server: RunningSimulator): Promise<string[]> {
	const pages: string[] = [];
	for (let startIndex = 1; startIndex <= USERS; startIndex += 1000) {
		const response = await fetch(`${server.baseUrl}/Users?startIndex=${startIndex}&count=1000`, {
			headers: { Authorization: `Bearer ${SIMULATOR_TOKEN}` },
		});
		pages.push(await response.text());
	}
	return pages;
}

function bytesPerUser(trigger: PollingTrigger): number {
	return Buffer.byteLength(JSON.stringify(trigger.savedStaticData), 'utf8') / USERS;
}

/** Issue 4: a poll of 50,000 users, unchanged and with 1% changed. */
export async function triggerBench(): Promise<void> {
	const server = await startPopulatedServer(USERS);
	try {
		const credentials = {
			scimApi: { baseUrl: server.baseUrl, authentication: 'bearer', token: SIMULATOR_TOKEN },
		};
		const trigger = new PollingTrigger('scimTrigger', { events: USER_EVENTS }, credentials);
		const baseline = await once(async () => await trigger.poll());
		let unchanged: unknown = undefined;
		const unchangedTime = await once(async () => (unchanged = (await trigger.poll()).events));

		const users = [...server.store.users.values()];
		for (let index = 0; index < USERS / 100; index++) {
			const user = users[index * 100 + 3];
			if (index % 5 === 0) user.active = !user.active;
			else user.title = `Changed ${index}`;
		}
		let changed: unknown[] | null = null;
		const changedTime = await once(async () => (changed = (await trigger.poll()).events));

		// The diff alone, against parsing the same pages alone.
		const pages = await rawPages(server);
		const parseTime = await median(5, () => pages.map((page) => JSON.parse(page) as unknown));
		const listed = pages.flatMap((page) => (JSON.parse(page) as { Resources: Types[] }).Resources);
		const stored = encodeSnapshot(snapshotOf({ users: listed }), 'bench');
		listed[7] = { ...listed[7], title: 'One more change' };
		const diffTime = await median(5, () => {
			const current = snapshotOf({ users: listed });
			diffSnapshots(decodeSnapshot(stored), current, { users: listed });
			encodeSnapshot(current, 'bench');
		});

		// The same users, each in one of 20 groups, with membership watched.
		for (let group = 0; group < 20; group++)
			server.store.addGroup(
				`Group ${group}`,
				users.filter((_, index) => index % 20 === group).map((user) => user.id),
			);
		const withGroups = new PollingTrigger(
			'scimTrigger',
			{ events: [...USER_EVENTS, 'groupMembersChanged'] },
			credentials,
		);
		await withGroups.poll();

		table(`Trigger: ${USERS.toLocaleString('en')} users (npm run bench)`, [
			['static data per user', `${bytesPerUser(trigger).toFixed(1)} bytes (target ≤ 40)`],
			['  … with membership in 1 of 20 groups', `${bytesPerUser(withGroups).toFixed(1)} bytes`],
			['baseline poll (HTTP, parse, snapshot)', ms(baseline)],
			[
				'poll, nothing changed',
				`${ms(unchangedTime)} → ${unchanged === null ? 'null' : 'events!'}`,
			],
			[
				'poll, 1% changed',
				`${ms(changedTime)} → ${(changed as unknown[] | null)?.length ?? 0} events`,
			],
			['diff alone (fingerprint, compare, encode)', ms(diffTime)],
			['parsing the pages alone (JSON.parse)', ms(parseTime)],
			['diff ÷ parse', ratio(diffTime / parseTime)],
		]);
	} finally {
		await server.close();
	}
}
