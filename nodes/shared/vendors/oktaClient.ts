import type { VendorProfile } from './profile';

/**
 * How a service proven only with Okta's SCIM 2.0 client is spoken to (LeadIQ, Spekit):
 * its shapes (see dialects.ts), lookups by userName and displayName `eq` alone (anything
 * else is matched here), pages of 100 as Okta asks for, and no /ServiceProviderConfig,
 * which Okta never reads.
 */
export const OKTA_CLIENT_PROTOCOL: VendorProfile['protocol'] = {
	invalidTokenStatus: 401,
	mediaType: 'application/scim+json',
	capabilities: { patch: true, etag: false, maxPageSize: { User: 100, Group: 100 } },
	discoverCapabilities: false,
	dialect: 'okta',
	filterableAttributes: { User: ['userName'], Group: ['displayName'] },
};
