import { randomUUID } from 'node:crypto';

/** A stored SCIM resource: plain JSON as the service holds it. */
export type Stored = Record<string, unknown> & { id: string };

export interface StoredUser extends Stored {
	userName: string;
	active?: boolean;
	name?: { givenName?: string; familyName?: string };
	emails?: Array<{ value: string; primary?: boolean; type?: string }>;
	displayName?: string;
	externalId?: string;
	title?: string;
}

export interface StoredGroup extends Stored {
	displayName: string;
	members: Array<{ value: string; display?: string }>;
}

export interface UserSeed {
	userName: string;
	active?: boolean;
	givenName?: string;
	familyName?: string;
	displayName?: string;
	email?: string;
	externalId?: string;
	title?: string;
}

const lower = (value: unknown) => String(value ?? '').toLowerCase();

/** A group as a user's read-only `groups` attribute lists it. */
interface GroupReference {
	value: string;
	display: string;
	type: string;
}

const referenceTo = (group: StoredGroup): GroupReference => ({
	value: group.id,
	display: group.displayName,
	type: 'direct',
});

/** In-memory users and groups, with the uniqueness rules a SCIM service enforces. */
export class ScimStore {
	readonly users = new Map<string, StoredUser>();

	readonly groups = new Map<string, StoredGroup>();

	private versions = 0;

	/** A new resource version (RFC 7644 §3.14), as a weak ETag. */
	nextVersion(): string {
		return `W/"${++this.versions}"`;
	}

	/** The version of the resource at a path such as /Groups/{id}, if it has one. */
	versionAt(path: string): string | undefined {
		const [, type, id] = path.split('/');
		const resource =
			type === 'Users' ? this.users.get(id) : type === 'Groups' ? this.groups.get(id) : undefined;
		return (resource?.meta as { version?: string } | undefined)?.version;
	}

	userByName(userName: string): StoredUser | undefined {
		const wanted = lower(userName);
		for (const user of this.users.values()) if (lower(user.userName) === wanted) return user;
		return undefined;
	}

	groupByName(displayName: string): StoredGroup | undefined {
		const wanted = lower(displayName);
		for (const group of this.groups.values()) if (lower(group.displayName) === wanted) return group;
		return undefined;
	}

	groupIdsOf(userId: string): string[] {
		return [...this.groups.values()]
			.filter((group) => group.members.some((member) => member.value === userId))
			.map((group) => group.id);
	}

	/** Each user's groups, as the read-only `groups` attribute shows them. */
	membershipIndex(): Map<string, GroupReference[]> {
		const index = new Map<string, GroupReference[]>();
		for (const group of this.groups.values()) {
			for (const member of group.members) {
				const entries = index.get(member.value);
				if (entries) entries.push(referenceTo(group));
				else index.set(member.value, [referenceTo(group)]);
			}
		}
		return index;
	}

	/** One user's groups, in the order `membershipIndex` gives them, read without indexing everyone. */
	private groupsOf(userId: string): GroupReference[] {
		const entries: GroupReference[] = [];
		for (const group of this.groups.values()) {
			for (const member of group.members) {
				if (member.value === userId) entries.push(referenceTo(group));
			}
		}
		return entries;
	}

	/** A user as the service shows it, with its read-only `groups` (pass an index when presenting many). */
	presentUser(user: StoredUser, index?: Map<string, GroupReference[]>): StoredUser {
		return {
			...(JSON.parse(JSON.stringify(user)) as StoredUser),
			groups: index ? (index.get(user.id) ?? []) : this.groupsOf(user.id),
		};
	}

	addUser(seed: UserSeed): StoredUser {
		const user: StoredUser = {
			id: randomUUID(),
			userName: seed.userName,
			active: seed.active ?? true,
			name: { givenName: seed.givenName, familyName: seed.familyName },
			displayName:
				seed.displayName ??
				[seed.givenName, seed.familyName].filter(Boolean).join(' ') ??
				undefined,
			emails: [{ value: seed.email ?? seed.userName, primary: true, type: 'work' }],
			meta: { version: this.nextVersion() },
		};
		if (seed.externalId) user.externalId = seed.externalId;
		if (seed.title) user.title = seed.title;
		this.users.set(user.id, user);
		return user;
	}

	addGroup(displayName: string, memberIds: string[] = []): StoredGroup {
		const group: StoredGroup = {
			id: randomUUID(),
			displayName,
			members: memberIds.map((value) => ({ value })),
			meta: { version: this.nextVersion() },
		};
		this.groups.set(group.id, group);
		return group;
	}

	removeUser(id: string): boolean {
		for (const group of this.groups.values())
			group.members = group.members.filter((member) => member.value !== id);
		return this.users.delete(id);
	}
}
