import type { VendorProfile } from './profile';
import { STANDARD_CREATE_FIELDS, STANDARD_UPDATE_FIELDS } from './userFields';

/** Any RFC 7643/7644 service: capabilities come from its /ServiceProviderConfig. */
export const genericProfile: VendorProfile = {
	identity: { displayName: 'the SCIM service', credentialType: 'scimApi' },
	protocol: {
		invalidTokenStatus: 401,
		mediaType: 'application/scim+json',
		capabilities: { patch: true, etag: false, maxPageSize: { User: 100, Group: 100 } },
		discoverCapabilities: true,
		dialect: 'rfc7644',
	},
	operations: { unsupported: [], rawFilter: true },
	users: {
		userNameFormat: 'any',
		fields: { create: STANDARD_CREATE_FIELDS, update: STANDARD_UPDATE_FIELDS },
		emptyCreateAnswerMeansExists: false,
	},
	groups: { membership: { kind: 'patchOp' }, listsMembers: true },
};
