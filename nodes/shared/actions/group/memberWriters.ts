import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { capabilitiesOf } from '../../transport/capabilities';
import { listComplete } from '../../scim/list';
import { dryRunConnection } from '../../transport/connection';
import type { PlannedRequest, ScimConnection } from '../../transport/connection';
import { mapWithConcurrency } from '../../transport/concurrency';
import { filterValuePath } from '../../scim/filter';
import { idsOf, memberIdsOf, membershipView } from '../../scim/membership';
import { getById } from '../../scim/resources';
import { hasStatus, isAmbiguous, passOn, StaleWriteError } from '../../transport/errors';
import { DIALECTS } from '../../vendors/dialects';
import { resourcePath, scimRequest } from '../../transport/request';
import { ENDPOINT, SCHEMA } from '../../scim/types';
import type { ScimGroup, ScimMultiValue, ScimResource, ScimUser } from '../../scim/types';
import { versionOf, withResourceLock, withoutReadOnly } from '../../scim/update';
import { asPlanned, freshWindow, membershipQueue } from './membershipQueue';
import type { ChangeResult, Plan, WholeListModel } from './membershipQueue';

/** The user whose membership changes: the id, and the userName some services want shown. */
export interface Member {
	id: string;
	userName?: string;
}

/** One user's membership of one group, to be added or removed. */
export interface MembershipChange {
	group: ScimResource;
	user: Member;
	add: boolean;
}

/** A dry run of changes made together: each group's planned writes, or why it failed. */
export type PlannedRound = Map<string, { requests: PlannedRequest[] } | { error: Error }>;

/** Changes one user's membership of one group, the way the service takes it. */
export interface MembershipWriter {
	/** Changes wait in a queue shared with other items and executions (and need no slot meanwhile). */
	readonly queued: boolean;
	change(
		connection: ScimConnection,
		group: ScimResource,
		user: Member,
		add: boolean,
	): Promise<ChangeResult>;
	/**
	 * Where changes made together become one write per group (whole lists): a dry run of
	 * them all at once, as that write, naming whom each group's write adds and removes.
	 */
	planRound?(
		connection: ScimConnection,
		changes: readonly MembershipChange[],
	): Promise<PlannedRound>;
}

function listedIn(values: ScimMultiValue[] | undefined, id: string): boolean | undefined {
	return Array.isArray(values) ? values.some((entry) => entry?.value === id) : undefined;
}

/**
 * RFC 7644 PATCH: `add members`, `remove members[value eq "…"]`. Each request changes
 * one member and leaves the others alone, so concurrent changes cannot undo each other:
 * no If-Match, which would only refuse (412) every item but the first of those joining
 * one group at once.
 */
const patchOpWriter: MembershipWriter = {
	queued: false,
	async change(connection, group, user, add) {
		const { memberDisplay } = DIALECTS[connection.profile.protocol.dialect];
		const member =
			memberDisplay && user.userName
				? { value: user.id, display: user.userName }
				: { value: user.id };
		const operation = add
			? { op: 'add', path: 'members', value: [member] }
			: { op: 'remove', path: filterValuePath('members', user.id) };
		const updated = await scimRequest<ScimGroup>(connection, {
			method: 'PATCH',
			path: resourcePath(ENDPOINT.Group, group.id),
			body: { schemas: [SCHEMA.patchOp], Operations: [operation] },
		});
		// A service that answers without the members (or without the group) is taken at its word.
		return listedIn(updated?.members, user.id) === !add ? 'notApplied' : 'changed';
	},
};

function groupGone(connection: ScimConnection, groupId: string): NodeOperationError {
	return new NodeOperationError(
		connection.ctx.getNode(),
		`The group with ID ${JSON.stringify(groupId)} no longer exists in ${connection.profile.identity.displayName}`,
		{ description: 'It was removed while the change waited its turn. Check the group selected.' },
	);
}

/** A group PUT back whole must show its members, or the PUT would drop them. */
function membersNotShown(connection: ScimConnection, group: ScimGroup): NodeOperationError {
	return new NodeOperationError(
		connection.ctx.getNode(),
		`${connection.profile.identity.displayName} does not show the members of ${JSON.stringify(group.displayName)}, and without PATCH a member is changed by writing the whole list: nothing was written, so nobody was dropped`,
		{
			description:
				'Ask the service’s vendor whether its SCIM API can return groups with their “members”.',
		},
	);
}

