import type { VendorProfile } from './profile';
import { STANDARD_CREATE_FIELDS, USER_FIELD } from './userFields';

/**
 * LeadIQ: userName is the email; only the name can be updated; a user is in at most
 * one group and falls back to "Default"; a duplicate group name is a server error;
 * users are deactivated, never deleted (only an admin's "Remove from Team" deletes).
 */
export const leadIqProfile: VendorProfile = {
	identity: { displayName: 'LeadIQ', credentialType: 'leadIqScimApi' },
	protocol: {
		invalidTokenStatus: 401,
		mediaType: 'application/scim+json',
		capabilities: { patch: true, etag: false, maxPageSize: { User: 100, Group: 100 } },
		discoverCapabilities: false,
		dialect: 'okta',
		// Okta's client looks users and groups up by these alone; anything else is matched here.
		filterableAttributes: { User: ['userName'], Group: ['displayName'] },
	},
	operations: { unsupported: ['user.delete'], rawFilter: false },
	users: {
		userNameIsEmail: true,
		fields: {
			create: STANDARD_CREATE_FIELDS,
			update: [USER_FIELD.familyName, USER_FIELD.givenName],
		},
		emptyCreateAnswerMeansExists: false,
	},
	groups: {
		membership: { kind: 'patchOp' },
		singleGroupPerUser: { defaultGroupName: 'Default' },
		duplicateNameDetail: /Duplicate group name/i,
	},
};
