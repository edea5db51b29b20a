import { combine, decodeId, digits, encodeId, hash32 } from './hash';
import { canonical, WATCHED_GROUP_FIELDS, WATCHED_USER_FIELDS } from './watched';
import type { ScimGroup, ScimUser } from '../scim/types';

/** What the snapshot keeps of one user: enough to tell what changed, not the values. */
export interface UserRecord {
	active: boolean;
	/** Hash of every watched attribute: a change anywhere changes it. */
	hash: string;
	/** One digit per watched attribute, to name which ones changed. */
	fields: string;
	/** Ids of the groups the user is in (only when membership is watched). */
	groups?: string[];
}

/** What the snapshot keeps of one group: its name in full (names are short and few), a hash of the rest. */
export interface GroupRecord {
	displayName: string;
	hash: string;
}

export interface Snapshot {
	users?: Map<string, UserRecord>;
	groups?: Map<string, GroupRecord>;
}

/** The trigger's stored state: JSON primitives only, one string per resource type. */
interface StoredSnapshot {
	v: 1;
	/** The settings the snapshot was taken under; another value means a new baseline. */
	key: string;
	users?: string;
	groups?: string;
}

const HASH_LENGTH = 5;

export function userRecord(user: ScimUser, groups?: string[]): UserRecord {
	// One hash per watched attribute names what changed; their combination tells that anything did.
	const hashes = WATCHED_USER_FIELDS.map(({ read }) => hash32(canonical(read(user))));
	return {
		active: user.active !== false,
		hash: digits(combine(hashes), HASH_LENGTH),
		fields: hashes.map((hash) => digits(hash, 1)).join(''),
		groups,
	};
}

export function groupRecord(group: ScimGroup): GroupRecord {
	const rest = WATCHED_GROUP_FIELDS.filter(({ field }) => field !== 'displayName').map(({ read }) =>
		hash32(canonical(read(group))),
	);
	return { displayName: String(group.displayName ?? ''), hash: digits(combine(rest), HASH_LENGTH) };
}

/**
 * Entries are separated by spaces and their parts by "|": neither occurs in an
 * encoded id, a hash digit or a percent-encoded name, and neither needs escaping in JSON.
 */
export function encodeSnapshot(snapshot: Snapshot, key: string): StoredSnapshot {
	const stored: StoredSnapshot = { v: 1, key };
	const groupIndex = new Map<string, number>();
	if (snapshot.groups) {
		stored.groups = [...snapshot.groups]
			.map(([id, group], index) => {
				groupIndex.set(id, index);
				return `${encodeId(id)}|${encodeURIComponent(group.displayName)}|${group.hash}`;
			})
			.join(' ');
	}
	if (snapshot.users) {
		stored.users = [...snapshot.users]
			.map(([id, user]) => {
				const head = `${encodeId(id)}|${user.active ? '1' : '0'}${user.hash}${user.fields}`;
				if (!user.groups) return head;
				const refs = user.groups
					.map((group) => groupIndex.get(group))
					.filter((index) => index !== undefined);
				return `${head}|${refs.map((index) => index.toString(36)).join('.')}`;
			})
			.join(' ');
	}
	return stored;
}

export function decodeSnapshot(stored: StoredSnapshot): Snapshot {
	const snapshot: Snapshot = {};
	const groupIds: string[] = [];
	if (stored.groups !== undefined) {
		snapshot.groups = new Map();
		for (const entry of stored.groups ? stored.groups.split(' ') : []) {
			const [id, name, hash] = entry.split('|');
			groupIds.push(decodeId(id));
			snapshot.groups.set(decodeId(id), { displayName: decodeURIComponent(name), hash });
		}
	}
	if (stored.users !== undefined) {
		snapshot.users = new Map();
		const fieldCount = WATCHED_USER_FIELDS.length;
		for (const entry of stored.users ? stored.users.split(' ') : []) {
			const [id, body, refs] = entry.split('|');
			snapshot.users.set(decodeId(id), {
				active: body[0] === '1',
				hash: body.slice(1, 1 + HASH_LENGTH),
				fields: body.slice(1 + HASH_LENGTH, 1 + HASH_LENGTH + fieldCount),
				groups:
					refs === undefined
						? undefined
						: refs === ''
							? []
							: refs.split('.').map((ref) => groupIds[parseInt(ref, 36)]),
			});
		}
	}
	return snapshot;
}

export function isStoredSnapshot(value: unknown): value is StoredSnapshot {
	return (
		!!value &&
		typeof value === 'object' &&
		(value as StoredSnapshot).v === 1 &&
		typeof (value as StoredSnapshot).key === 'string'
	);
}