/** Services without PATCH: the whole group is read and PUT back, under the group's lock and its version. */
const groupPutModel: WholeListModel = {
	async rewrite(connection, groupIds, plan) {
		const failed = new Map<string, unknown>();
		await mapWithConcurrency(groupIds.length, connection.parallelRequests, async (index) => {
			const groupId = groupIds[index];
			try {
				await withResourceLock(connection, 'Group', groupId, async () => {
					const readAt = Date.now();
					const group = await getById<ScimGroup>(connection, 'Group', groupId);
					if (!group) throw groupGone(connection, groupId);
					const members = memberIdsOf(await membershipView(connection, { groups: [group] }), group);
					if (!members) throw membersNotShown(connection, group);
					const after = plan(groupId, asPlanned(connection, groupId, members));
					if (!after) return;
					const kept = new Map((group.members ?? []).map((member) => [member.value, member]));
					const versioned = (await capabilitiesOf(connection)).etag;
					// A 412 (written by someone else since this reading) sends the change round again;
					// without versions, the list is sent while its reading is fresh, or not at all.
					await scimRequest(connection, {
						method: 'PUT',
						path: resourcePath(ENDPOINT.Group, groupId),
						body: {
							...withoutReadOnly(group),
							members: after.map((value) => kept.get(value) ?? { value }),
						},
						ifMatch: versioned ? versionOf(group) : undefined,
						notAfter: versioned ? undefined : readAt + freshWindow(connection, 1),
					});
				});
			} catch (error) {
				failed.set(groupId, error);
			}
		});
		// Each group is read with one request of its own.
		return { failed, requests: 1 };
	},
	async versioned(connection) {
		return (await capabilitiesOf(connection)).etag;
	},
	async read(connection, groupIds) {
		const groups = await mapWithConcurrency(
			groupIds.length,
			connection.parallelRequests,
			async (index) => await getById<ScimGroup>(connection, 'Group', groupIds[index]),
		);
		const view = await membershipView(connection, {
			groups: groups.filter((group): group is ScimGroup => !!group),
		});
		return {
			members: new Map(
				groupIds.map((id, index) => {
					const group = groups[index];
					return [id, new Set(group ? (memberIdsOf(view, group) ?? []) : [])];
				}),
			),
			requests: 1,
		};
	},
};

function batches<T>(values: T[], size: number): T[][] {
	const result: T[][] = [];
	for (let at = 0; at < values.length; at += size) result.push(values.slice(at, at + size));
	return result;
}

/** What an incomplete listing of users leaves undone. */
const NO_TEAM_REWRITTEN =
	'No member list was rewritten, so nobody was removed by mistake. Run the node again; if it persists, users are being created or deleted in large numbers right now.';

/** Names in a message; its description names more. */
const NAMED_IN_MESSAGE = 5;

const namesOf = (names: string[], shown: number): string =>
	names.slice(0, shown).join(', ') +
	(names.length > shown ? ` and ${names.length - shown} more` : '');

/**
 * A list longer than one request is sent as a replacement, then additions, and an addition
 * failed: the members it carried, who were in the group and whom no change removed, are out
 * of it (or may be, where the answer was lost). Said with whom to add back, and with the
 * service's status and advice, so that a refused credential still stops the writes not yet
 * sent.
 */
function cutShort(
	connection: ScimConnection,
	out: string[],
	userNames: Map<string, string>,
	maxMembersPerRequest: number,
	error: unknown,
	replaced: boolean,
): Error {
	const node = connection.ctx.getNode();
	const vendor = connection.profile.identity.displayName;
	const names = out.map((id) => userNames.get(id) ?? id);
	const { message, description } = error as { message?: string; description?: string | null };
	const known = replaced && !isAmbiguous(error);
	const who = out.length === 1 ? '1 member' : `${out.length} members`;
	const happened = known
		? 'an addition failed'
		: replaced
			? 'whether the additions landed is not known'
			: 'whether the replacement landed is not known, and adding back those it would leave out failed';
	const said = {
		message: `${vendor} took the team's new member list only in part: ${who} no change removed ${out.length === 1 ? 'is' : 'are'} ${known ? '' : 'perhaps '}out of the team: ${namesOf(names, NAMED_IN_MESSAGE)} (${message ?? String(error)})`,
		description: [
			`${vendor} takes at most ${maxMembersPerRequest} members a request, so a longer list is sent as a replacement, then additions, and ${happened}. Check the team and add back, leaving out anyone being offboarded: ${namesOf(names, SHOWN)}.`,
			description,
		]
			.filter(Boolean)
			.join(' '),
	};
	if (error instanceof NodeApiError)
		return new NodeApiError(node, {}, { ...said, httpCode: error.httpCode ?? undefined });
	return new NodeOperationError(node, said.message, { description: said.description });
}

