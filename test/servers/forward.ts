import { request } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** A target's whole answer to a forwarded request. */
export interface Answer {
	status: number;
	/** Its headers, without the length and encoding of a body a proxy may change. */
	headers: OutgoingHttpHeaders;
	data: Buffer;
}

/**
 * Sends a request on to the target as it came (the test proxies' one way of doing so)
 * and hands the whole answer over; a connection the target breaks breaks the client's.
 */
export function forward(
	target: URL,
	incoming: IncomingMessage,
	body: Buffer,
	outgoing: ServerResponse,
	answered: (answer: Answer) => void,
): void {
	const upstream = request(
		{
			host: target.hostname,
			port: target.port,
			method: incoming.method,
			path: incoming.url,
			headers: { ...incoming.headers, host: target.host },
		},
		(answer) => {
			const chunks: Buffer[] = [];
			answer.on('data', (chunk: Buffer) => chunks.push(chunk));
			answer.on('end', () => {
				const headers: OutgoingHttpHeaders = { ...answer.headers };
				delete headers['content-length'];
				delete headers['transfer-encoding'];
				answered({ status: answer.statusCode ?? 502, headers, data: Buffer.concat(chunks) });
			});
		},
	);
	upstream.on('error', () => outgoing.socket?.destroy());
	upstream.end(body);
}

/** Reads a request's whole body, then calls on. */
export function whenRead(incoming: IncomingMessage, then: (body: Buffer) => void): void {
	const chunks: Buffer[] = [];
	incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
	incoming.on('end', () => then(Buffer.concat(chunks)));
}
