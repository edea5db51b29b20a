import type { IDataObject } from 'n8n-workflow';

export const SCHEMA = {
	user: 'urn:ietf:params:scim:schemas:core:2.0:User',
	group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
	patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
	listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
} as const;

export type ResourceType = 'User' | 'Group';

export const ENDPOINT: Record<ResourceType, string> = { User: '/Users', Group: '/Groups' };

export interface ScimMultiValue extends IDataObject {
	value?: string;
	display?: string;
	type?: string;
	primary?: boolean;
}

export interface ScimResource extends IDataObject {
	id: string;
	externalId?: string;
	schemas?: string[];
	meta?: IDataObject;
}

export interface ScimUser extends ScimResource {
	userName: string;
	active?: boolean;
	displayName?: string;
	title?: string;
	name?: { givenName?: string; familyName?: string; formatted?: string };
	emails?: ScimMultiValue[];
	groups?: ScimMultiValue[];
}

export interface ScimGroup extends ScimResource {
	displayName: string;
	members?: ScimMultiValue[];
}

export interface ScimListResponse<T> {
	totalResults?: number;
	startIndex?: number;
	itemsPerPage?: number;
	Resources?: T[];
}

/** Any value a SCIM attribute can hold. */
export type ScimValue = IDataObject[string];

export interface PatchOperation extends IDataObject {
	op: 'add' | 'remove' | 'replace';
	path?: string;
	value?: ScimValue;
}
