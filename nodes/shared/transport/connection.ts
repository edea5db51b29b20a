import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { ScimCapabilities, VendorProfile } from '../vendors/profile';
import type { Meanwhile } from './concurrency';
import type { SchemasAnswer } from './schemas';

/** Any n8n context that may talk to a SCIM service. */
type ScimContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** A write a dry run would have sent. */
export interface PlannedRequest extends IDataObject {
	method: string;
	path: string;
	body: IDataObject | null;
}

/** Requests sent: reads (GET), writes, and answers of 429 waited out. */
export interface RequestCount {
	reads: number;
	writes: number;
	rateLimited: number;
}

/** What one execution reads once and shares between its items. */
interface ExecutionMemo {
	/** Capabilities discovered for this execution (filled once, on first need). */
	capabilities?: Promise<ScimCapabilities>;
	/** The service's /Schemas, read once where an execution needs what they say (which attributes it returns). */
	schemas?: Promise<SchemasAnswer>;
	/** Every group, listed once where an execution needs them beside its own reads (names, membership). */
	groups?: Promise<Array<{ id: string; displayName: string } & IDataObject>>;
	/** Resources a dry run would have created or written, by path: read back as planned. */
	planned?: Map<string, IDataObject>;
	/** Memberships a dry run planned, by group id and user id (true: in): what its later readings see. */
	plannedMembers?: Map<string, Map<string, boolean>>;
	/**
	 * Every user or group this execution listed whole for its plan: its dry run reads them
	 * here instead of asking again (a dry run costs what the plan costs; it writes nothing).
	 */
	listed?: Partial<Record<'User' | 'Group', IDataObject[]>>;
	/**
	 * This execution's steps that touch no member list, started once a round of its
	 * membership changes has written, while it waits out its fresh window (see
	 * `MembershipQueue`). Their creates wait while a whole listing pages (`listComplete`).
	 */
	meanwhile?: Meanwhile;
	/**
	 * Whether every item of this execution's node has started and waits, parked, or is
	 * done: it brings no more membership changes until one is answered. Set by the item
	 * runner, which calls `whenItemsWaiting` each time it turns true.
	 */
	itemsWaiting?: boolean;
	whenItemsWaiting?: () => void;
}

/** Everything one execution knows about the service it talks to. */
export interface ScimConnection {
	readonly ctx: ScimContext;
	readonly profile: VendorProfile;
	/** Credential base URL without trailing slashes. */
	readonly baseUrl: string;
	/**
	 * The account this credential reaches: credential type, base URL and values. State shared
	 * between executions (rate budget, membership coordination) is keyed by it, so two
	 * tenants behind one vendor URL never share anything.
	 */
	readonly account: string;
	/** Secret values of the credential, to be scrubbed from every message. */
	readonly secrets: readonly string[];
	/** The vendor's or the credential's rate limit; 0 means none. */
	readonly requestsPerSecond: number;
	/** The credential as read once for this execution, handed to every request instead of reading it again. */
	readonly credentials: ICredentialDataDecryptedObject;
	/** How many requests of this execution may run at once (list pages, items). */
	readonly parallelRequests: number;
	/** userNames and ids (lower case) that deactivate, delete and remove member must never touch. */
	readonly protectedUsers: ReadonlySet<string>;
	readonly memo: ExecutionMemo;
	/** Requests this execution sent, counted as they are answered (a dry run's planned writes are not sent). */
	readonly sent: RequestCount;
	/** Set on a dry run: writes are collected here instead of being sent. */
	readonly planned?: PlannedRequest[];
}

export const DEFAULT_PARALLEL_REQUESTS = 5;

const SECRET_FIELDS = ['token', 'password', 'headerValue'];
const ACCOUNT_FIELDS = [
	'authentication',
	'token',
	'username',
	'password',
	'headerName',
	'headerValue',
];

function normalizeBaseUrl(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** The credential's Protected Accounts: one per line or comma-separated; case and surrounding spaces do not count. */
function readProtectedUsers(value: unknown): Set<string> {
	return new Set(
		String(value ?? '')
			.split(/[\n,]/)
			.map((entry) => entry.trim().toLowerCase())
			.filter((entry) => entry !== ''),
	);
}

export async function openConnection(
	ctx: ScimContext,
	profile: VendorProfile,
	parallelRequests = DEFAULT_PARALLEL_REQUESTS,
): Promise<ScimConnection> {
	const credentials: ICredentialDataDecryptedObject = await ctx.getCredentials(
		profile.identity.credentialType,
	);
	const secrets = SECRET_FIELDS.map((field) => credentials[field]).filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	return {
		ctx,
		profile,
		credentials,
		baseUrl,
		account: JSON.stringify([
			profile.identity.credentialType,
			baseUrl,
			...ACCOUNT_FIELDS.map((field) => credentials[field] ?? null),
		]),
		secrets,
		requestsPerSecond:
			profile.protocol.requestsPerSecond ?? Number(credentials.maxRequestsPerSecond ?? 0),
		parallelRequests,
		protectedUsers: readProtectedUsers(credentials.protectedUsers),
		memo: {},
		sent: { reads: 0, writes: 0, rateLimited: 0 },
	};
}

/** The same connection for one item of a dry run: its writes are collected, not sent. */
export function dryRunConnection(connection: ScimConnection): ScimConnection {
	return { ...connection, planned: [] };
}
