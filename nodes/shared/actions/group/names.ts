import { hasStatus, ScimApiError } from '../../transport/errors';
import type { ItemContext } from '../item';

/** Refuses, before any request, a group name the vendor keeps for itself. */
export function checkGroupName(item: ItemContext, field: string, displayName: string): void {
	const { profile } = item.connection;
	const reserved = profile.groups.reservedNames?.find(
		(name) => name.toLowerCase() === displayName.toLowerCase(),
	);
	if (reserved) {
		item.input.fail(
			field,
			`is reserved by ${profile.identity.displayName}: ${JSON.stringify(reserved)}`,
			'Choose another name; reserved groups are managed by the vendor itself.',
		);
	}
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
