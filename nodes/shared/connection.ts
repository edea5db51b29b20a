import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ScimCapabilities, VendorProfile } from './profile';
import { Throttle } from './throttle';
import type { ScimContext } from './types';

/** Everything one execution knows about the service it talks to. */
export interface ScimConnection {
	readonly ctx: ScimContext;
	readonly profile: VendorProfile;
	/** Credential base URL without trailing slashes. */
	readonly baseUrl: string;
	/** Secret values of the credential, to be scrubbed from every message. */
	readonly secrets: readonly string[];
	/** Capabilities discovered for this execution (filled once, on first need). */
	capabilities?: Promise<ScimCapabilities>;
	/** Keeps this execution under the vendor's or the credential's rate limit. */
	readonly throttle?: Throttle;
	/** The credential as read once for this execution, handed to every request instead of reading it again. */
	readonly credentials: ICredentialDataDecryptedObject;
	/** How many requests of this execution may run at once (list pages, items). */
	readonly parallelRequests: number;
}

export const DEFAULT_PARALLEL_REQUESTS = 5;

const SECRET_FIELDS = ['token', 'password', 'headerValue'];

export function normalizeBaseUrl(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
}

export async function openConnection(
	ctx: ScimContext,
	profile: VendorProfile,
	parallelRequests = DEFAULT_PARALLEL_REQUESTS,
): Promise<ScimConnection> {
	const credentials: ICredentialDataDecryptedObject = await ctx.getCredentials(
		profile.credentialType,
	);
	const secrets = SECRET_FIELDS.map((field) => credentials[field]).filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	const perSecond = profile.requestsPerSecond ?? Number(credentials.maxRequestsPerSecond ?? 0);
	const throttle = perSecond > 0 ? new Throttle(perSecond) : undefined;
	return {
		ctx,
		profile,
		credentials,
		baseUrl: normalizeBaseUrl(credentials.baseUrl),
		secrets,
		throttle,
		parallelRequests,
	};
}
