import type { ScimValue } from '../scim/types';

/** A user field as the node offers it and as it maps onto a SCIM attribute. */
export interface UserField {
	/** Parameter name inside the Additional Fields / Update Fields collection. */
	name: string;
	displayName: string;
	/** SCIM attribute path, e.g. "name.givenName" or an extension URN path. */
	path: string;
	kind: 'text' | 'email' | 'boolean' | 'date';
	description?: string;
	placeholder?: string;
	/** The SCIM value for the field's value, when it is not the value itself. */
	toScim?: (value: string | boolean) => ScimValue;
	/**
	 * The value names another user (Leapsome's manager: an id, email or externalId), which
	 * the service keeps as a reference: compared by the user it names, not as text.
	 */
	refersToUser?: boolean;
}

export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const field = (spec: UserField) => spec;

export const USER_FIELD = {
	active: field({
		name: 'active',
		displayName: 'Active',
		path: 'active',
		kind: 'boolean',
		description: 'Whether the user can sign in',
	}),
	displayName: field({
		name: 'displayName',
		displayName: 'Display Name',
		path: 'displayName',
		kind: 'text',
		placeholder: 'e.g. Jane Doe',
	}),
	email: field({
		name: 'email',
		displayName: 'Email',
		path: 'emails',
		kind: 'email',
		placeholder: 'e.g. jane.doe@example.com',
		description: 'Sent as the primary work email (replaces the user’s email list on update)',
		toScim: (value) => [{ value: value as string, type: 'work', primary: true }],
	}),
	/** Where the userName is the user's only email (Leapsome): setting the email sets the userName. */
	emailAsUserName: field({
		name: 'email',
		displayName: 'Email',
		path: 'userName',
		kind: 'email',
		placeholder: 'e.g. jane.doe@example.com',
		description: 'The userName is the email here: setting one sets the other',
	}),
	externalId: field({
		name: 'externalId',
		displayName: 'External ID',
		path: 'externalId',
		kind: 'text',
		description: 'Your identifier for the user, e.g. the HR system’s employee ID',
	}),
	familyName: field({
		name: 'familyName',
		displayName: 'Family Name',
		path: 'name.familyName',
		kind: 'text',
		placeholder: 'e.g. Doe',
	}),
	givenName: field({
		name: 'givenName',
		displayName: 'Given Name',
		path: 'name.givenName',
		kind: 'text',
		placeholder: 'e.g. Jane',
	}),
	title: field({
		name: 'title',
		displayName: 'Title',
		path: 'title',
		kind: 'text',
		placeholder: 'e.g. Account Executive',
	}),
	userName: field({
		name: 'userName',
		displayName: 'User Name',
		path: 'userName',
		kind: 'text',
		placeholder: 'e.g. jane.doe@example.com',
		description: 'New sign-in name, e.g. after an email change',
	}),
};

/** The fields every node offers on create (the contract's minimum). */
export const STANDARD_CREATE_FIELDS: readonly UserField[] = [
	USER_FIELD.active,
	USER_FIELD.displayName,
	USER_FIELD.email,
	USER_FIELD.externalId,
	USER_FIELD.familyName,
	USER_FIELD.givenName,
	USER_FIELD.title,
];

export const STANDARD_UPDATE_FIELDS: readonly UserField[] = [
	...STANDARD_CREATE_FIELDS,
	USER_FIELD.userName,
];

/** A field of the SCIM enterprise extension (RFC 7643 §4.3). */
export function enterpriseField(
	name: string,
	displayName: string,
	kind: UserField['kind'] = 'text',
	description?: string,
): UserField {
	return { name, displayName, path: `${ENTERPRISE_USER}:${name}`, kind, description };
}
