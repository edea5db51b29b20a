import type { VendorProfile } from './profile';
import { STANDARD_CREATE_FIELDS, STANDARD_UPDATE_FIELDS } from './userFields';

/**
 * Spekit: plain SCIM 2.0 at a per-tenant base URL. Groups are Spekit "Teams"; they
 * cannot be deleted through SCIM, and two team names are Spekit's own.
 */
export const spekitProfile: VendorProfile = {
	identity: { displayName: 'Spekit', credentialType: 'spekitScimApi' },
	protocol: {
		invalidTokenStatus: 401,
		mediaType: 'application/scim+json',
		capabilities: { patch: true, etag: false, maxPageSize: { User: 100, Group: 100 } },
		// Okta's client never reads /ServiceProviderConfig; PATCH is what it sends.
		discoverCapabilities: false,
		dialect: 'okta',
		// Okta's client looks users and groups up by these alone; anything else is matched here.
		filterableAttributes: { User: ['userName'], Group: ['displayName'] },
	},
	operations: { unsupported: ['group.delete'], rawFilter: false },
	users: {
		userNameIsEmail: false,
		fields: { create: STANDARD_CREATE_FIELDS, update: STANDARD_UPDATE_FIELDS },
		emptyCreateAnswerMeansExists: false,
	},
	groups: {
		membership: { kind: 'patchOp' },
		reservedNames: ['All Spekit Users', 'Spekit Acct admins'],
	},
};