/**
 * Services whose groups never list their members and whose PATCH takes
 * `{ members, replaceMembers }` with a bounded number of members per request
 * (Leapsome). Membership is read from every user's `groups`, in a listing proven
 * whole; a member is removed by sending the whole new list (the first batch replaces,
 * the rest add), and added by sending the new members alone.
 */
function memberListModel(maxMembersPerRequest: number): WholeListModel {
	async function patchMembers(
		connection: ScimConnection,
		groupId: string,
		ids: string[],
		replaceMembers: boolean,
		notAfter?: number,
	) {
		try {
			await scimRequest(connection, {
				method: 'PATCH',
				path: resourcePath(ENDPOINT.Group, groupId),
				body: { members: ids.map((value) => ({ value })), replaceMembers },
				notAfter,
			});
		} catch (error) {
			const { missingStatus } = connection.profile.groups;
			if (missingStatus && hasStatus(error, missingStatus)) throw groupGone(connection, groupId);
			throw passOn(connection.ctx.getNode(), error);
		}
	}
	async function add(connection: ScimConnection, groupId: string, ids: string[]) {
		for (const batch of batches(ids, maxMembersPerRequest))
			await patchMembers(connection, groupId, batch, false);
	}
	/** The groups' members, and every user's userName (to name whom a failed write left out). */
	async function reading(connection: ScimConnection, groupIds: string[]) {
		const users = await listComplete<ScimUser>(connection, 'User', {
			purpose: 'changing a team’s members',
			whenIncomplete: NO_TEAM_REWRITTEN,
		});
		const members = new Map(groupIds.map((id) => [id, new Set<string>()]));
		for (const user of users)
			for (const groupId of idsOf(user.groups)) members.get(groupId)?.add(user.id);
		const pageSize = (await capabilitiesOf(connection)).maxPageSize.User;
		const userNames = new Map(users.map((user) => [user.id, user.userName]));
		return { members, requests: Math.max(1, Math.ceil(users.length / pageSize)), userNames };
	}
	async function read(connection: ScimConnection, groupIds: string[]) {
		const { members, requests } = await reading(connection, groupIds);
		return { members, requests };
	}
	return {
		add,
		read,
		// Leapsome's groups carry no version to write against.
		versioned: async () => false,
		async rewrite(connection, groupIds, plan: Plan) {
			const readAt = Date.now();
			const { members, requests, userNames } = await reading(connection, groupIds);
			const notAfter = readAt + freshWindow(connection, requests);
			const failed = new Map<string, unknown>();
			await mapWithConcurrency(groupIds.length, connection.parallelRequests, async (index) => {
				const groupId = groupIds[index];
				const before = asPlanned(connection, groupId, [...(members.get(groupId) ?? [])]);
				const after = plan(groupId, before);
				if (!after) return;
				try {
					const kept = new Set(after);
					if (before.every((id) => kept.has(id))) {
						await add(
							connection,
							groupId,
							after.filter((id) => !before.includes(id)),
						);
						return;
					}
					const [first = [], ...rest] = batches(after, maxMembersPerRequest);
					// Only those who were in: one joining in this round is not lost, their change just fails.
					const inBefore = new Set(before);
					const wereIn = (ids: string[]) => ids.filter((id) => inBefore.has(id));
					const lost = (ids: string[], error: unknown, replaced = true) =>
						ids.length > 0
							? cutShort(connection, ids, userNames, maxMembersPerRequest, error, replaced)
							: passOn(connection.ctx.getNode(), error);
					try {
						await patchMembers(connection, groupId, first, true, notAfter);
					} catch (error) {
						// Too late for a retry after an answer was lost (stale) is as unknown as the lost answer.
						const unknown = isAmbiguous(error) || error instanceof StaleWriteError;
						if (!unknown) throw passOn(connection.ctx.getNode(), error);
						// The replacement may have landed: adding back those it would leave out is harmless
						// either way, and a round sent again then reads them in.
						const leftOut = wereIn(rest.flat());
						try {
							await add(connection, groupId, leftOut);
						} catch (again) {
							throw lost(leftOut, again, false);
						}
						throw passOn(connection.ctx.getNode(), error);
					}
					for (const [index, batch] of rest.entries()) {
						try {
							await patchMembers(connection, groupId, batch, false);
						} catch (error) {
							throw lost(wereIn(rest.slice(index).flat()), error);
						}
					}
				} catch (error) {
					failed.set(groupId, error);
				}
			});
			return { failed, requests };
		},
	};
}

