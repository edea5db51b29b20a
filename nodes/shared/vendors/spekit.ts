import { OKTA_CLIENT_PROTOCOL } from './oktaClient';
import type { VendorProfile } from './profile';
import { STANDARD_CREATE_FIELDS, STANDARD_UPDATE_FIELDS } from './userFields';

/**
 * Spekit: SCIM 2.0 as Okta's client speaks it (its setup guide turns on Okta's push
 * actions), at a per-tenant base URL. Groups are Spekit "Teams"; they cannot be deleted
 * through SCIM, and two team names are Spekit's own.
 */
export const spekitProfile: VendorProfile = {
	identity: { displayName: 'Spekit', credentialType: 'spekitScimApi' },
	protocol: OKTA_CLIENT_PROTOCOL,
	operations: { unsupported: ['group.delete', 'service.check'], rawFilter: false },
	users: {
		userNameFormat: 'any',
		fields: { create: STANDARD_CREATE_FIELDS, update: STANDARD_UPDATE_FIELDS },
		emptyCreateAnswerMeansExists: false,
	},
	groups: {
		membership: { kind: 'patchOp' },
		listsMembers: true,
		reservedNames: ['All Spekit Users', 'Spekit Acct admins'],
	},
};
