import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

/** Whether a request failed with this HTTP status. */
export function hasStatus(error: unknown, status: number): boolean {
	return error instanceof NodeApiError && error.httpCode === String(status);
}

/** The parts of a SCIM error response (RFC 7644 §3.12) the nodes report. */
interface ScimErrorDetails {
	status: number;
	scimType?: string;
	detail?: string;
}

const MAX_DETAIL_LENGTH = 500;

const HINTS: Record<number, string> = {
	400: 'The service rejected the request as invalid. Check the values sent in this item.',
	401: 'The service did not accept the credential. Check the token (or username and password) in the credential.',
	403: 'The credential is valid but may not do this. Check the token’s permissions or scope in the service’s admin settings.',
	404: 'Nothing exists at that id. Check the id, or look the resource up by userName or displayName instead.',
	409: 'A resource with the same unique value already exists.',
	412: 'The resource changed since it was read. Run the node again.',
	413: 'The request is larger than the service accepts.',
	429: 'The service is rate limiting requests. Lower “Parallel Requests” or the credential’s request rate.',
	500: 'The SCIM service failed while handling the request.',
	501: 'The SCIM service does not implement this operation.',
	502: 'A gateway in front of the SCIM service failed.',
	503: 'The SCIM service is unavailable right now.',
	504: 'A gateway in front of the SCIM service timed out.',
};

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

/**
 * Reads status, scimType and detail from whatever the service answered:
 * a SCIM error object, another JSON shape, plain text or nothing.
 */
export function parseScimError(status: number, body: unknown): ScimErrorDetails {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const object = body as Record<string, unknown>;
		const detail =
			text(object.detail) ??
			text(object.message) ??
			text(object.error_description) ??
			text(object.error);
		return { status, scimType: text(object.scimType), detail: detail?.slice(0, MAX_DETAIL_LENGTH) };
	}
	const raw = text(body);
	return { status, detail: raw?.slice(0, MAX_DETAIL_LENGTH) };
}

/** Removes every secret value from a text, wherever it appears. */
export function redact(value: string, secrets: readonly string[]): string {
	let result = value;
	for (const secret of secrets) {
		if (secret.length >= 4) result = result.split(secret).join('[redacted]');
	}
	return result;
}

/** A service's error answer: n8n's NodeApiError, keeping the SCIM details for callers to inspect. */
export class ScimApiError extends NodeApiError {
	constructor(
		node: INode,
		readonly scim: ScimErrorDetails,
		message: string,
		description: string,
	) {
		const payload: JsonObject = { status: scim.status };
		if (scim.scimType) payload.scimType = scim.scimType;
		if (scim.detail) payload.detail = scim.detail;
		super(node, payload, { message, description, httpCode: String(scim.status) });
	}
}

/**
 * What to do about an error answer, said for this vendor and this request: a vendor may
 * answer a bad token with 403 (then 401 means something else), and a 400 to a listing
 * is about its filter, not about the item's values.
 */
export function hintFor(
	status: number,
	request: { method: string; qs?: IDataObject },
	invalidTokenStatus: 401 | 403,
	vendorName: string,
): string {
	const vendor = vendorName.charAt(0).toUpperCase() + vendorName.slice(1);
	if (status === invalidTokenStatus)
		return `${vendor} did not accept the credential (${status}). Check the token (or username and password) in the credential.`;
	if (status === 401)
		return `${vendor} answers 401 for a group or user that does not exist in the organisation (a token it does not accept gets ${invalidTokenStatus}). Check the group or user selected.`;
	if (status === 400 && request.method === 'GET' && typeof request.qs?.filter === 'string')
		return `${vendor} did not accept the SCIM filter ${request.qs.filter}. If you wrote it under “Raw SCIM Filter”, check it there; otherwise the service does not support filtering this way.`;
	return HINTS[status] ?? 'See the detail returned by the service.';
}

/** A SCIM error answer as a ScimApiError carrying status, scimType and detail, without secrets. */
export function scimApiError(
	node: INode,
	details: ScimErrorDetails,
	request: { method: string; path: string },
	secrets: readonly string[],
	attempts = 1,
	hint = HINTS[details.status] ?? 'See the detail returned by the service.',
): ScimApiError {
	const detail = details.detail ? redact(details.detail, secrets) : undefined;
	const kind = details.scimType ? ` (${details.scimType})` : '';
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	const message = `SCIM ${request.method} ${request.path} failed with ${details.status}${kind}${tries}${detail ? `: ${detail}` : ''}`;
	return new ScimApiError(node, { ...details, detail }, message, hint);
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was dropped',
	EPIPE: 'the connection was dropped',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ENOTFOUND: 'the host name is unknown',
	EAI_AGAIN: 'the host name could not be looked up',
};

/**
 * A request that never got an HTTP answer (refused, dropped, timed out). The message
 * names the failure in words: n8n replaces messages that contain a raw code.
 */
class ScimUnreachableError extends NodeApiError {}

export function unreachableError(
	node: INode,
	host: string,
	code: string | undefined,
	request: { method: string; path: string },
	attempts = 1,
): ScimUnreachableError {
	const reason = (code && NETWORK_FAILURES[code]) ?? 'no answer came back';
	const tries = attempts > 1 ? ` in ${attempts} attempts` : '';
	return new ScimUnreachableError(node, code ? { networkError: code } : {}, {
		message: `SCIM ${request.method} ${request.path} got no answer from ${host}${tries}: ${reason}`,
		description: 'Check the Base URL in the credential and that the service is reachable from n8n.',
	});
}

/**
 * A write computed from a reading that has grown too old to send (see `notAfter` on a
 * request): it was not sent, so nothing changed, and the reading is to be made again.
 */
export class StaleWriteError extends NodeOperationError {
	constructor(node: INode, request: { method: string; path: string }) {
		super(
			node,
			`SCIM ${request.method} ${request.path} was not sent: the service was too busy to take it soon enough after the list it was computed from was read`,
			{
				description:
					'Nothing was changed. Run the node again; if it persists, lower Parallel Requests or run fewer executions against this service at once.',
			},
		);
	}
}

/** A failure after which nobody knows whether the service applied the request. */
export function isAmbiguous(error: unknown): boolean {
	return (
		error instanceof ScimUnreachableError ||
		(error instanceof ScimApiError && error.scim.status >= 500)
	);
}

/** A read whose answer stayed unreadable (cut off, not JSON): never to be taken as "nothing there". */
export function garbledAnswerError(
	node: INode,
	request: { method: string; path: string },
	attempts: number,
): NodeApiError {
	const tries = attempts > 1 ? ` in ${attempts} attempts` : '';
	return new NodeApiError(
		node,
		{},
		{
			message: `SCIM ${request.method} ${request.path} got an answer that is not JSON${tries}: it was cut off or garbled on the way`,
			description:
				'Nothing was changed. Run the node again; if it persists, check proxies between n8n and the service.',
		},
	);
}

/**
 * An error caught on its way up, to be thrown on. This package's requests fail only with
 * NodeApiError or NodeOperationError, which pass unchanged; anything else is a bug, and is
 * wrapped so that n8n still shows it as this node's error.
 */
export function passOn(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}
