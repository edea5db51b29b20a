import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from '../servers/scimmyServer';
import type { ScimStore, StoredUser } from '../servers/scimStore';

/** One row of an HR export, as Sync With List's expressions read it. */
export interface HrRow extends IDataObject {
	email: string;
	first?: string;
	last?: string;
	title?: string;
	team?: string | string[];
	left?: boolean | string;
	employeeId?: string;
	previous?: string;
}

/** Sync With List wired to an HR export the way a workflow would: one expression per field. */
export function syncParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'user',
		operation: 'sync',
		userName: '={{ $json.email }}',
		employeeId: "={{ $json.employeeId ?? '' }}",
		previousUserNames: "={{ $json.previous ?? '' }}",
		leaver: '={{ $json.left ?? false }}',
		groups: "={{ $json.team ?? '' }}",
		fields: {
			givenName: "={{ $json.first ?? '' }}",
			familyName: "={{ $json.last ?? '' }}",
			title: "={{ $json.title ?? '' }}",
		},
		...overrides,
	};
}

/** Requests that changed something. */
export const changing = (requests: RecordedRequest[]) =>
	requests.filter((request) => request.method !== 'GET');

/** The users a store holds under a userName, whatever its case. */
export const accountsNamed = (store: ScimStore, userName: string): StoredUser[] =>
	[...store.users.values()].filter(
		(user) => user.userName.toLowerCase() === userName.toLowerCase(),
	);

/** Each item's outcome and action, by userName. */
export const outcomes = (items: IDataObject[]) =>
	Object.fromEntries(
		items.map((item) => [String(item.userName), [item.outcome, item.action, item.reason]]),
	);