/** Whole lists longer than this are shown by their count, and whom a write adds or removes by the first of them and a count. */
const SHOWN = 20;

/**
 * A planned whole-list write as a person reads it: what it does to whom (`adds`,
 * `removes`), and, for a long list, how many members it sends (`membersSent`) rather
 * than every id, so that a dry run's item stays small whatever the size of the group.
 */
function shownWhole(
	request: PlannedRequest,
	adds: Array<{ id: string; userName: string | null }>,
	removes: Array<{ id: string; userName: string | null }>,
): void {
	const members = request.body?.members;
	if (Array.isArray(members) && members.length > SHOWN) {
		request.body = Object.fromEntries(
			Object.entries(request.body ?? {}).filter(([key]) => key !== 'members'),
		);
		request.membersSent = members.length;
	}
	for (const [key, people] of [
		['adds', adds],
		['removes', removes],
	] as const) {
		if (people.length === 0) continue;
		request[key] = people.slice(0, SHOWN);
		if (people.length > SHOWN) request[`${key}Count`] = people.length;
	}
}

const queuedWriter = (model: WholeListModel): MembershipWriter => ({
	queued: true,
	async planRound(connection, changes) {
		const planning = dryRunConnection(connection);
		const { failed } = await membershipQueue.plan(
			model,
			planning,
			changes.map(({ group, user, add }) => ({ groupId: group.id, userId: user.id, add })),
		);
		const round: PlannedRound = new Map();
		for (const groupId of new Set(changes.map(({ group }) => group.id))) {
			const error = failed.get(groupId);
			if (error) {
				round.set(groupId, { error });
				continue;
			}
			const named = (add: boolean) =>
				changes
					.filter((change) => change.group.id === groupId && change.add === add)
					.map(({ user }) => ({ id: user.id, userName: user.userName ?? null }));
			const requests = (planning.planned ?? []).filter(
				(request) => request.path === resourcePath(ENDPOINT.Group, groupId),
			);
			for (const request of requests) shownWhole(request, named(true), named(false));
			round.set(groupId, { requests });
		}
		return round;
	},
	async change(connection, group, user, add) {
		const { planned } = connection;
		if (!planned) return await membershipQueue.submit(model, connection, group.id, user.id, add);
		// A dry run plans the writes without queueing behind real ones. A whole list does not
		// show whom it leaves out, so the planned request names who it removes or adds.
		const from = planned.length;
		const {
			results: [result],
			failed,
		} = await membershipQueue.plan(model, connection, [
			{ groupId: group.id, userId: user.id, add },
		]);
		const error = failed.get(group.id);
		if (error) throw error;
		const member = { id: user.id, userName: user.userName ?? null };
		if (planned[from]) shownWhole(planned[from], add ? [member] : [], add ? [] : [member]);
		return result;
	},
});

/** The writer for this service: per-member PATCH where it has one, else a coordinated whole-list model. */
export async function membershipWriter(connection: ScimConnection): Promise<MembershipWriter> {
	const { membership } = connection.profile.groups;
	if (membership.kind === 'memberList')
		return queuedWriter(memberListModel(membership.maxMembersPerRequest));
	return (await capabilitiesOf(connection)).patch ? patchOpWriter : queuedWriter(groupPutModel);
}
