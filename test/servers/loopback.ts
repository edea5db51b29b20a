import { createServer } from 'node:http';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server listening on 127.0.0.1 only. */
export interface Loopback {
	/** The port it listens on (the one asked for, or a free one for 0). */
	port: number;
	/** Stops listening and ends open connections, so nothing keeps the process alive. */
	close(): Promise<void>;
}

/** Serves `handler` (an express app, or a plain request listener) on 127.0.0.1. */
export async function listenOnLoopback(handler: RequestListener, port = 0): Promise<Loopback> {
	const server = createServer(handler);
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
