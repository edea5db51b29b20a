import { sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import type { ScimConnection } from './connection';
import {
	garbledAnswerError,
	hintFor,
	parseScimError,
	passOn,
	scimApiError,
	StaleWriteError,
	unreachableError,
} from './errors';
import { rateBudgets } from './rateBudget';

interface ScimRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, ids already encoded (see `resourcePath`). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The version the change was computed from (RFC 7644 §3.14): the service refuses it with 412 if the resource has moved on. */
	ifMatch?: string;
	/** On a dry run, the answer to go on with: the resource as this write would leave it. */
	dryRunAnswer?: IDataObject;
	/**
	 * A write computed from a reading: not sent (nor sent again) after this moment
	 * (epoch ms), so that it can never land long after the reading, over newer writes.
	 */
	notAfter?: number;
}

/** A 429 is retried this many times: the service did nothing, so any method may be sent again. */
const RATE_LIMIT_RETRIES = 5;
const RATE_LIMIT_WAIT_MS = { first: 250, cap: 10_000 };
/** Server and gateway errors, dropped connections and garbled answers are retried this many times, for idempotent methods only. */
export const TRANSIENT_RETRIES = 5;
const TRANSIENT_WAIT_MS = { first: 100, cap: 2_000 };
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'PUT', 'PATCH', 'DELETE']);
/** A request still unanswered after this long counts as lost (and, for a POST, as ambiguous). */
const REQUEST_TIMEOUT_MS = 60_000;

/** A SCIM resource path with the id URL-encoded, e.g. /Users/a%2Fb. */
export function resourcePath(endpoint: string, id: string): string {
	return `${endpoint}/${encodeURIComponent(id)}`;
}

/** The network error code (ECONNREFUSED, ETIMEDOUT, …), wherever n8n's request helpers put it. */
function errorCode(error: unknown): string | undefined {
	const wrapped = error as
		| {
				httpCode?: unknown;
				code?: unknown;
				cause?: { code?: unknown };
				errorResponse?: { code?: unknown };
		  }
		| undefined;
	const candidates = [
		wrapped?.code,
		wrapped?.cause?.code,
		wrapped?.errorResponse?.code,
		wrapped?.httpCode,
	];
	return candidates.find(
		(code): code is string => typeof code === 'string' && /^E[A-Z_]+$/.test(code),
	);
}

function hostOf(baseUrl: string): string {
	try {
		return new URL(baseUrl).host;
	} catch {
		return 'the service';
	}
}

/** How long a 429 asks us to wait: Retry-After in seconds or as an HTTP date, else exponential backoff with jitter. */
export function rateLimitWait(retryAfter: unknown, attempt: number, now = Date.now()): number {
	const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
	if (typeof header === 'string' && header.trim() !== '') {
		const seconds = Number(header);
		const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
		if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), RATE_LIMIT_WAIT_MS.cap);
	}
	const backoff = Math.min(RATE_LIMIT_WAIT_MS.first * 2 ** attempt, RATE_LIMIT_WAIT_MS.cap);
	return backoff / 2 + (Math.random() * backoff) / 2;
}

/** Exponential backoff with full jitter. */
export function transientWait(attempt: number): number {
	return Math.random() * Math.min(TRANSIENT_WAIT_MS.first * 2 ** attempt, TRANSIENT_WAIT_MS.cap);
}

/** A 2xx answer whose body is text where JSON was expected: cut off or garbled on the way. */
function garbled(response: IN8nHttpFullResponse): boolean {
	return (
		response.statusCode < 300 && typeof response.body === 'string' && response.body.trim() !== ''
	);
}

interface Sent {
	response: IN8nHttpFullResponse;
	attempts: number;
}

/**
 * Sends with retries that cannot do harm: a 429 (nothing was done) for any method,
 * and a gateway error, a dropped connection or a garbled answer for idempotent methods.
 * A POST is never repeated here: whether it was applied is for the caller to find out.
 */
