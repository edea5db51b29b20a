import { forward, whenRead } from './forward';
import { listenOnLoopback } from './loopback';

/**
 * A proxy on 127.0.0.1 in front of a SCIM server that rewrites JSON answers: lets a test
 * play a service that is not ours (one that leaves attributes out of some answers).
 */
export async function startRewritingProxy(
	targetBaseUrl: string,
	rewrite: (request: { method: string; path: string }, body: unknown) => unknown,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
	const target = new URL(targetBaseUrl);
	const server = await listenOnLoopback((incoming, outgoing) =>
		whenRead(incoming, (body) =>
			forward(target, incoming, body, outgoing, ({ status, headers, data }) => {
				const path = (incoming.url ?? '').replace(target.pathname, '');
				let answer = data;
				try {
					const parsed: unknown = JSON.parse(data.toString('utf8'));
					answer = Buffer.from(
						JSON.stringify(rewrite({ method: incoming.method ?? 'GET', path }, parsed)),
					);
				} catch {
					// Not JSON: passed on as it is.
				}
				outgoing.writeHead(status, headers);
				outgoing.end(answer);
			}),
		),
	);
	return { baseUrl: `http://127.0.0.1:${server.port}${target.pathname}`, close: server.close };
}
