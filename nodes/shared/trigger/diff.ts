import type { IDataObject } from 'n8n-workflow';

import type { ScimGroup, ScimUser } from '../scim/types';
import { groupRecord, userRecord } from './state';
import type { GroupRecord, Snapshot, UserRecord } from './state';
import { WATCHED_GROUP_FIELDS, WATCHED_USER_FIELDS } from './watched';

export type EventName =
	| 'user.created'
	| 'user.updated'
	| 'user.deactivated'
	| 'user.reactivated'
	| 'user.deleted'
	| 'group.created'
	| 'group.updated'
	| 'group.deleted'
	| 'group.membersChanged';

interface FieldChange extends IDataObject {
	field: string;
	/** The earlier value where the snapshot keeps it (active, a group's name and members); otherwise null. */
	from: IDataObject[string];
	to: IDataObject[string];
}

export interface ChangeEvent extends IDataObject {
	event: EventName;
	resourceType: 'User' | 'Group';
	id: string;
	resource: IDataObject | null;
}

/** The current state of the service, as listed in full. */
interface Observation {
	users?: ScimUser[];
	groups?: ScimGroup[];
	/** Each user's group ids, where membership is watched. */
	membership?: Map<string, string[]>;
}

export function snapshotOf(observation: Observation): Snapshot {
	const snapshot: Snapshot = {};
	if (observation.groups)
		snapshot.groups = new Map(observation.groups.map((group) => [group.id, groupRecord(group)]));
	if (observation.users) {
		const { membership } = observation;
		snapshot.users = new Map(
			observation.users.map((user) => [
				user.id,
				userRecord(
					user,
					membership ? [...new Set(membership.get(user.id) ?? [])].sort() : undefined,
				),
			]),
		);
	}
	return snapshot;
}

function userChanges(before: UserRecord, after: UserRecord, user: ScimUser): FieldChange[] {
	const changes: FieldChange[] = [];
	if (before.active !== after.active)
		changes.push({ field: 'active', from: before.active, to: after.active });
	if (before.hash === after.hash) return changes;
	const named = WATCHED_USER_FIELDS.filter(
		(_, index) => before.fields[index] !== after.fields[index],
	);
	// Digits can collide where the whole hash does not: then the change is real but unnamed.
	const fields = named.length > 0 ? named : WATCHED_USER_FIELDS;
	for (const { field, read } of fields)
		changes.push({ field, from: null, to: (read(user) as IDataObject[string]) ?? null });
	return changes;
}

function groupChanges(before: GroupRecord, after: GroupRecord, group: ScimGroup): FieldChange[] {
	const changes: FieldChange[] = [];
	if (before.displayName !== after.displayName)
		changes.push({ field: 'displayName', from: before.displayName, to: after.displayName });
	if (before.hash !== after.hash) {
		for (const { field, read } of WATCHED_GROUP_FIELDS.filter(
			({ field }) => field !== 'displayName',
		)) {
			changes.push({ field, from: null, to: (read(group) as IDataObject[string]) ?? null });
		}
	}
	return changes;
}

function membersChanged(
	previous: Snapshot,
	current: Snapshot,
	groups: Map<string, ScimGroup>,
): ChangeEvent[] {
	if (!previous.users || !current.users || !current.groups) return [];
	const added = new Map<string, string[]>();
	const removed = new Map<string, string[]>();
	const note = (into: Map<string, string[]>, group: string, user: string) =>
		into.set(group, [...(into.get(group) ?? []), user]);
	const userIds = new Set([...previous.users.keys(), ...current.users.keys()]);
	for (const userId of userIds) {
		const before = new Set(previous.users.get(userId)?.groups ?? []);
		const after = new Set(current.users.get(userId)?.groups ?? []);
		for (const group of after) if (!before.has(group)) note(added, group, userId);
		for (const group of before) if (!after.has(group)) note(removed, group, userId);
	}
	const events: ChangeEvent[] = [];
	for (const [groupId, group] of groups) {
		const plus = added.get(groupId) ?? [];
		const minus = removed.get(groupId) ?? [];
		if (plus.length === 0 && minus.length === 0) continue;
		const members = (records: Map<string, UserRecord>) =>
			[...records].filter(([, user]) => user.groups?.includes(groupId)).map(([id]) => id);
		events.push({
			event: 'group.membersChanged',
			resourceType: 'Group',
			id: groupId,
			resource: group,
			added: plus,
			removed: minus,
			changes: [{ field: 'members', from: members(previous.users), to: members(current.users) }],
		});
	}
	return events;
}

/** Every change between two complete snapshots, as trigger events (without detectedAt). */
export function diffSnapshots(
	previous: Snapshot,
	current: Snapshot,
	observation: Observation,
): ChangeEvent[] {
	const events: ChangeEvent[] = [];
	const users = new Map((observation.users ?? []).map((user) => [user.id, user]));
	const groups = new Map((observation.groups ?? []).map((group) => [group.id, group]));

	if (previous.users && current.users) {
		for (const [id, after] of current.users) {
			const user = users.get(id)!;
			const before = previous.users.get(id);
			if (!before) {
				events.push({ event: 'user.created', resourceType: 'User', id, resource: user });
				continue;
			}
			const changes = userChanges(before, after, user);
			if (changes.length === 0) continue;
			const event =
				before.active === after.active
					? 'user.updated'
					: after.active
						? 'user.reactivated'
						: 'user.deactivated';
			events.push({
				event,
				resourceType: 'User',
				id,
				resource: user,
				previous: { id, active: before.active },
				changes,
			});
		}
		for (const [id, before] of previous.users) {
			if (!current.users.has(id))
				events.push({
					event: 'user.deleted',
					resourceType: 'User',
					id,
					resource: null,
					previous: { id, active: before.active },
				});
		}
	}
	if (previous.groups && current.groups) {
		for (const [id, after] of current.groups) {
			const group = groups.get(id)!;
			const before = previous.groups.get(id);
			if (!before) {
				events.push({ event: 'group.created', resourceType: 'Group', id, resource: group });
				continue;
			}
			const changes = groupChanges(before, after, group);
			if (changes.length > 0)
				events.push({
					event: 'group.updated',
					resourceType: 'Group',
					id,
					resource: group,
					previous: { id, displayName: before.displayName },
					changes,
				});
		}
		for (const [id, before] of previous.groups) {
			if (!current.groups.has(id))
				events.push({
					event: 'group.deleted',
					resourceType: 'Group',
					id,
					resource: null,
					previous: { id, displayName: before.displayName },
				});
		}
	}
	events.push(...membersChanged(previous, current, groups));
	return events;
}
