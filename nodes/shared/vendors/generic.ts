import type { VendorProfile } from '../profile';
import { STANDARD_CREATE_FIELDS, STANDARD_UPDATE_FIELDS } from '../userFields';

/** Any RFC 7643/7644 service: capabilities come from its /ServiceProviderConfig. */
export const genericProfile: VendorProfile = {
	displayName: 'the SCIM service',
	credentialType: 'scimApi',
	capabilities: { patch: true, etag: false, maxPageSize: { User: 100, Group: 100 } },
	discoverCapabilities: true,
	unsupportedOperations: [],
	rawFilter: true,
	mediaType: 'application/scim+json',
	userNameIsEmail: false,
	userFields: { create: STANDARD_CREATE_FIELDS, update: STANDARD_UPDATE_FIELDS },
	patchDialect: 'patchOp',
	membership: { kind: 'patchOp' },
	emptyCreateAnswerMeansExists: false,
};
