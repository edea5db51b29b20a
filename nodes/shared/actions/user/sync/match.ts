import type { ScimUser } from '../../../scim/types';
import type { MatchKey, Person } from './types';

/** The employee ID an account holds, where it holds one: its externalId, not blank. */
export const employeeIdOf = (account: ScimUser): string | undefined =>
	typeof account.externalId === 'string' && account.externalId.trim() !== ''
		? account.externalId
		: undefined;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** How names and ids are compared: Unicode-normalised, trimmed, case aside (a case-only difference is equal). */
export function keyOf(text: string): string {
	// NFKC leaves printable ASCII as it is; most names are, and normalising is the dear part.
	return (PRINTABLE_ASCII.test(text) ? text : text.normalize('NFKC')).trim().toLowerCase();
}

/** A person and the account they match, or why which one is meant is not known. */
export interface Matched {
	person: Person;
	account?: ScimUser;
	matchedBy?: MatchKey;
	/** Set when the match is ambiguous: nothing is written for this person. */
	conflict?: string;
}

/** Input rows that are held (invalid or conflicting), by the keys they still name. */
export interface HeldRow {
	userName?: string;
	employeeId?: string;
	previousUserNames?: string[];
}

/** Why nothing may be written to an account: hit by two people, or by a held row. */
export interface AccountHold {
	reason: 'conflict' | 'invalid';
	detail: string;
}

export interface Matching {
	matched: Matched[];
	heldAccounts: Map<string, AccountHold>;
	/**
	 * The one account a held row or a conflicting person names, where nothing else names
	 * it: shown on that row's item, so the row is answered once and the account not again.
	 */
	namedBy: Map<HeldRow | Person, ScimUser>;
}

const LABEL: Record<MatchKey, string> = {
	employeeId: 'employee ID',
	userName: 'userName',
	email: 'email',
	previousUserName: 'previous userName',
};

/** Accounts by a key: external id, userName, every email. */
class AccountIndex {
	private readonly byExternalId = new Map<string, ScimUser[]>();

	private readonly byUserName = new Map<string, ScimUser[]>();

	private readonly byEmail = new Map<string, ScimUser[]>();

	constructor(accounts: readonly ScimUser[]) {
		for (const account of accounts) {
			const employeeId = employeeIdOf(account);
			if (employeeId !== undefined) this.add(this.byExternalId, employeeId, account);
			if (typeof account.userName === 'string')
				this.add(this.byUserName, account.userName, account);
			const emails = new Set(
				(Array.isArray(account.emails) ? account.emails : [])
					.map((email) => email?.value)
					.filter((value): value is string => typeof value === 'string')
					.map(keyOf),
			);
			for (const email of emails) this.add(this.byEmail, email, account);
		}
	}

	private add(index: Map<string, ScimUser[]>, value: string, account: ScimUser) {
		const key = keyOf(value);
		index.set(key, [...(index.get(key) ?? []), account]);
	}

	/** Every key of a person, in the order they are trusted, with the accounts each hits. */
	hits(person: HeldRow & { previousUserNames?: string[]; emails?: string[] }) {
		const hits: Array<{ key: MatchKey; accounts: ScimUser[] }> = [];
		const look = (key: MatchKey, index: Map<string, ScimUser[]>, value: string | undefined) => {
			const accounts = value === undefined ? undefined : index.get(keyOf(value));
			if (accounts) hits.push({ key, accounts });
		};
		look('employeeId', this.byExternalId, person.employeeId);
		look('userName', this.byUserName, person.userName);
		for (const email of new Set([person.userName, ...(person.emails ?? [])]))
			look('email', this.byEmail, email);
		for (const previous of person.previousUserNames ?? [])
			look('previousUserName', this.byUserName, previous);
		return hits;
	}
}

const describe = (accounts: ScimUser[]) =>
	accounts.map((account) => JSON.stringify(account.userName)).join(' and ');

