import type { OperationId } from '../actions/operations';
import type { ResourceType } from '../scim/types';
import type { DialectName } from './dialects';
import type { UserField } from './userFields';

/**
 * What a SCIM service can do, as far as the nodes need to know.
 * A vendor profile states these facts up front; the generic profile learns them
 * from the service's /ServiceProviderConfig.
 */
export interface ScimCapabilities {
	/** RFC 7644 PATCH is supported; otherwise updates are sent as PUT of the whole resource. */
	patch: boolean;
	/** Largest page the service returns from a list request, per resource type. */
	maxPageSize: Record<ResourceType, number>;
	/** The service versions resources with ETags. */
	etag: boolean;
}

/**
 * How group membership is changed:
 * - `patchOp`: PatchOp `add members` / `remove members[value eq "…"]`, membership read from the group
 *   (or, where the service has no PATCH, the whole group read and PUT back);
 * - `memberList`: PATCH `{ members, replaceMembers }` in batches, membership read from the users' `groups`
 *   (for services whose group resources never list their members: see `listsMembers`).
 */
export type MembershipModel =
	{ kind: 'patchOp' } | { kind: 'memberList'; maxMembersPerRequest: number };

/** A vendor's SCIM facts as data: everything the shared core varies on, in sections. */
export interface VendorProfile {
	identity: {
		/** Shown in messages, e.g. "Leapsome". */
		displayName: string;
		/** Name of the n8n credential type that holds baseUrl and the secret. */
		credentialType: string;
	};
	/** How the service speaks SCIM. */
	protocol: {
		/** The status the service answers a token it does not accept with (Leapsome: 403). */
		invalidTokenStatus: 401 | 403;
		/** Media type of requests and responses. */
		mediaType: 'application/scim+json' | 'application/json';
		/** Facts known without asking the service. */
		capabilities: ScimCapabilities;
		/** Read /ServiceProviderConfig once per execution and let it refine `capabilities`. */
		discoverCapabilities: boolean;
		/** How writes are shaped (see dialects.ts). */
		dialect: DialectName;
		/** The vendor's documented rate limit; the credential's own setting applies when absent. */
		requestsPerSecond?: number;
		/** Attributes the service's filter understands (with `eq`); undefined means any. Others are matched after listing. */
		filterableAttributes?: Record<ResourceType, readonly string[]>;
	};
	/** What the node offers. */
	operations: {
		/** Operations the vendor cannot do; the node leaves them out and refuses them. */
		unsupported: readonly OperationId[];
		/** Offer a free-form SCIM filter on "Get Many" (only where the service filters on any attribute). */
		rawFilter: boolean;
	};
	users: {
		/**
		 * What a userName must be: anything (`any`), an email address (`email`), or one as an
		 * OpenAPI `format: email` takes it, in ASCII (`asciiEmail`, Leapsome's).
		 */
		userNameFormat: 'any' | 'email' | 'asciiEmail';
		/** Fields offered on user create and on user update. */
		fields: { create: readonly UserField[]; update: readonly UserField[] };
		/** Custom attributes by id, written under this schema URN (Leapsome); absent when the vendor has none. */
		customAttributeSchema?: string;
		/**
		 * The attributes POST /Users documents (Leapsome: a few); the others are written by a
		 * PATCH right after. Absent: every attribute goes in the POST.
		 */
		createAttributes?: readonly string[];
		/** POST /Users answers 201 with an empty object when the user already exists. */
		emptyCreateAnswerMeansExists: boolean;
	};
	groups: {
		membership: MembershipModel;
		/**
		 * Group resources show their members. False where they never do, whatever they hold
		 * (Leapsome's OpenAPI declares `members` with `maxItems: 0`, so its groups come with
		 * `members: []`): their `members` is ignored, and membership is read from the users.
		 */
		listsMembers: boolean;
		/** A user belongs to at most one group; this is the group they fall back to. */
		singleGroupPerUser?: { defaultGroupName: string };
		/**
		 * A duplicate group name is reported as a server error whose detail matches this (not
		 * 409); names are therefore looked up before a group is created.
		 */
		duplicateNameDetail?: RegExp;
		/** GET and PATCH /Groups/{id} answer this status, not 404, for a group that does not exist (Leapsome: 401). */
		missingStatus?: 401;
		/** Group names the vendor reserves for itself (compared case-insensitively). */
		reservedNames?: readonly string[];
		/** The longest group name the vendor takes, in characters (Leapsome: 128). */
		maxDisplayNameLength?: number;
	};
}
