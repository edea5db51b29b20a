/**
 * Keeps the listings that must prove a whole list apart from the writes that move its total,
 * across every execution in this n8n process. A listing pages through every resource of a
 * type and fails when the service's total moves while it pages; a create or delete of that
 * type on the same account moves it. Listings wait for the creates and deletes already sent
 * and hold back new ones while they page; creates and deletes go on side by side otherwise,
 * and so do listings. A key with nothing running or waiting holds no memory.
 */
interface GateState {
	moving: number;
	reading: number;
	waitingToRead: number;
	wakers: Array<() => void>;
}

export class ListingGate {
	private readonly states = new Map<string, GateState>();

	/** A create or delete: waits while a listing pages or is about to. */
	async moving<T>(key: string, work: () => Promise<T>): Promise<T> {
		const state = this.stateOf(key);
		while (state.reading > 0 || state.waitingToRead > 0) await this.turn(state);
		state.moving++;
		try {
			return await work();
		} finally {
			state.moving--;
			this.release(key, state);
		}
	}

	/** A listing that must prove itself whole: waits until no create or delete is under way. */
	async reading<T>(key: string, work: () => Promise<T>): Promise<T> {
		const state = this.stateOf(key);
		state.waitingToRead++;
		try {
			while (state.moving > 0) await this.turn(state);
		} finally {
			state.waitingToRead--;
		}
		state.reading++;
		try {
			return await work();
		} finally {
			state.reading--;
			this.release(key, state);
		}
	}

	/** How many keys are held or waited for (idle keys are released). */
	get size(): number {
		return this.states.size;
	}

	private stateOf(key: string): GateState {
		let state = this.states.get(key);
		if (!state) {
			state = { moving: 0, reading: 0, waitingToRead: 0, wakers: [] };
			this.states.set(key, state);
		}
		return state;
	}

	private async turn(state: GateState): Promise<void> {
		await new Promise<void>((resolve) => state.wakers.push(resolve));
	}

	private release(key: string, state: GateState): void {
		const wakers = state.wakers.splice(0);
		for (const wake of wakers) wake();
		if (state.moving + state.reading + state.waitingToRead === 0 && wakers.length === 0)
			this.states.delete(key);
	}
}

/** The one gate of this n8n process. */
export const listingGate = new ListingGate();
