import type { ItemOperation } from '../item';
import { createUser } from './create';
import { deleteUser } from './delete';
import { getUser } from './get';
import { getAllUsers } from './getAll';
import { deactivateUser, reactivateUser } from './setActive';
import { updateUser } from './update';

export const USER_OPERATIONS: Record<string, ItemOperation> = {
	create: createUser,
	get: getUser,
	getAll: getAllUsers,
	update: updateUser,
	deactivate: deactivateUser,
	reactivate: reactivateUser,
	delete: deleteUser,
};
