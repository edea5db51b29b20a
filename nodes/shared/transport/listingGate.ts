/**
 * Keeps the listings that must prove a whole list apart from the writes that move its total,
 * across every execution in this n8n process. A listing pages through every resource of a
 * type and fails when the service's total moves while it pages; a create or delete of that
 * type on the same account moves it. Creates and deletes go on side by side, and so do
 * listings; the two kinds take turns in the order they asked, so neither waits for more
 * than the holds asked for before it. A key with nothing running or waiting holds no memory.
 */
type Hold = 'moving' | 'reading';

interface GateState {
	/** The kind now running, and how many of it (counted when granted, not when resumed). */
	running: number;
	kind?: Hold;
	waiting: Array<{ kind: Hold; grant: () => void }>;
}

export class ListingGate {
	private readonly states = new Map<string, GateState>();

	/** A create or delete: waits while a listing pages, or is asked for before it. */
	async moving<T>(key: string, work: () => Promise<T>): Promise<T> {
		return await this.hold(key, 'moving', work);
	}

	/** A listing that must prove itself whole: waits for the creates and deletes asked for before it. */
	async reading<T>(key: string, work: () => Promise<T>): Promise<T> {
		return await this.hold(key, 'reading', work);
	}

	/** How many keys are held or waited for (idle keys are released). */
	get size(): number {
		return this.states.size;
	}

	private async hold<T>(key: string, kind: Hold, work: () => Promise<T>): Promise<T> {
		let state = this.states.get(key);
		if (!state) {
			state = { running: 0, waiting: [] };
			this.states.set(key, state);
		}
		if (state.waiting.length === 0 && (state.running === 0 || state.kind === kind)) {
			state.running++;
			state.kind = kind;
		} else {
			const queued = state;
			await new Promise<void>((grant) => queued.waiting.push({ kind, grant }));
		}
		try {
			return await work();
		} finally {
			this.release(key, state);
		}
	}

	private release(key: string, state: GateState): void {
		if (--state.running > 0) return;
		const next = state.waiting[0]?.kind;
		state.kind = next;
		// Everyone of the next kind asked for in a row goes together.
		while (next !== undefined && state.waiting[0]?.kind === next) {
			state.running++;
			state.waiting.shift()!.grant();
		}
		if (state.running === 0 && this.states.get(key) === state) this.states.delete(key);
	}
}

/** The one gate of this n8n process. */
export const listingGate = new ListingGate();
