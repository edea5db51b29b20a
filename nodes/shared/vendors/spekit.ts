import type { VendorProfile } from '../profile';
import { STANDARD_CREATE_FIELDS, STANDARD_UPDATE_FIELDS } from '../userFields';

/**
 * Spekit: plain SCIM 2.0 at a per-tenant base URL. Groups are Spekit "Teams"; they
 * cannot be deleted through SCIM, and two team names are Spekit's own.
 */
export const spekitProfile: VendorProfile = {
	displayName: 'Spekit',
	credentialType: 'spekitScimApi',
	capabilities: { patch: true, etag: false, maxPageSize: { User: 100, Group: 100 } },
	discoverCapabilities: true,
	unsupportedOperations: ['group.delete'],
	rawFilter: false,
	mediaType: 'application/scim+json',
	userNameIsEmail: false,
	userFields: { create: STANDARD_CREATE_FIELDS, update: STANDARD_UPDATE_FIELDS },
	patchDialect: 'patchOp',
	membership: { kind: 'patchOp' },
	emptyCreateAnswerMeansExists: false,
	reservedGroupNames: ['All Spekit Users', 'Spekit Acct admins'],
};
