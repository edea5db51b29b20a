import { OKTA_CLIENT_PROTOCOL } from './oktaClient';
import type { VendorProfile } from './profile';
import { STANDARD_CREATE_FIELDS, USER_FIELD } from './userFields';

/**
 * LeadIQ, documented only as an Okta SCIM 2.0 app, so spoken to as Okta's client does:
 * userName is the email; only the name can be updated; a user is in at most
 * one group and falls back to "Default"; a duplicate group name is a server error;
 * users are deactivated, never deleted (only an admin's "Remove from Team" deletes).
 */
export const leadIqProfile: VendorProfile = {
	identity: { displayName: 'LeadIQ', credentialType: 'leadIqScimApi' },
	protocol: OKTA_CLIENT_PROTOCOL,
	operations: { unsupported: ['user.delete', 'service.check'], rawFilter: false },
	users: {
		userNameFormat: 'email',
		fields: {
			create: STANDARD_CREATE_FIELDS,
			update: [USER_FIELD.familyName, USER_FIELD.givenName],
		},
		emptyCreateAnswerMeansExists: false,
	},
	groups: {
		membership: { kind: 'patchOp' },
		listsMembers: true,
		singleGroupPerUser: { defaultGroupName: 'Default' },
		duplicateNameDetail: /Duplicate group name/i,
	},
};
