import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import type { ScimConnection } from './connection';
import { parseScimError, scimApiError, unreachableError } from './errors';

export interface ScimRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, ids already encoded (see `resourcePath`). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

const SCIM_MEDIA_TYPE = 'application/scim+json';

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

/**
 * Sends one SCIM request: the only place the package talks HTTP.
 * Authentication comes from the credential through httpRequestWithAuthentication.
 * Answers of 400 and above become NodeApiErrors with the SCIM status, scimType
 * and detail; a PATCH answered with 204 is followed by a GET of the resource,
 * so callers always receive the resource as it now is.
 */
export async function scimRequest<T>(
	connection: ScimConnection,
	request: ScimRequest,
): Promise<T | undefined> {
	const { ctx, profile, baseUrl, secrets } = connection;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		headers: { Accept: SCIM_MEDIA_TYPE },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (request.body !== undefined) {
		options.body = request.body;
		options.headers = { ...options.headers, 'Content-Type': SCIM_MEDIA_TYPE };
	}

	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			profile.credentialType,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		// The underlying error carries the request configuration, headers included: never pass it on.
		throw unreachableError(ctx.getNode(), hostOf(baseUrl), errorCode(error), request);
	}

	const status = response.statusCode;
	if (status >= 400) {
		throw scimApiError(ctx.getNode(), parseScimError(status, response.body), request, secrets);
	}
	if (
		status === 204 ||
		response.body === '' ||
		response.body === undefined ||
		response.body === null
	) {
		if (request.method === 'PATCH')
			return await scimRequest<T>(connection, { method: 'GET', path: request.path });
		return undefined;
	}
	return response.body as T;
}
