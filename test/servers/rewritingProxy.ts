import { request as forward } from 'node:http';

import { listenOnLoopback } from '../servers/loopback';

/**
 * A proxy on 127.0.0.1 in front of a SCIM server that rewrites JSON answers: lets a test
 * play a service that is not ours (one that leaves attributes out of some answers).
 */
export async function startRewritingProxy(
	targetBaseUrl: string,
	rewrite: (request: { method: string; path: string }, body: unknown) => unknown,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
	const target = new URL(targetBaseUrl);
	const server = await listenOnLoopback((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const upstream = forward(
				{
					host: target.hostname,
					port: target.port,
					method: incoming.method,
					path: incoming.url,
					headers: { ...incoming.headers, host: target.host },
				},
				(answer) => {
					const parts: Buffer[] = [];
					answer.on('data', (chunk: Buffer) => parts.push(chunk));
					answer.on('end', () => {
						let data = Buffer.concat(parts);
						const path = (incoming.url ?? '').replace(target.pathname, '');
						if (data.length > 0) {
							try {
								const parsed = JSON.parse(data.toString('utf8'));
								data = Buffer.from(
									JSON.stringify(rewrite({ method: incoming.method ?? 'GET', path }, parsed)),
								);
							} catch {
								// not JSON: pass on as is
							}
						}
						const headers = { ...answer.headers };
						delete headers['content-length'];
						delete headers['transfer-encoding'];
						outgoing.writeHead(answer.statusCode ?? 502, headers);
						outgoing.end(data);
					});
				},
			);
			upstream.on('error', () => outgoing.socket?.destroy());
			upstream.end(Buffer.concat(chunks));
		});
	});
	return { baseUrl: `http://127.0.0.1:${server.port}${target.pathname}`, close: server.close };
}
