import type { VendorProfile } from '../vendors/profile';
import { addMember } from './group/addMember';
import { create as createGroup } from './group/create';
import { deleteGroup } from './group/delete';
import { get as getGroup } from './group/get';
import { getAll as getManyGroups } from './group/getAll';
import { removeMember } from './group/removeMember';
import { rename } from './group/rename';
import type { Operation } from './operation';
import { check } from './service/check/check';
import { audit } from './user/audit';
import { create as createUser } from './user/create';
import { deactivate } from './user/deactivate';
import { deleteUser } from './user/delete';
import { get as getUser } from './user/get';
import { getAll as getManyUsers } from './user/getAll';
import { reactivate } from './user/reactivate';
import { sync } from './user/sync/sync';
import { update } from './user/update';

/**
 * Every operation of every action node, keyed by resource and by the `operation`
 * value saved in workflows, in the order the editor lists them.
 */
export const OPERATIONS = {
	user: {
		create: createUser,
		deactivate,
		delete: deleteUser,
		get: getUser,
		audit,
		getAll: getManyUsers,
		reactivate,
		sync,
		update,
	},
	group: {
		addMember,
		create: createGroup,
		delete: deleteGroup,
		get: getGroup,
		getAll: getManyGroups,
		removeMember,
		update: rename,
	},
	service: {
		check,
	},
} satisfies Record<string, Record<string, Operation>>;

export type Resource = keyof typeof OPERATIONS;

/** An operation as "resource.operation", e.g. "user.delete": how a vendor names what it cannot do. */
export type OperationId = {
	[R in Resource]: `${R}.${keyof (typeof OPERATIONS)[R] & string}`;
}[Resource];

/** The operations a vendor's node offers for a resource: all, less what the vendor cannot do. */
export function offeredOperations(
	profile: VendorProfile,
	resource: Resource,
): Array<[string, Operation]> {
	return Object.entries(OPERATIONS[resource] as Record<string, Operation>).filter(
		([name]) => !profile.operations.unsupported.includes(`${resource}.${name}` as OperationId),
	);
}

/** The operation a workflow names, if this vendor's node offers it. */
export function offeredOperation(
	profile: VendorProfile,
	resource: string,
	name: string,
): Operation | undefined {
	if (!(resource in OPERATIONS)) return undefined;
	return offeredOperations(profile, resource as Resource).find(
		([offered]) => offered === name,
	)?.[1];
}