async function send(
	connection: ScimConnection,
	options: IHttpRequestOptions,
	request: ScimRequest,
): Promise<Sent> {
	const { ctx, profile, baseUrl } = connection;
	const idempotent = IDEMPOTENT.has(request.method);
	let rateLimited = 0;
	let transient = 0;
	const sendOnce = async () => {
		// Checked when the request's turn under the rate limit has come, just before it goes out.
		if (request.notAfter !== undefined && Date.now() > request.notAfter)
			throw new StaleWriteError(ctx.getNode(), request);
		return (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			profile.identity.credentialType,
			options,
			{
				credentialsDecrypted: {
					id: '',
					name: '',
					type: profile.identity.credentialType,
					data: connection.credentials,
				},
			},
		)) as IN8nHttpFullResponse;
	};
	for (let attempts = 1; ; attempts++) {
		let response: IN8nHttpFullResponse;
		try {
			response =
				connection.requestsPerSecond > 0
					? await rateBudgets.run(connection.account, connection.requestsPerSecond, sendOnce)
					: await sendOnce();
		} catch (error) {
			if (error instanceof StaleWriteError) throw passOn(ctx.getNode(), error);
			// The underlying error carries the request configuration, headers included: never pass it on.
			if (idempotent && transient < TRANSIENT_RETRIES) {
				await sleep(transientWait(transient++));
				continue;
			}
			throw unreachableError(ctx.getNode(), hostOf(baseUrl), errorCode(error), request, attempts);
		}
		if (request.method === 'GET') connection.sent.reads++;
		else connection.sent.writes++;
		if (response.statusCode === 429) connection.sent.rateLimited++;
		if (response.statusCode === 429 && rateLimited < RATE_LIMIT_RETRIES) {
			await sleep(rateLimitWait(response.headers?.['retry-after'], rateLimited++));
			continue;
		}
		if (
			idempotent &&
			(TRANSIENT_STATUS.has(response.statusCode) ||
				(request.method === 'GET' && garbled(response))) &&
			transient < TRANSIENT_RETRIES
		) {
			await sleep(transientWait(transient++));
			continue;
		}
		return { response, attempts };
	}
}

/**
 * Sends one SCIM request: the only place the package talks HTTP.
 * Authentication comes from the credential through httpRequestWithAuthentication;
 * every request waits its turn under the rate limit, and a 429 is retried after
 * the wait the service asks for. Answers of 400 and above become NodeApiErrors
 * with the SCIM status, scimType and detail; a PATCH or PUT answered without a body
 * (204, or cut off) is followed by a GET, so callers receive the resource as it now is.
 */
export async function scimRequest<T>(
	connection: ScimConnection,
	request: ScimRequest,
): Promise<T | undefined> {
	const { ctx, profile, secrets } = connection;
	// A dry run reads as usual and writes nothing: the write is kept as planned.
	if (connection.planned && request.method !== 'GET') {
		connection.planned.push({
			method: request.method,
			path: request.path,
			body: request.body ?? null,
		});
		// What a planned write would leave is what a later read of the same dry run sees.
		const answer = request.dryRunAnswer as (T & IDataObject) | undefined;
		if (request.method !== 'POST' && answer && typeof answer === 'object' && 'id' in answer)
			(connection.memo.planned ??= new Map()).set(request.path, answer);
		return answer;
	}
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}${request.path}`,
		qs: request.qs,
		headers: request.ifMatch
			? { Accept: profile.protocol.mediaType, 'If-Match': request.ifMatch }
			: { Accept: profile.protocol.mediaType },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (request.body !== undefined) {
		options.body = request.body;
		options.headers = { ...options.headers, 'Content-Type': profile.protocol.mediaType };
	}

	const { response, attempts } = await send(connection, options, request);
	const status = response.statusCode;
	if (status >= 400) {
		throw scimApiError(
			ctx.getNode(),
			parseScimError(status, response.body),
			request,
			secrets,
			attempts,
			hintFor(status, request, profile.protocol.invalidTokenStatus, profile.identity.displayName),
		);
	}
	if (request.method === 'GET' && garbled(response)) {
		throw garbledAnswerError(ctx.getNode(), request, attempts);
	}
	// No usable body (204, empty, or cut off on the way): a change is read back, anything else is unknown.
	if (!response.body || typeof response.body !== 'object') {
		if (request.method === 'PATCH' || request.method === 'PUT') {
			return await scimRequest<T>(connection, { method: 'GET', path: request.path });
		}
		return undefined;
	}
	return response.body as T;
}
