import type { VendorProfile } from '../profile';

/** Any RFC 7643/7644 service: capabilities come from its /ServiceProviderConfig. */
export const genericProfile: VendorProfile = {
	displayName: 'the SCIM service',
	credentialType: 'scimApi',
	capabilities: { patch: true, etag: false, maxPageSize: 100 },
	discoverCapabilities: true,
	unsupportedOperations: [],
	rawFilter: true,
};