/** One person against the accounts: one account, none, or a conflict saying why. */
function matchOne(person: Person, index: AccountIndex): Matched {
	const hits = index.hits({ ...person, emails: personEmails(person) });
	const crowded = hits.find(({ accounts }) => accounts.length > 1);
	if (crowded) {
		return {
			person,
			conflict: `the ${LABEL[crowded.key]} matches ${crowded.accounts.length} accounts (${describe(crowded.accounts)})`,
		};
	}
	const accounts = [...new Set(hits.map(({ accounts: [account] }) => account))];
	if (accounts.length === 0) return { person };
	if (accounts.length > 1) {
		const by = (account: ScimUser) =>
			hits.find((hit) => hit.accounts[0] === account)?.key ?? 'userName';
		return {
			person,
			conflict: `the person’s keys match different accounts: ${accounts.map((account) => `${JSON.stringify(account.userName)} by ${LABEL[by(account)]}`).join(', ')}`,
		};
	}
	const [account] = accounts;
	const matchedBy = hits[0].key;
	// An address handed on to a new employee: the account's external ID names someone else.
	if (
		matchedBy !== 'employeeId' &&
		person.employeeId !== undefined &&
		employeeIdOf(account) !== undefined &&
		keyOf(employeeIdOf(account)!) !== keyOf(person.employeeId)
	) {
		return {
			person,
			conflict: `the account ${JSON.stringify(account.userName)} found by ${LABEL[matchedBy]} belongs to employee ID ${JSON.stringify(account.externalId)}, not ${JSON.stringify(person.employeeId)} (a recycled address?): nothing is done for this person while that account has the address`,
		};
	}
	return { person, account, matchedBy };
}

/** The person's email addresses beside the userName, from the Email field. */
function personEmails(person: Person): string[] {
	return person.fields
		.filter(({ field }) => field.kind === 'email')
		.map(({ value }) => String(value));
}

/**
 * Matches every person to at most one account, without a stored link: by employee ID
 * (the account's externalId), then userName, then any email, then a previous userName.
 * Ambiguity never writes: a key hitting two accounts, keys hitting different accounts, an
 * address whose account belongs to another employee ID, or an account two people hit,
 * are conflicts for everyone involved. Accounts a held row names by any key are held too,
 * so a row that could not be read never leaves its account looking abandoned.
 */
export function matchPeople(
	people: readonly Person[],
	held: ReadonlyArray<HeldRow & AccountHold>,
	accounts: readonly ScimUser[],
): Matching {
	const index = new AccountIndex(accounts);
	const matched = people.map((person) => matchOne(person, index));
	const heldAccounts: Matching['heldAccounts'] = new Map();
	/** Who names each held account: one row or person, or several. */
	const holders = new Map<string, Set<HeldRow | Person>>();
	const named = new Map<HeldRow | Person, ScimUser[]>();
	const hold = (
		holder: HeldRow | Person,
		hits: ReturnType<AccountIndex['hits']>,
		why: AccountHold,
	) => {
		const accountsHit = [...new Set(hits.flatMap(({ accounts: hit }) => hit))];
		named.set(holder, accountsHit);
		for (const account of accountsHit) {
			if (!heldAccounts.has(account.id)) heldAccounts.set(account.id, why);
			holders.set(account.id, new Set([...(holders.get(account.id) ?? []), holder]));
		}
	};
	for (const row of held) hold(row, index.hits(row), { reason: row.reason, detail: row.detail });
	// An account someone matches by employee ID (the strongest key) is theirs: another
	// person's conflict over it (a recycled address) holds that person, not the account.
	const owned = new Set(
		matched.filter((match) => match.matchedBy === 'employeeId').map((match) => match.account!.id),
	);
	const claimants = new Map<string, Matched[]>();
	for (const match of matched) {
		if (match.account)
			claimants.set(match.account.id, [...(claimants.get(match.account.id) ?? []), match]);
		else if (match.conflict)
			hold(
				match.person,
				index
					.hits({ ...match.person, emails: personEmails(match.person) })
					.map((hit) => ({
						...hit,
						accounts: hit.accounts.filter((account) => !owned.has(account.id)),
					}))
					.filter((hit) => hit.accounts.length > 0),
				{ reason: 'conflict', detail: match.conflict },
			);
	}
	for (const [accountId, claims] of claimants) {
		const detail =
			heldAccounts.get(accountId)?.detail ??
			(claims.length > 1
				? `the account ${JSON.stringify(claims[0].account?.userName)} is matched by ${claims.length} people (${claims.map((claim) => JSON.stringify(claim.person.userName)).join(', ')})`
				: undefined);
		if (detail === undefined) continue;
		if (!heldAccounts.has(accountId)) heldAccounts.set(accountId, { reason: 'conflict', detail });
		for (const claim of claims) {
			holders.set(accountId, new Set([...(holders.get(accountId) ?? []), claim.person]));
			claim.conflict = detail;
			claim.account = undefined;
			claim.matchedBy = undefined;
		}
	}
	const namedBy: Matching['namedBy'] = new Map();
	for (const [holder, hit] of named)
		if (hit.length === 1 && holders.get(hit[0].id)?.size === 1) namedBy.set(holder, hit[0]);
	return { matched, heldAccounts, namedBy };
}
