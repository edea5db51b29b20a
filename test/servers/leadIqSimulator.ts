import { startSimulator } from './vendorSimulator';
import type { SimulatorOptions, VendorRules } from './vendorSimulator';

/**
 * LeadIQ as its provisioning guide describes it (../shared/VENDORS.md): documented only as an
 * Okta SCIM 2.0 app, so it takes only the requests Okta's client sends.
 */
export const LEADIQ_RULES: VendorRules = {
	name: 'LeadIQ',
	mount: '/scim/v2',
	mediaType: 'application/scim+json',
	invalidTokenStatus: 401,
	maxPageSize: { User: 100, Group: 100 },
	filterableAttributes: { User: ['userName'], Group: ['displayName'] },
	userPatch: 'patchOp',
	groupPatch: 'patchOp',
	provenClient: 'okta',
	changeableUserAttributes: ['name.givenName', 'name.familyName', 'active'],
	groupsListMembers: true,
	deletableUsers: false,
	deletableGroups: true,
	existingUserOnCreate: 'conflict',
	duplicateGroupName: { status: 500, detail: 'Invariant Error: Duplicate group name' },
	singleGroup: { defaultGroupName: 'Default' },
	idFallsBackToExternalId: false,
};

export const startLeadIqSimulator = async (options: SimulatorOptions = {}) =>
	await startSimulator(LEADIQ_RULES, options);
