import type { IDataObject } from 'n8n-workflow';

import { readAttributeChanges, readCustomAttributes } from '../attributes';
import type { AttributeChange } from '../attributes';
import type { ItemContext } from '../item';
import type { VendorProfile } from '../profile';
import { parameter } from '../item';
import type { UserField } from '../userFields';

/** The validated changes of a user-field collection: the profile's fields plus custom attributes. */
export function readUserChanges(
	item: ItemContext,
	collection: 'additionalFields' | 'updateFields',
	fields: readonly UserField[],
): AttributeChange[] {
	const values = parameter<IDataObject>(item, collection, {});
	const { profile } = item.connection;
	const changes = [
		...readAttributeChanges(item.input, fields, values),
		...readCustomAttributes(item.input, profile.customAttributeSchema, values),
	];
	const userName = changes.find((change) => change.path === 'userName');
	if (userName) checkUserName(item, String(userName.value));
	return changes;
}

/** Services that key users by email refuse anything else; say so before sending. */
export function checkUserName(item: ItemContext, userName: string): void {
	if (item.connection.profile.userNameIsEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(userName)) {
		item.input.fail(
			'User Name',
			`must be an email address for ${item.connection.profile.displayName}, not ${JSON.stringify(userName)}`,
			'Use the person’s work email, e.g. jane.doe@example.com.',
		);
	}
}

/** The changes the vendor lets an update make (e.g. LeadIQ: only the name). */
export function updatableOnly(
	profile: VendorProfile,
	changes: AttributeChange[],
): AttributeChange[] {
	const paths = new Set(profile.userFields.update.map((field) => field.path));
	const custom = profile.customAttributeSchema ? `${profile.customAttributeSchema}:` : undefined;
	return changes.filter(
		(change) => paths.has(change.path) || (custom && change.path.startsWith(custom)),
	);
}
