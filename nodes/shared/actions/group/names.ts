import { hasStatus, ScimApiError } from '../../transport/errors';
import { findGroupsByDisplayName } from '../../scim/resources';
import { unconfirmedConflict } from '../conflict';
import type { ItemContext } from '../item';
import { groupNameRefusal } from '../../vendors/names';

/** Refuses, before any request, a group name the vendor keeps for itself or would not take. */
export function checkGroupName(item: ItemContext, field: string, displayName: string): void {
	const refusal = groupNameRefusal(item.connection.profile, displayName);
	if (refusal) item.input.fail(field, refusal.problem, refusal.hint);
}

/** The service refused a group name because another group has it (409, or the vendor's own wording). */
export function isNameTaken(item: ItemContext, error: unknown): boolean {
	const pattern = item.connection.profile.groups.duplicateNameDetail;
	if (hasStatus(error, 409)) return true;
	return !!pattern && error instanceof ScimApiError && pattern.test(error.scim.detail ?? '');
}

export function nameTakenError(item: ItemContext, field: string, displayName: string): never {
	return item.input.fail(
		field,
		`is taken: a group named ${JSON.stringify(displayName)} already exists`,
		'Choose another name, or use the existing group.',
	);
}

/**
 * A group write refused as a duplicate: the name is said to be taken only when another
 * group is found under it; otherwise the clash is over another unique value (an
 * externalId, say), and the item fails with the service's detail.
 */
export async function refusedAsDuplicate(
	item: ItemContext,
	field: string,
	displayName: string,
	error: unknown,
	exceptId?: string,
): Promise<never> {
	const holders = await findGroupsByDisplayName(item.connection, displayName);
	if (holders.some((group) => group.id !== exceptId)) nameTakenError(item, field, displayName);
	return unconfirmedConflict(item, field, `displayName ${JSON.stringify(displayName)}`, error, [
		{ label: 'Display Name', names: ['displayName', 'display name', 'name'] },
		{ label: 'External ID', names: ['externalId', 'external id'] },
	]);
}
