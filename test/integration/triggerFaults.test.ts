import type { IDataObject } from 'n8n-workflow';

import { PollingTrigger } from '../harness/runPoll';
import { seededRandom, startFaultProxy } from '../servers/faultProxy';
import { startScimServer } from '../servers/scimmyServer';
import type { RunningScimServer } from '../servers/scimmyServer';
import type { ScimStore } from '../servers/scimStore';
import { ALL_TRIGGER_EVENTS, scimCredentials } from './fixtures';

/** What the events tell about the service: rebuilt from the events alone. */
interface Picture {
	users: Map<string, { active: boolean; title: string }>;
	groups: Map<string, { displayName: string; members: Set<string> }>;
}

function truth(store: ScimStore): Picture {
	return {
		users: new Map(
			[...store.users.values()].map((user) => [
				user.id,
				{ active: user.active !== false, title: String(user.title ?? '') },
			]),
		),
		groups: new Map(
			[...store.groups.values()].map((group) => [
				group.id,
				{
					displayName: group.displayName,
					members: new Set(group.members.map((member) => member.value)),
				},
			]),
		),
	};
}

/** Applies one poll's events, failing on any event the picture says is false. */
function apply(picture: Picture, events: IDataObject[], now: Picture): void {
	for (const event of events) {
		const id = String(event.id);
		const resource = event.resource as IDataObject | null;
		switch (event.event) {
			case 'user.created':
				expect(picture.users.has(id)).toBe(false);
				expect(now.users.has(id)).toBe(true);
				picture.users.set(id, {
					active: resource!.active !== false,
					title: String(resource!.title ?? ''),
				});
				break;
			case 'user.deleted':
				expect(picture.users.has(id)).toBe(true);
				expect(now.users.has(id)).toBe(false);
				picture.users.delete(id);
				break;
			case 'user.updated':
			case 'user.deactivated':
			case 'user.reactivated':
				expect(picture.users.has(id)).toBe(true);
				picture.users.set(id, {
					active: resource!.active !== false,
					title: String(resource!.title ?? ''),
				});
				break;
			case 'group.created':
				expect(picture.groups.has(id)).toBe(false);
				picture.groups.set(id, { displayName: String(resource!.displayName), members: new Set() });
				break;
			case 'group.deleted':
				expect(picture.groups.has(id)).toBe(true);
				expect(now.groups.has(id)).toBe(false);
				picture.groups.delete(id);
				break;
			case 'group.updated':
				picture.groups.get(id)!.displayName = String(resource!.displayName);
				break;
			case 'group.membersChanged': {
				const members = picture.groups.get(id)!.members;
				for (const user of event.added as string[]) members.add(user);
				for (const user of event.removed as string[]) members.delete(user);
				break;
			}
		}
	}
}

function randomChange(store: ScimStore, random: () => number, step: number): void {
	const users = [...store.users.values()];
	const groups = [...store.groups.values()];
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	const action = Math.floor(random() * 9);
	if (action === 0 || users.length < 5)
		store.addUser({ userName: `user${step}@example.com`, title: 'New' });
	else if (action === 1) store.removeUser(pick(users).id);
	else if (action === 2) pick(users).title = `Title ${step}`;
	else if (action === 3) {
		const user = pick(users);
		user.active = user.active === false;
	} else if (action === 4 || groups.length < 2) store.addGroup(`Group ${step}`);
	else if (action === 5) pick(groups).displayName = `Renamed ${step}`;
	else if (action === 6) store.groups.delete(pick(groups).id);
	else {
		const group = pick(groups);
		const user = pick(users);
		const at = group.members.findIndex((member) => member.value === user.id);
		if (at >= 0) group.members.splice(at, 1);
		else group.members.push({ value: user.id });
	}
}

describe('SCIM Trigger under faults', () => {
	let server: RunningScimServer;
	beforeEach(async () => {
		server = await startScimServer({ maxResults: 7 });
	});
	afterEach(async () => await server.close());

	test('across 60 polls with random changes and 20% failing requests, every change is reported once and nothing false', async () => {
		const random = seededRandom(20261123);
		for (let index = 0; index < 20; index++)
			server.store.addUser({ userName: `seed${index}@example.com`, title: 'Seed' });
		for (let index = 0; index < 3; index++) server.store.addGroup(`Seed group ${index}`);
		const proxy = await startFaultProxy(server.baseUrl, {
			rate: 0.2,
			seed: 7,
			kinds: ['500', '429', '429-bare', 'drop', 'truncate'],
		});
		try {
			const polling = new PollingTrigger(
				'scimTrigger',
				{ events: ALL_TRIGGER_EVENTS },
				scimCredentials(proxy),
			);
			proxy.enabled = false;
			await polling.poll();
			proxy.enabled = true;
			const picture = truth(server.store);
			let failed = 0;
			let reported = 0;
			for (let step = 0; step < 60; step++) {
				for (let change = 0; change < 1 + Math.floor(random() * 3); change++)
					randomChange(server.store, random, step * 10 + change);
				try {
					const { events } = await polling.poll();
					apply(picture, events ?? [], truth(server.store));
					reported += events?.length ?? 0;
				} catch {
					failed++;
				}
			}
			proxy.enabled = false;
			const { events } = await polling.poll();
			apply(picture, events ?? [], truth(server.store));
			expect(picture).toEqual(truth(server.store));
			// Most faults are absorbed by retries; the rest fail whole polls, which must lose nothing.
			expect(Object.values(proxy.injected).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(
				30,
			);
			expect(failed).toBeLessThan(60);
			expect(reported).toBeGreaterThan(50);
			expect(Object.keys(proxy.injected).sort()).toEqual([
				'429',
				'429-bare',
				'500',
				'drop',
				'truncate',
			]);
		} finally {
			await proxy.close();
		}
	}, 120_000);
});
