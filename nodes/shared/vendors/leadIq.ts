import type { VendorProfile } from '../profile';
import { STANDARD_CREATE_FIELDS, USER_FIELD } from '../userFields';

/**
 * LeadIQ: userName is the email; only the name can be updated; a user is in at most
 * one group and falls back to "Default"; a duplicate group name is a server error;
 * users are deactivated, never deleted (only an admin's "Remove from Team" deletes).
 */
export const leadIqProfile: VendorProfile = {
	displayName: 'LeadIQ',
	credentialType: 'leadIqScimApi',
	capabilities: { patch: true, etag: false, maxPageSize: { User: 100, Group: 100 } },
	discoverCapabilities: false,
	unsupportedOperations: ['user.delete'],
	rawFilter: false,
	mediaType: 'application/scim+json',
	userNameIsEmail: true,
	userFields: {
		create: STANDARD_CREATE_FIELDS,
		update: [USER_FIELD.familyName, USER_FIELD.givenName],
	},
	patchDialect: 'patchOp',
	membership: { kind: 'patchOp' },
	emptyCreateAnswerMeansExists: false,
	singleGroupPerUser: { defaultGroupName: 'Default' },
	duplicateGroupNameDetail: /Duplicate group name/i,
};
