import type { ScimGroup, ScimUser } from '../../../scim/types';
import { keyOf } from './match';
import type { Person, PlannedGroup, SyncSettings, VendorFacts } from './types';

/** A person's group changes, or why they cannot be planned (the person is then held). */
export type GroupChanges =
	| { added: PlannedGroup[]; removed: PlannedGroup[] }
	| { reason: 'invalid' | 'conflict'; detail: string };

/**
 * The groups Sync manages, and who is in them: the groups named in the input (or those
 * given under Managed Groups), found in the app by name. A name two groups share is never
 * managed: which one is meant is not known.
 */
export class ManagedGroups {
	readonly groups: ScimGroup[];

	/** Names the input or setting gives that no group has yet, each as first spelled. */
	private readonly missing = new Map<string, string>();

	private readonly byName = new Map<string, ScimGroup[]>();

	private readonly managedIds: Set<string>;

	private readonly managedNames: Set<string>;

	constructor(
		appGroups: readonly ScimGroup[],
		private readonly membership: ReadonlyMap<string, readonly string[]> | undefined,
		private readonly settings: SyncSettings,
		private readonly vendor: VendorFacts,
		people: readonly Person[],
	) {
		for (const group of appGroups)
			this.byName.set(keyOf(group.displayName), [
				...(this.byName.get(keyOf(group.displayName)) ?? []),
				group,
			]);
		const names =
			settings.managedGroups ?? people.flatMap((person) => (person.leaver ? [] : person.groups));
		this.managedNames = new Set(names.map(keyOf));
		this.groups = [...this.managedNames]
			.map((name) => this.byName.get(name) ?? [])
			.filter((found) => found.length === 1)
			.map(([group]) => group);
		this.managedIds = new Set(this.groups.map((group) => group.id));
		// A group to create gets one spelling of its name, the same whatever the order of the rows.
		for (const name of names) {
			const spelled = this.missing.get(keyOf(name));
			if (!this.byName.has(keyOf(name)) && (spelled === undefined || name < spelled))
				this.missing.set(keyOf(name), name);
		}
	}

	/** The managed groups an account is in. */
	managedOf(account: ScimUser): PlannedGroup[] {
		const ids = new Set(this.membership?.get(account.id) ?? []);
		return this.groups.filter((group) => ids.has(group.id)).map(named);
	}

	/** The groups an account is in that Sync does not manage (the vendor's fallback group aside). */
	private unmanagedOf(account: ScimUser): ScimGroup[] {
		const fallback = this.vendor.defaultGroupName && keyOf(this.vendor.defaultGroupName);
		return [...this.byName.values()]
			.flat()
			.filter(
				(group) =>
					(this.membership?.get(account.id) ?? []).includes(group.id) &&
					!this.managedIds.has(group.id) &&
					keyOf(group.displayName) !== fallback,
			);
	}

	/** Where a person wants to be: the groups named, found (or to be created), each managed. */
	private wanted(
		person: Person,
	): PlannedGroup[] | { reason: 'invalid' | 'conflict'; detail: string } {
		const wanted: PlannedGroup[] = [];
		const vendor = this.vendor.displayName;
		for (const name of person.groups) {
			const found = this.byName.get(keyOf(name)) ?? [];
			if (found.length > 1)
				return {
					reason: 'conflict',
					detail: `${found.length} groups in ${vendor} are named ${JSON.stringify(name)}: which one is meant is not known`,
				};
			if (!this.managedNames.has(keyOf(name)))
				return {
					reason: 'invalid',
					detail: `“Groups” names ${JSON.stringify(name)}, which is not among “Managed Groups”: add it there, or leave it out for this person`,
				};
			if (found.length === 1) wanted.push(named(found[0]));
			else if (this.settings.createMissingGroups) {
				const displayName = this.missing.get(keyOf(name)) ?? name;
				const refusal = this.vendor.groupNameRefusal(displayName);
				if (refusal)
					return {
						reason: 'invalid',
						detail: `“Groups” names ${JSON.stringify(name)}, which does not exist in ${vendor} and cannot be created there: the name ${refusal.problem}`,
					};
				wanted.push({ displayName });
			} else
				return {
					reason: 'invalid',
					detail: `“Groups” names ${JSON.stringify(name)}, which does not exist in ${vendor}: create it there, or turn on “Create Missing Groups”`,
				};
		}
		return wanted;
	}

	/** A person's changes within the managed groups; all of `wanted` for a person without an account yet. */
	changesFor(person: Person, account: ScimUser | undefined): GroupChanges {
		if (this.settings.groupMembership === 'ignore') return { added: [], removed: [] };
		const wanted = this.wanted(person);
		if (!Array.isArray(wanted)) return wanted;
		const current = account ? this.managedOf(account) : [];
		const has = new Set(current.map((group) => group.id));
		const keep = new Set(wanted.map((group) => group.id ?? `new:${keyOf(group.displayName)}`));
		const added = wanted.filter((group) => group.id === undefined || !has.has(group.id));
		const removed =
			this.settings.groupMembership === 'exact'
				? current.filter((group) => !keep.has(group.id ?? ''))
				: [];
		if (account && this.vendor.defaultGroupName && added.length > 0) {
			// One group per person: any group they stay in blocks the move, and Sync leaves only its own.
			const unmanaged = this.unmanagedOf(account);
			const staying = [
				...unmanaged,
				...current.filter((group) => !removed.some((left) => left.id === group.id)),
			];
			if (staying.length > 0)
				return {
					reason: 'conflict',
					detail: `the person is in ${JSON.stringify(staying[0].displayName)}, and ${this.vendor.displayName} allows one group per person: ${
						unmanaged.length > 0
							? 'add that group to “Managed Groups” to let Sync move them'
							: '“Group Membership” is Add Only, which never takes anyone out of a group'
					}`,
				};
		}
		return { added, removed };
	}
}

const named = (group: ScimGroup): PlannedGroup => ({
	id: group.id,
	displayName: group.displayName,
});
