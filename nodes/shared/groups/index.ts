import type { ItemOperation } from '../item';
import { createGroup } from './create';
import { deleteGroup } from './delete';
import { getGroup } from './get';
import { getAllGroups } from './getAll';
import { addMember, removeMember } from './membership';
import { updateGroup } from './update';

export const GROUP_OPERATIONS: Record<string, ItemOperation> = {
	create: createGroup,
	get: getGroup,
	getAll: getAllGroups,
	update: updateGroup,
	delete: deleteGroup,
	addMember,
	removeMember,
};
