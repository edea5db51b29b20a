import type { VendorProfile } from './profile';
import {
	ENTERPRISE_USER,
	STANDARD_CREATE_FIELDS,
	STANDARD_UPDATE_FIELDS,
	USER_FIELD,
	enterpriseField,
} from './userFields';
import type { UserField } from './userFields';

/** Leapsome's enterprise-extension attributes (its OpenAPI, UserDefinition). */
const LEAPSOME_FIELDS = [
	enterpriseField('costCenter', 'Cost Center', 'text', 'Team name of the user’s cost center'),
	enterpriseField('department', 'Department', 'text', 'Team name of the user’s department'),
	enterpriseField('division', 'Division'),
	enterpriseField('employmentType', 'Employment Type', 'text', '“internal” or “external”'),
	enterpriseField('endDate', 'End Date', 'date', 'Last day of employment'),
	enterpriseField('level', 'Level', 'text', 'e.g. Junior Engineer'),
	enterpriseField('location', 'Location'),
	{
		...enterpriseField(
			'manager',
			'Manager',
			'text',
			'The manager’s Leapsome ID, email or external ID; the manager must exist first',
		),
		refersToUser: true,
	},
	enterpriseField('startDate', 'Start Date', 'date', 'First day of employment'),
];

/** Leapsome's users have one email, their userName (its OpenAPI has no `emails` to write). */
const emailIsUserName = (fields: readonly UserField[]) =>
	fields.map((field) => (field.name === 'email' ? USER_FIELD.emailAsUserName : field));

/**
 * Leapsome (OpenAPI in test/servers/specs): PATCH takes a partial resource, not a PatchOp;
 * POST answers 201 {} for a user that exists; filters only on userName / displayName with
 * `eq`; pages of up to 5000 users and 1000 groups; 30 requests per second; groups never
 * list members and take at most 100 per PATCH; nothing can be deleted.
 */
export const leapsomeProfile: VendorProfile = {
	identity: { displayName: 'Leapsome', credentialType: 'leapsomeScimApi' },
	protocol: {
		invalidTokenStatus: 403,
		mediaType: 'application/json',
		capabilities: { patch: true, etag: false, maxPageSize: { User: 5000, Group: 1000 } },
		discoverCapabilities: false,
		dialect: 'leapsome',
		requestsPerSecond: 30,
		filterableAttributes: { User: ['userName'], Group: ['displayName'] },
	},
	operations: { unsupported: ['user.delete', 'group.delete', 'service.check'], rawFilter: false },
	users: {
		userNameFormat: 'asciiEmail',
		fields: {
			create: [...emailIsUserName(STANDARD_CREATE_FIELDS), ...LEAPSOME_FIELDS],
			update: [...emailIsUserName(STANDARD_UPDATE_FIELDS), ...LEAPSOME_FIELDS],
		},
		customAttributeSchema: ENTERPRISE_USER,
		createAttributes: ['userName', 'name', 'displayName', 'title', 'photos', 'externalId'],
		emptyCreateAnswerMeansExists: true,
	},
	groups: {
		membership: { kind: 'memberList', maxMembersPerRequest: 100 },
		listsMembers: false,
		missingStatus: 401,
		maxDisplayNameLength: 128,
	},
};
