import type { IDataObject } from 'n8n-workflow';

import { PollingTrigger } from '../harness/runPoll';
import { startLeadIqSimulator } from '../servers/leadIqSimulator';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { startSpekitSimulator } from '../servers/spekitSimulator';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import type { RunningSimulator } from '../servers/vendorSimulator';
import { CREDENTIAL_OF } from './fixtures';
import { useSimulator } from './vendors.fixtures';

const EVENTS = [
	'userCreated',
	'userUpdated',
	'userDeactivated',
	'userDeleted',
	'groupCreated',
	'groupUpdated',
	'groupMembersChanged',
];
const summary = (events: IDataObject[] | null) =>
	(events ?? []).map((event) => `${String(event.event)} ${String(event.id)}`).sort();

const VENDORS: Array<
	[
		string,
		'leadIqTrigger' | 'leapsomeTrigger' | 'spekitTrigger',
		keyof typeof CREDENTIAL_OF,
		() => Promise<RunningSimulator>,
	]
> = [
	['LeadIQ', 'leadIqTrigger', 'leadIq', startLeadIqSimulator],
	['Leapsome', 'leapsomeTrigger', 'leapsome', startLeapsomeSimulator],
	['Spekit', 'spekitTrigger', 'spekit', startSpekitSimulator],
];

describe.each(VENDORS)('%s Trigger against its simulator', (_vendor, type, vendorNode, start) => {
	const simulator = useSimulator(start);
	const trigger = () =>
		new PollingTrigger(
			type,
			{ events: EVENTS },
			{ [CREDENTIAL_OF[vendorNode]]: { baseUrl: simulator().baseUrl, token: SIMULATOR_TOKEN } },
		);

	test('reports joiners, leavers, changes and membership between polls, and nothing on the baseline', async () => {
		const store = simulator().store;
		const stays = simulator().addUser({
			userName: 'stays@example.com',
			givenName: 'Sam',
			familyName: 'Stone',
		});
		const leaves = simulator().addUser({ userName: 'leaves@example.com' });
		const team = store.addGroup('Team');
		const polling = trigger();
		expect((await polling.poll()).events).toBeNull();

		const joiner = simulator().addUser({ userName: 'joiner@example.com' });
		store.users.get(stays.id)!.name = { givenName: 'Samuel', familyName: 'Stone' };
		store.users.get(leaves.id)!.active = false;
		store.groups.get(team.id)!.displayName = 'Team Renamed';
		store.groups.get(team.id)!.members.push({ value: joiner.id });
		const { events } = await polling.poll();
		expect(summary(events)).toEqual(
			expect.arrayContaining([
				`user.created ${joiner.id}`,
				`user.updated ${stays.id}`,
				`user.deactivated ${leaves.id}`,
				`group.updated ${team.id}`,
				`group.membersChanged ${team.id}`,
			]),
		);
		expect(events!.find((event) => event.event === 'user.updated')!.changes).toEqual([
			{ field: 'givenName', from: null, to: 'Samuel' },
		]);
		expect(
			events!.find((event) => event.event === 'group.membersChanged' && event.id === team.id),
		).toMatchObject({ added: [joiner.id] });
		expect((await polling.poll()).events).toBeNull();
	});
});
