import type { ScimConnection } from '../connection';
import { filterValuePath } from '../filter';
import { listResources } from '../list';
import { getById } from '../lookup';
import type { MembershipModel } from '../profile';
import { resourcePath, scimRequest } from '../transport';
import { ENDPOINT } from '../types';
import type { ScimGroup, ScimUser } from '../types';
import { updateResource } from '../update';

/**
 * Reads and changes group membership. Each change answers whether the user is a
 * member afterwards, as far as the service says (undefined when it does not say).
 */
export interface MembershipOperations {
	isMember(group: ScimGroup, user: ScimUser): boolean | undefined;
	add(connection: ScimConnection, group: ScimGroup, user: ScimUser): Promise<boolean | undefined>;
	remove(
		connection: ScimConnection,
		group: ScimGroup,
		user: ScimUser,
	): Promise<boolean | undefined>;
}

function listedIn(values: ScimGroup['members'], id: string): boolean | undefined {
	return Array.isArray(values) ? values.some((entry) => entry?.value === id) : undefined;
}

/** The group's members when it lists them, otherwise the user's groups. */
function isMember(group: ScimGroup, user: ScimUser): boolean | undefined {
	return listedIn(group.members, user.id) ?? listedIn(user.groups, group.id);
}

/** RFC 7644: PATCH add `members`, remove `members[value eq "…"]` (or PUT where there is no PATCH). */
const patchOpMembership: MembershipOperations = {
	isMember,
	async add(connection, group, user) {
		const updated = await updateResource<ScimGroup>(connection, 'Group', group, {
			operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }],
			applyTo: (resource) => ({
				...resource,
				members: [...(resource.members ?? []), { value: user.id }],
			}),
			partial: () => ({ members: [{ value: user.id }] }),
		});
		return updated ? listedIn(updated.members, user.id) : undefined;
	},
	async remove(connection, group, user) {
		const remaining = (group.members ?? []).filter((member) => member.value !== user.id);
		const updated = await updateResource<ScimGroup>(connection, 'Group', group, {
			operations: [{ op: 'remove', path: filterValuePath('members', user.id) }],
			applyTo: (resource) => ({
				...resource,
				members: (resource.members ?? []).filter((member) => member.value !== user.id),
			}),
			partial: () => ({ members: remaining }),
		});
		return updated ? listedIn(updated.members, user.id) : undefined;
	},
};

function batches<T>(values: T[], size: number): T[][] {
	const result: T[][] = [];
	for (let at = 0; at < values.length; at += size) result.push(values.slice(at, at + size));
	return result.length > 0 ? result : [[]];
}

/**
 * Services whose groups never list their members and whose PATCH takes
 * `{ members, replaceMembers }` with a bounded number of members per request.
 * Membership is read from the users' `groups`.
 */
function memberListMembership(maxMembersPerRequest: number): MembershipOperations {
	async function patchMembers(
		connection: ScimConnection,
		group: ScimGroup,
		ids: string[],
		replaceMembers: boolean,
	) {
		await scimRequest(connection, {
			method: 'PATCH',
			path: resourcePath(ENDPOINT.Group, group.id),
			body: { members: ids.map((value) => ({ value })), replaceMembers },
		});
	}
	async function membershipAfter(connection: ScimConnection, group: ScimGroup, user: ScimUser) {
		const fresh = await getById<ScimUser>(connection, 'User', user.id);
		return fresh ? listedIn(fresh.groups, group.id) : undefined;
	}
	return {
		isMember: (group, user) => listedIn(user.groups, group.id),
		async add(connection, group, user) {
			await patchMembers(connection, group, [user.id], false);
			return await membershipAfter(connection, group, user);
		},
		async remove(connection, group, user) {
			// Removing means sending the whole new list: the first batch replaces, the rest add.
			const users = await listResources<ScimUser>(connection, 'User');
			const keep = users
				.filter((member) => member.id !== user.id && listedIn(member.groups, group.id))
				.map((member) => member.id);
			for (const [index, batch] of batches(keep, maxMembersPerRequest).entries()) {
				await patchMembers(connection, group, batch, index === 0);
			}
			return await membershipAfter(connection, group, user);
		},
	};
}

export function membershipOperations(model: MembershipModel): MembershipOperations {
	return model.kind === 'memberList'
		? memberListMembership(model.maxMembersPerRequest)
		: patchOpMembership;
}
