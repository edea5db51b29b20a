import type { IncomingMessage, ServerResponse } from 'node:http';

import { forward, whenRead } from './forward';
import { listenOnLoopback } from './loopback';

/**
 * Faults a flaky SCIM service shows:
 * - `500`, `502`, `503`: an error answer, the request not applied;
 * - `429`: rate limited with Retry-After, `429-bare`: without it;
 * - `drop`: the connection closed before any answer, the request not applied;
 * - `truncate`: the real answer with its body cut off half-way;
 * - `lost`: the request applied, then the connection closed before the answer;
 * - `slow`: the real answer, 200 ms late.
 */
export type FaultKind =
	'500' | '502' | '503' | '429' | '429-bare' | 'drop' | 'truncate' | 'lost' | 'slow';

export interface FaultPlan {
	/** Share of requests that get a fault, 0..1. */
	rate: number;
	seed: number;
	kinds: FaultKind[];
	/** Only requests with these methods get faults (all when absent). */
	methods?: string[];
	/** A further share of requests answered 429, half of them with Retry-After. */
	rateLimits?: number;
}

export interface FaultProxy {
	/** The target's base URL, through the proxy. */
	baseUrl: string;
	/** Faults injected so far, by kind. */
	injected: Record<string, number>;
	/** Switches faults on or off (requests always pass through). */
	enabled: boolean;
	close(): Promise<void>;
}

/** A small, seedable PRNG (mulberry32): the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function errorBody(status: string) {
	return JSON.stringify({
		schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
		status,
		detail: 'Injected fault',
	});
}

/** A proxy on 127.0.0.1 in front of `targetBaseUrl` that injects faults by seed. */
export async function startFaultProxy(targetBaseUrl: string, plan: FaultPlan): Promise<FaultProxy> {
	const target = new URL(targetBaseUrl);
	const random = seededRandom(plan.seed);
	const injected: Record<string, number> = {};
	const state = { enabled: true };

	function choose(method: string): FaultKind | undefined {
		if (!state.enabled || (plan.methods && !plan.methods.includes(method))) return undefined;
		const roll = random();
		if (roll < (plan.rateLimits ?? 0)) {
			const kind: FaultKind = random() < 0.5 ? '429' : '429-bare';
			injected[kind] = (injected[kind] ?? 0) + 1;
			return kind;
		}
		if (roll >= (plan.rateLimits ?? 0) + plan.rate) return undefined;
		const kind = plan.kinds[Math.floor(random() * plan.kinds.length)];
		injected[kind] = (injected[kind] ?? 0) + 1;
		return kind;
	}

	function pass(
		incoming: IncomingMessage,
		body: Buffer,
		outgoing: ServerResponse,
		fault: FaultKind | undefined,
	) {
		forward(target, incoming, body, outgoing, ({ status, headers, data }) => {
			if (fault === 'lost') {
				outgoing.socket?.destroy();
				return;
			}
			const send = () => {
				outgoing.writeHead(status, headers);
				outgoing.end(fault === 'truncate' ? data.subarray(0, Math.floor(data.length / 2)) : data);
			};
			if (fault === 'slow') setTimeout(send, 200);
			else send();
		});
	}

	const server = await listenOnLoopback((incoming, outgoing) => {
		whenRead(incoming, (body) => {
			const fault = choose(incoming.method ?? 'GET');
			switch (fault) {
				case '500':
				case '502':
				case '503':
					outgoing
						.writeHead(Number(fault), { 'Content-Type': 'application/scim+json' })
						.end(errorBody(fault));
					return;
				case '429':
					outgoing
						.writeHead(429, { 'Content-Type': 'application/scim+json', 'Retry-After': '0' })
						.end(errorBody('429'));
					return;
				case '429-bare':
					outgoing
						.writeHead(429, { 'Content-Type': 'application/scim+json' })
						.end(errorBody('429'));
					return;
				case 'drop':
					incoming.socket.destroy();
					return;
				default:
					pass(incoming, body, outgoing, fault);
			}
		});
	});
	return {
		baseUrl: `http://127.0.0.1:${server.port}${target.pathname}`,
		injected,
		get enabled() {
			return state.enabled;
		},
		set enabled(value: boolean) {
			state.enabled = value;
		},
		close: server.close,
	};
}
