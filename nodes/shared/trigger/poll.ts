import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { listComplete, listPage } from '../scim/list';
import { membershipIndex, membershipUnknown, membershipView } from '../scim/membership';
import { resourcesOf } from '../scim/paginate';
import type { ResourceType, ScimGroup, ScimResource, ScimUser } from '../scim/types';
import { openConnection } from '../transport/connection';
import type { ScimConnection } from '../transport/connection';
import type { VendorProfile } from '../vendors/profile';
import { diffSnapshots, snapshotOf } from './diff';
import type { ChangeEvent, EventName } from './diff';
import { watchFor } from './events';
import type { Watch } from './events';
import { shortHash } from './hash';
import { decodeSnapshot, encodeSnapshot, isStoredSnapshot } from './state';

const SAMPLE_SIZE = 3;

/** Why the trigger lists, and what an incomplete listing leaves behind. */
const LISTING = {
	purpose: 'the trigger',
	whenIncomplete:
		'Nothing was recorded from this poll, so nothing is lost: the next poll compares against the same point.',
};

function lastModified(resource: ScimResource): string {
	const meta = resource.meta ?? {};
	return String(meta.lastModified ?? meta.created ?? '');
}

/** A few recent resources of a type, read without paging through everything. */
async function recent<T extends ScimResource>(
	connection: ScimConnection,
	type: ResourceType,
): Promise<T[]> {
	const page = await listPage<T>(connection, type, { startIndex: 1, count: 100 });
	return [...resourcesOf(page)]
		.sort((a, b) => lastModified(b).localeCompare(lastModified(a)))
		.slice(0, SAMPLE_SIZE);
}

/** A manual test run: recent resources shaped as the events chosen, without reading or writing the stored state. */
async function sampleEvents(connection: ScimConnection, watch: Watch): Promise<ChangeEvent[]> {
	const pick = (prefix: string) =>
		[...watch.events].find((event) => event.startsWith(prefix)) as EventName | undefined;
	const samples: ChangeEvent[] = [];
	const userEvent = pick('user.');
	if (userEvent) {
		for (const user of await recent<ScimUser>(connection, 'User')) {
			samples.push({
				event: userEvent,
				resourceType: 'User',
				id: user.id,
				resource: userEvent === 'user.deleted' ? null : user,
				previous: { id: user.id, active: user.active !== false },
				changes: [],
			});
		}
	}
	const groupEvent = pick('group.');
	if (groupEvent) {
		for (const group of await recent<ScimGroup>(connection, 'Group')) {
			const sample: ChangeEvent = {
				event: groupEvent,
				resourceType: 'Group',
				id: group.id,
				resource: groupEvent === 'group.deleted' ? null : group,
				previous: { id: group.id, displayName: group.displayName },
				changes: [],
			};
			if (groupEvent === 'group.membersChanged') Object.assign(sample, { added: [], removed: [] });
			samples.push(sample);
		}
	}
	return samples;
}

/** Who is in which group, for membership events: never taken as "nobody" where the service does not say. */
async function readMembership(
	connection: ScimConnection,
	users: ScimUser[] = [],
	groups: ScimGroup[] = [],
): Promise<Map<string, string[]>> {
	const view = await membershipView(connection, { users, groups });
	const membership = membershipIndex(view, users, groups);
	if (!membership) throw membershipUnknown(connection, 'watching group members');
	return membership;
}

/**
 * The poll of every trigger node: list what the chosen events need, in full;
 * compare with the snapshot kept in the workflow's static data; emit one item per
 * change. The first poll (or one after the settings changed) records a baseline and
 * emits nothing. The snapshot is replaced only after a complete, successful poll.
 */
export async function pollChanges(
	this: IPollFunctions,
	profile: VendorProfile,
): Promise<INodeExecutionData[][] | null> {
	const watch = watchFor(this.getNodeParameter('events', []) as string[]);
	if (watch.events.size === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one event to watch', {
			description: 'Open the trigger and pick events under “Events”.',
		});
	}
	const connection = await openConnection(this, profile);
	const detectedAt = new Date().toISOString();
	const emit = (events: ChangeEvent[]) =>
		events.length === 0
			? null
			: [
					this.helpers.returnJsonArray(
						events.map((event): IDataObject => ({ ...event, detectedAt })),
					),
				];

	if (this.getMode() === 'manual') return emit(await sampleEvents(connection, watch));

	const users = watch.users ? await listComplete<ScimUser>(connection, 'User', LISTING) : undefined;
	const groups = watch.groups
		? await listComplete<ScimGroup>(connection, 'Group', LISTING)
		: undefined;
	const observation = {
		users,
		groups,
		membership: watch.membership ? await readMembership(connection, users, groups) : undefined,
	};
	const current = snapshotOf(observation);
	const key = shortHash(
		[connection.baseUrl, watch.users, watch.groups, watch.membership].join('|'),
		8,
	);
	const staticData = this.getWorkflowStaticData('node');
	const stored = staticData.snapshot;
	staticData.snapshot = encodeSnapshot(current, key) as unknown as IDataObject;
	if (!isStoredSnapshot(stored) || stored.key !== key) return null;

	const events = diffSnapshots(decodeSnapshot(stored), current, observation).filter((event) =>
		watch.events.has(event.event),
	);
	return emit(events);
}
