import { startSimulator } from './vendorSimulator';
import type { SimulatorOptions, VendorRules } from './vendorSimulator';

/**
 * Spekit: SCIM 2.0 as Okta's client speaks it (its setup guide enables Okta's push actions);
 * teams cannot be deleted and two team names are Spekit's own.
 */
export const SPEKIT_RULES: VendorRules = {
	name: 'Spekit',
	mount: '/tenant-7f3a/scim/v2',
	mediaType: 'application/scim+json',
	invalidTokenStatus: 401,
	maxPageSize: { User: 100, Group: 100 },
	filterableAttributes: { User: ['userName'], Group: ['displayName'] },
	userPatch: 'patchOp',
	groupPatch: 'patchOp',
	provenClient: 'okta',
	groupsListMembers: true,
	deletableUsers: true,
	deletableGroups: false,
	existingUserOnCreate: 'conflict',
	duplicateGroupName: { status: 409, detail: 'A team with this name already exists' },
	reservedGroupNames: ['All Spekit Users', 'Spekit Acct admins'],
	idFallsBackToExternalId: false,
};

export const startSpekitSimulator = async (options: SimulatorOptions = {}) =>
	await startSimulator(SPEKIT_RULES, options);
