import type { IDataObject } from 'n8n-workflow';

import { PollingTrigger } from '../harness/runPoll';
import { startFaultProxy } from '../servers/faultProxy';
import { startScimServer } from '../servers/scimmyServer';
import { ALL_TRIGGER_EVENTS, scimCredentials, useScimServer } from './fixtures';

const summary = (events: IDataObject[] | null) =>
	(events ?? []).map((event) => `${String(event.event)} ${String(event.id)}`).sort();

describe('SCIM Trigger, polled through n8n-core’s PollContext against a SCIMMY server', () => {
	const server = useScimServer();
	const trigger = (events = ALL_TRIGGER_EVENTS, credentials = scimCredentials(server())) =>
		new PollingTrigger('scimTrigger', { events }, credentials);

	test('the first poll records a baseline and emits nothing; a poll without changes returns null', async () => {
		server().store.addUser({ userName: 'a@example.com' });
		server().store.addGroup('Team');
		const polling = trigger();
		expect((await polling.poll()).events).toBeNull();
		expect(polling.savedStaticData).toEqual({
			'node:Node Under Test': { snapshot: expect.objectContaining({ v: 1 }) },
		});
		expect((await polling.poll()).events).toBeNull();
	});

	test('every kind of change is reported once, with the right event, between polls', async () => {
		const store = server().store;
		const stays = store.addUser({ userName: 'stays@example.com', title: 'Engineer' });
		const leaves = store.addUser({ userName: 'leaves@example.com' });
		const returns = store.addUser({ userName: 'returns@example.com', active: false });
		const gone = store.addUser({ userName: 'gone@example.com' });
		const team = store.addGroup('Team', [stays.id, gone.id]);
		const old = store.addGroup('Old');
		const polling = trigger();
		await polling.poll();

		const joiner = store.addUser({ userName: 'joiner@example.com' });
		store.users.get(stays.id)!.title = 'Staff Engineer';
		store.users.get(leaves.id)!.active = false;
		store.users.get(leaves.id)!.displayName = 'Left';
		store.users.get(returns.id)!.active = true;
		store.removeUser(gone.id);
		const created = store.addGroup('New', [joiner.id]);
		store.groups.get(team.id)!.displayName = 'Team Renamed';
		store.groups.get(team.id)!.members.push({ value: leaves.id });
		store.groups.delete(old.id);

		const { events } = await polling.poll();
		expect(summary(events)).toEqual(
			[
				`user.created ${joiner.id}`,
				`user.updated ${stays.id}`,
				`user.deactivated ${leaves.id}`,
				`user.reactivated ${returns.id}`,
				`user.deleted ${gone.id}`,
				`group.created ${created.id}`,
				`group.updated ${team.id}`,
				`group.deleted ${old.id}`,
				`group.membersChanged ${team.id}`,
				`group.membersChanged ${created.id}`,
			].sort(),
		);
		const byEvent = (name: string, id: string) =>
			events!.find((event) => event.event === name && event.id === id)!;
		expect(byEvent('user.updated', stays.id)).toMatchObject({
			resourceType: 'User',
			resource: expect.objectContaining({ userName: 'stays@example.com', title: 'Staff Engineer' }),
			changes: [{ field: 'title', from: null, to: 'Staff Engineer' }],
			detectedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		});
		expect(byEvent('user.deactivated', leaves.id).changes).toEqual([
			{ field: 'active', from: true, to: false },
			{ field: 'displayName', from: null, to: 'Left' },
		]);
		expect(byEvent('user.deleted', gone.id)).toMatchObject({
			resource: null,
			previous: { id: gone.id, active: true },
		});
		expect(byEvent('group.updated', team.id).changes).toEqual([
			{ field: 'displayName', from: 'Team', to: 'Team Renamed' },
		]);
		expect(byEvent('group.membersChanged', team.id)).toMatchObject({
			added: [leaves.id],
			removed: [gone.id],
		});
		expect(byEvent('group.membersChanged', created.id)).toMatchObject({
			added: [joiner.id],
			removed: [],
		});
		expect((await polling.poll()).events).toBeNull();
	});

	test('only the chosen events are emitted, and only what they need is listed', async () => {
		const user = server().store.addUser({ userName: 'a@example.com' });
		const polling = trigger(['userDeactivated']);
		await polling.poll();
		server().store.users.get(user.id)!.title = 'Changed';
		server().store.addUser({ userName: 'b@example.com' });
		server().store.addGroup('Ignored');
		expect((await polling.poll()).events).toBeNull();
		server().store.users.get(user.id)!.active = false;
		expect(summary((await polling.poll()).events)).toEqual([`user.deactivated ${user.id}`]);
		expect(server().requests.some((request) => request.path === '/Groups')).toBe(false);
	});

	test('after a restart from saved static data nothing is re-reported, and later changes are', async () => {
		const user = server().store.addUser({ userName: 'a@example.com' });
		const first = trigger();
		await first.poll();
		const restarted = first.restart();
		expect((await restarted.poll()).events).toBeNull();
		server().store.users.get(user.id)!.active = false;
		expect(summary((await restarted.restart().poll()).events)).toEqual([
			`user.deactivated ${user.id}`,
		]);
	});

	test('a manual test run returns recent resources as samples and never touches the stored state', async () => {
		for (let index = 0; index < 5; index++)
			server().store.addUser({ userName: `u${index}@example.com` });
		const polling = trigger(['userCreated', 'groupCreated']);
		server().store.addGroup('Team');
		const sample = await polling.poll('manual');
		expect(sample.events?.filter((event) => event.event === 'user.created')).toHaveLength(3);
		expect(sample.events?.filter((event) => event.event === 'group.created')).toHaveLength(1);
		expect(polling.savedStaticData).toEqual({});
		await polling.poll();
		const saved = polling.savedStaticData;
		server().store.addUser({ userName: 'new@example.com' });
		await polling.poll('manual');
		expect(polling.savedStaticData).toEqual(saved);
	});

	test('a changed base URL starts a new baseline instead of reporting everything as created or deleted', async () => {
		server().store.addUser({ userName: 'a@example.com' });
		const polling = trigger();
		await polling.poll();
		const other = await startScimServer();
		try {
			other.store.addUser({ userName: 'someone-else@example.com' });
			const moved = polling.restart(scimCredentials(other));
			expect((await moved.poll()).events).toBeNull();
			other.store.addUser({ userName: 'later@example.com' });
			expect(summary((await moved.poll()).events)).toHaveLength(1);
		} finally {
			await other.close();
		}
	});

	test('choosing other events starts a new baseline too', async () => {
		server().store.addUser({ userName: 'a@example.com' });
		server().store.addGroup('Team');
		const polling = trigger(['userCreated']);
		await polling.poll();
		const widened = polling.restart(undefined, { events: ['userCreated', 'groupCreated'] });
		expect((await widened.poll()).events).toBeNull();
	});

	test('a poll that fails changes nothing stored, and the next poll reports what happened', async () => {
		const user = server().store.addUser({ userName: 'a@example.com' });
		const proxy = await startFaultProxy(server().baseUrl, { rate: 1, seed: 1, kinds: ['500'] });
		try {
			proxy.enabled = false;
			const polling = trigger(ALL_TRIGGER_EVENTS, scimCredentials(proxy));
			await polling.poll();
			const saved = polling.savedStaticData;
			server().store.users.get(user.id)!.active = false;
			proxy.enabled = true;
			await expect(polling.poll()).rejects.toThrow('SCIM GET /Users failed with 500');
			expect(polling.savedStaticData).toEqual(saved);
			proxy.enabled = false;
			expect(summary((await polling.poll()).events)).toEqual([`user.deactivated ${user.id}`]);
		} finally {
			await proxy.close();
		}
	});

	test('answers cut off on the way, even after retries, fail the poll: no deletion, nothing stored', async () => {
		for (let index = 0; index < 5; index++)
			server().store.addUser({ userName: `u${index}@example.com` });
		const proxy = await startFaultProxy(server().baseUrl, {
			rate: 1,
			seed: 1,
			kinds: ['truncate'],
		});
		try {
			proxy.enabled = false;
			const polling = trigger(ALL_TRIGGER_EVENTS, scimCredentials(proxy));
			await polling.poll();
			const saved = polling.savedStaticData;
			proxy.enabled = true;
			await expect(polling.poll()).rejects.toThrow(/got an answer that is not JSON in 6 attempts/);
			expect(polling.savedStaticData).toEqual(saved);
			proxy.enabled = false;
			expect((await polling.poll()).events).toBeNull();
		} finally {
			await proxy.close();
		}
	});

	test('a total that moves while paging makes the poll incomplete; nothing is lost', async () => {
		let grow = false;
		const paged = await startScimServer({
			maxResults: 2,
			onRequest: (request, store) => {
				if (grow && request.query.startIndex === '3')
					store.addUser({ userName: `late${store.users.size}@example.com` });
			},
		});
		try {
			for (let index = 0; index < 5; index++)
				paged.store.addUser({ userName: `u${index}@example.com` });
			const polling = trigger(['userCreated', 'userDeleted'], scimCredentials(paged));
			await polling.poll();
			const saved = polling.savedStaticData;
			grow = true;
			await expect(polling.poll()).rejects.toThrow('the total moved from 5 to 6 while paging');
			expect(polling.savedStaticData).toEqual(saved);
			grow = false;
			const { events } = await polling.poll();
			expect(events?.map((event) => event.event)).toEqual(['user.created']);
		} finally {
			await paged.close();
		}
	});
});
