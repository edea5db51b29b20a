import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

import { listenOnLoopback } from './loopback';
import { parseFilter } from './scimFilter';
import { ScimStore } from './scimStore';
import type { StoredGroup, StoredUser, UserSeed } from './scimStore';
import type { RecordedRequest } from './scimmyServer';

/** A vendor's documented SCIM behaviour, as its simulator enforces it. */
export interface VendorRules {
	name: string;
	/** Path of the SCIM API below the host, e.g. /scim/v2. */
	mount: string;
	mediaType: 'application/scim+json' | 'application/json';
	/** Status for a wrong token. */
	invalidTokenStatus: 401 | 403;
	/** Largest page; larger `count`s are cut to it. */
	maxPageSize: { User: number; Group: number };
	/** Attributes a filter may name (with `eq` only); undefined: the full RFC grammar. */
	filterableAttributes?: { User: string[]; Group: string[] };
	userPatch: 'patchOp' | 'partialResource';
	groupPatch: 'patchOp' | 'memberList';
	/**
	 * The one client the service is proven with, whose request shapes are all it takes:
	 * for Okta's SCIM client, list requests carry only filter (userName or displayName
	 * `eq`), startIndex and count; a user PATCH only sets `active` by `replace` without a
	 * path; a group PATCH renames by `replace` without a path, adds `members` and removes
	 * `members[value eq "…"]`. Anything else answers 400.
	 */
	provenClient?: 'okta';
	/** User attributes a change may touch (by PATCH or PUT); undefined: any. */
	changeableUserAttributes?: string[];
	/**
	 * Group resources include their members. When false, groups are served with
	 * `members: []` whatever they hold, as Leapsome's OpenAPI declares them (`maxItems: 0`).
	 */
	groupsListMembers: boolean;
	deletableUsers: boolean;
	deletableGroups: boolean;
	/** What a POST of an existing userName answers. */
	existingUserOnCreate: 'conflict' | 'emptyCreated';
	duplicateGroupName: { status: number; detail: string };
	/** A user is in at most one group; this group takes those in none. */
	singleGroup?: { defaultGroupName: string };
	reservedGroupNames?: string[];
	/** userName must be an email in one of these domains. */
	emailDomains?: string[];
	maxMembersPerPatch?: number;
	maxGroupNameLength?: number;
	/** Requests accepted in any one-second window; past it, 429. */
	requestsPerSecond?: number;
	/** GET /Users/{id} and /Groups/{id} try the id as an externalId when no id matches. */
	idFallsBackToExternalId: boolean;
	/** Title given to users created without one. */
	defaultTitle?: string;
	/** Every answer waits this long, as a service across a network would. */
	latencyMs?: number;
	/** The attributes POST /Users takes; any other answers 400. Undefined: any. */
	createAttributes?: string[];
	/** GET and PATCH /Groups/{id} answer this status, not 404, for a group that does not exist. */
	missingGroupStatus?: 401;
	/**
	 * The enterprise manager is written as a string (an id, email or externalId) and read
	 * as `{ managerId, displayName }`, with a top-level `manager: { value }` beside it.
	 */
	managerReference?: boolean;
	/** Leave the read-only `groups` out of users. */
	omitUserGroups?: boolean;
	/** Refuse an unfiltered listing (the service only looks resources up). */
	lookupOnly?: boolean;
	/** Serve /ServiceProviderConfig, advertising PATCH and the page size. */
	serviceProviderConfig?: boolean;
	/** Extra middleware in front of the routes (e.g. OpenAPI request validation). */
	validators?: (violations: string[]) => express.RequestHandler[];
}

export interface RunningSimulator {
	baseUrl: string;
	store: ScimStore;
	requests: RecordedRequest[];
	/** Requests the vendor's published API description does not allow. */
	violations: string[];
	/** Requests answered 429. */
	readonly rateLimited: number;
	/** Seeds a user as the vendor holds one (in its default group, where it has one). */
	addUser(seed: UserSeed): StoredUser;
	close(): Promise<void>;
}

export const SIMULATOR_TOKEN = 'vendor-simulator-token';

/** How a test starts a simulator: the vendor's rules as they are unless a test changes some. */
export interface SimulatorOptions {
	port?: number;
	token?: string;
	/** Rules this test changes (a latency to let races show, a smaller page). */
	rules?: Partial<VendorRules>;
	/**
	 * Called as each request arrives, before it is handled: lets a test stand in for another
	 * writer. Answering a number of seconds refuses the request with 429 and that Retry-After;
	 * answering `{ status }` refuses it with that status (a token revoked mid-way, say).
	 */
	onRequest?: (request: RecordedRequest, store: ScimStore) => number | { status: number } | void;
}
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const READ_ONLY = new Set(['id', 'meta', 'groups', 'schemas']);
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

class ScimFailure extends Error {
	constructor(
		readonly status: number,
		readonly detail: string,
		readonly scimType?: string,
	) {
		super(detail);
	}
}

const fail = (status: number, detail: string, scimType?: string): never => {
	throw new ScimFailure(status, detail, scimType);
};

type Body = Record<string, unknown>;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const isObject = (value: unknown): value is Body =>
	!!value && typeof value === 'object' && !Array.isArray(value);

function deepMerge(target: Body, source: Body): Body {
	for (const [key, value] of Object.entries(source)) {
		target[key] =
			isObject(value) && isObject(target[key])
				? deepMerge({ ...(target[key] as Body) }, value)
				: value;
	}
	return target;
}

function setPath(target: Body, path: string, value: unknown): void {
	const keys = path.split('.');
	let at = target;
	for (const key of keys.slice(0, -1)) {
		if (!isObject(at[key])) at[key] = {};
		at = at[key] as Body;
	}
	at[keys[keys.length - 1]] = value;
}

class Simulator {
	readonly store = new ScimStore();

	readonly violations: string[] = [];

	rateLimited = 0;

	private readonly accepted: number[] = [];

	constructor(private readonly rules: VendorRules) {
		if (rules.singleGroup) this.store.addGroup(rules.singleGroup.defaultGroupName);
	}

	private get defaultGroup(): StoredGroup | undefined {
		return this.rules.singleGroup
			? this.store.groupByName(this.rules.singleGroup.defaultGroupName)
			: undefined;
	}

	/** Adds a user as the vendor would (in the default group where there is one). */
	seedUser(user: StoredUser): StoredUser {
		this.defaultGroup?.members.push({ value: user.id });
		return user;
	}

	/** Accepts the request under the rate limit, or answers false (then it must be refused with 429). */
	admit(now = Date.now()): boolean {
		const limit = this.rules.requestsPerSecond;
		if (!limit) return true;
		while (this.accepted.length > 0 && this.accepted[0] <= now - 1000) this.accepted.shift();
		if (this.accepted.length >= limit) return false;
		this.accepted.push(now);
		return true;
	}

	presentUser(user: StoredUser, index?: ReturnType<ScimStore['membershipIndex']>): Body {
		const shown: Body = this.store.presentUser(user, index);
		if (this.rules.omitUserGroups) delete shown.groups;
		const extension = shown[ENTERPRISE] as Body | undefined;
		if (this.rules.managerReference && typeof extension?.manager === 'string') {
			const manager = this.store.users.get(extension.manager);
			shown[ENTERPRISE] = {
				...extension,
				manager: { managerId: extension.manager, displayName: manager?.displayName ?? '' },
			};
			shown.manager = { value: extension.manager };
		}
		return shown;
	}

	/** A manager written by id, email or externalId, stored by id; one that does not exist is refused. */
	private resolveManager(user: Body): void {
		const extension = user[ENTERPRISE] as Body | undefined;
		if (!this.rules.managerReference || typeof extension?.manager !== 'string') return;
		const reference = extension.manager;
		const manager =
			this.store.users.get(reference) ??
			this.store.userByName(reference) ??
			[...this.store.users.values()].find((other) => other.externalId === reference) ??
			fail(400, `Manager ${reference} is not a user of the organization`, 'invalidValue');
		user[ENTERPRISE] = { ...extension, manager: manager.id };
	}

	/** A group as an answer shows it: not a copy, since every answer is serialised as soon as it is made. */
	presentGroup(group: StoredGroup): Body {
		return { ...group, members: this.rules.groupsListMembers ? group.members : [] };
	}

	private find<T extends { id: string; externalId?: unknown }>(
		items: Map<string, T>,
		id: string,
	): T {
		const found =
			items.get(id) ??
			(this.rules.idFallsBackToExternalId
				? [...items.values()].find((item) => item.externalId === id)
				: undefined);
		return found ?? fail(404, `Resource ${id} not found`);
	}

	private findGroup(id: string): StoredGroup {
		try {
			return this.find(this.store.groups, id);
		} catch (error) {
			if (this.rules.missingGroupStatus)
				fail(
					this.rules.missingGroupStatus,
					'Client is not sufficiently authorized or group does not exist in organization',
				);
			throw error;
		}
	}

	user(id: string): StoredUser {
		return this.find(this.store.users, id);
	}

	group(id: string): StoredGroup {
		return this.findGroup(id);
	}

	list(type: 'User' | 'Group', query: Request['query']): Body {
		const unknown = Object.keys(query).filter(
			(key) => !['filter', 'startIndex', 'count'].includes(key),
		);
		if (this.rules.provenClient && unknown.length > 0)
			fail(400, `Unsupported query parameters: ${unknown.join(', ')}`, 'invalidSyntax');
		if (this.rules.lookupOnly && typeof query.filter !== 'string')
			fail(400, 'A filter is required', 'invalidFilter');
		const index = this.store.membershipIndex();
		const present = (resource: StoredUser | StoredGroup): Body =>
			type === 'User'
				? this.presentUser(resource as StoredUser, index)
				: this.presentGroup(resource as StoredGroup);
		const stored: Array<StoredUser | StoredGroup> =
			type === 'User' ? [...this.store.users.values()] : [...this.store.groups.values()];
		const filter = typeof query.filter === 'string' ? query.filter : undefined;
		// Matching on the stored resources: the same attributes as presented, less the read-only `groups`.
		const matching = filter
			? stored.filter(this.parseFilter(type, filter) as (resource: unknown) => boolean)
			: stored;
		const startIndex = Math.max(1, Number(query.startIndex ?? 1) || 1);
		const requested =
			query.count === undefined ? this.rules.maxPageSize[type] : Number(query.count);
		const count = Math.min(Math.max(0, requested || 0), this.rules.maxPageSize[type]);
		const slice = matching.slice(startIndex - 1, startIndex - 1 + count);
		return {
			schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
			totalResults: matching.length,
			startIndex,
			itemsPerPage: slice.length,
			Resources: slice.map((resource) => present(resource)),
		};
	}

	private parseFilter(type: 'User' | 'Group', filter: string) {
		const allowed = this.rules.filterableAttributes?.[type];
		if (allowed) {
			const match = /^(\w+) eq ("(?:[^"\\]|\\.)*")$/.exec(filter.trim());
			if (!match || !allowed.includes(match[1])) {
				fail(
					400,
					`Filtering is supported on ${allowed.join(', ')} with "eq" only`,
					'invalidFilter',
				);
			}
		}
		try {
			return parseFilter(filter);
		} catch (error) {
			return fail(400, (error as Error).message, 'invalidFilter');
		}
	}

	private checkUserName(userName: unknown, exceptId?: string): string {
		if (typeof userName !== 'string' || userName.trim() === '')
			fail(400, 'The userName field is required.', 'invalidValue');
		const name = userName as string;
		const domains = this.rules.emailDomains;
		if (domains && !domains.includes(name.split('@')[1]?.toLowerCase() ?? '')) {
			fail(
				400,
				`The email domain of ${name} is not one of the organisation's domains`,
				'invalidValue',
			);
		}
		const clash = this.store.userByName(name);
		if (clash && clash.id !== exceptId) fail(409, 'Username is already in use', 'uniqueness');
		return name;
	}

	createUser(body: Body): { status: number; body: Body } {
		const undocumented = Object.keys(body).filter(
			(key) => this.rules.createAttributes && !this.rules.createAttributes.includes(key),
		);
		if (undocumented.length > 0)
			fail(400, `POST /Users does not take ${undocumented.join(', ')}`, 'invalidSyntax');
		if (
			typeof body.userName === 'string' &&
			this.store.userByName(body.userName) &&
			this.rules.existingUserOnCreate === 'emptyCreated'
		) {
			return { status: 201, body: {} };
		}
		const userName = this.checkUserName(body.userName);
		const attributes = Object.fromEntries(
			Object.entries(body).filter(([key]) => !READ_ONLY.has(key)),
		);
		const now = new Date().toISOString();
		const user: StoredUser = {
			active: true,
			...(this.rules.defaultTitle ? { title: this.rules.defaultTitle } : {}),
			...clone(attributes),
			userName,
			id: randomUUID(),
			meta: { created: now, lastModified: now },
		};
		this.resolveManager(user);
		this.store.users.set(user.id, user);
		this.seedUser(user);
		return { status: 201, body: this.presentUser(user) };
	}

	/** Okta changes users by PATCH only to set `active`, as `replace` without a path. */
	private checkOktaUserPatch(operation: Body): void {
		const value = operation.value;
		if (
			String(operation.op).toLowerCase() !== 'replace' ||
			operation.path !== undefined ||
			!isObject(value) ||
			Object.keys(value).join() !== 'active' ||
			typeof value.active !== 'boolean'
		) {
			fail(
				400,
				`Unsupported user PATCH ${JSON.stringify(operation)}: only replace of {"active": …} without a path`,
				'invalidSyntax',
			);
		}
	}

	/** Refuses a change to an attribute the service does not let change. */
	private checkChangeable(before: Body, after: Body): void {
		const allowed = this.rules.changeableUserAttributes;
		if (!allowed) return;
		const flat = (value: unknown, prefix = ''): Record<string, string> =>
			isObject(value) && prefix.split('.').length < 2
				? Object.fromEntries(
						Object.entries(value).flatMap(([key, inner]) =>
							Object.entries(flat(inner, prefix ? `${prefix}.${key}` : key)),
						),
					)
				: { [prefix]: JSON.stringify(value ?? null) };
		const old = flat(
			Object.fromEntries(Object.entries(before).filter(([key]) => !READ_ONLY.has(key))),
		);
		const now = flat(
			Object.fromEntries(Object.entries(after).filter(([key]) => !READ_ONLY.has(key))),
		);
		const changed = [...new Set([...Object.keys(old), ...Object.keys(now)])].filter(
			(path) => (old[path] ?? 'null') !== (now[path] ?? 'null') && !allowed.includes(path),
		);
		if (changed.length > 0)
			fail(400, `Attribute ${changed.join(', ')} cannot be changed`, 'mutability');
	}

	patchUser(id: string, body: Body): Body {
		const user = this.user(id);
		const isPatchOp = Array.isArray(body.schemas) && body.schemas.includes(PATCH_OP);
		let next: Body;
		if (this.rules.userPatch === 'partialResource') {
			if (isPatchOp || 'Operations' in body)
				fail(400, 'PATCH takes a partial user object, not a PatchOp', 'invalidSyntax');
			next = deepMerge(
				clone(user),
				Object.fromEntries(Object.entries(body).filter(([key]) => !READ_ONLY.has(key))),
			);
		} else {
			if (!isPatchOp || !Array.isArray(body.Operations))
				fail(400, 'Expected a PatchOp message', 'invalidSyntax');
			next = clone(user);
			for (const operation of body.Operations as Body[]) {
				const op = String(operation.op).toLowerCase();
				if (op !== 'replace' && op !== 'add')
					fail(400, `Unsupported op ${String(operation.op)}`, 'invalidSyntax');
				if (this.rules.provenClient === 'okta') this.checkOktaUserPatch(operation);
				const changes =
					typeof operation.path === 'string'
						? { [operation.path]: operation.value }
						: (operation.value as Body);
				for (const [path, value] of Object.entries(changes ?? {})) setPath(next, path, value);
			}
		}
		this.checkChangeable(user, next);
		this.resolveManager(next);
		this.checkUserName(next.userName, user.id);
		const updated = {
			...(next as StoredUser),
			id: user.id,
			meta: { ...(user.meta as Body), lastModified: new Date().toISOString() },
		};
		this.store.users.set(user.id, updated);
		return this.presentUser(updated);
	}

	putUser(id: string, body: Body): Body {
		const user = this.user(id);
		const userName = this.checkUserName(body.userName, user.id);
		const attributes = Object.fromEntries(
			Object.entries(body).filter(([key]) => !READ_ONLY.has(key)),
		);
		this.checkChangeable(user, { ...attributes, userName });
		this.resolveManager(attributes);
		const updated: StoredUser = { ...clone(attributes), userName, id: user.id, meta: user.meta };
		this.store.users.set(user.id, updated);
		return this.presentUser(updated);
	}

	deleteUser(id: string): void {
		if (!this.rules.deletableUsers)
			fail(405, `${this.rules.name} does not delete users through SCIM; deactivate them instead`);
		const user = this.user(id);
		this.store.removeUser(user.id);
	}

	private checkGroupName(displayName: unknown, exceptId?: string): string {
		if (typeof displayName !== 'string' || displayName.trim() === '')
			fail(400, 'The displayName field is not set', 'invalidValue');
		const name = displayName as string;
		if (this.rules.maxGroupNameLength && name.length > this.rules.maxGroupNameLength) {
			fail(
				400,
				`The displayName field exceeds ${this.rules.maxGroupNameLength} characters`,
				'invalidValue',
			);
		}
		if (
			this.rules.reservedGroupNames?.some(
				(reserved) => reserved.toLowerCase() === name.toLowerCase(),
			)
		) {
			fail(400, `${name} is a reserved team name`, 'invalidValue');
		}
		const clash = this.store.groupByName(name);
		if (clash && clash.id !== exceptId)
			fail(
				this.rules.duplicateGroupName.status,
				`${this.rules.duplicateGroupName.detail}: ${name}`,
				'uniqueness',
			);
		return name;
	}

	private addMembers(group: StoredGroup, ids: string[]): void {
		for (const id of ids) {
			if (!this.store.users.has(id)) fail(400, `No user with id ${id}`, 'invalidValue');
			if (group.members.some((member) => member.value === id)) continue;
			const single = this.rules.singleGroup;
			if (single) {
				const current = [...this.store.groups.values()].find(
					(other) => other.id !== group.id && other.members.some((member) => member.value === id),
				);
				if (current && current.displayName !== single.defaultGroupName) {
					fail(
						400,
						`User ${id} already belongs to group ${current.displayName}; remove them from it first`,
						'invalidValue',
					);
				}
				if (current) current.members = current.members.filter((member) => member.value !== id);
			}
			group.members.push({ value: id, display: this.store.users.get(id)?.userName });
		}
	}

	private removeMembers(group: StoredGroup, ids: string[]): void {
		const single = this.rules.singleGroup;
		if (single && group.displayName === single.defaultGroupName && ids.length > 0) {
			fail(400, `Users cannot be removed from the ${single.defaultGroupName} group`, 'mutability');
		}
		group.members = group.members.filter((member) => !ids.includes(member.value));
		// Users left in no group fall back to the default group.
		for (const id of ids)
			this.defaultGroup?.members.push({ value: id, display: this.store.users.get(id)?.userName });
	}

	createGroup(body: Body): Body {
		const displayName = this.checkGroupName(body.displayName);
		const group: StoredGroup = { id: randomUUID(), displayName, members: [] };
		if (typeof body.externalId === 'string') group.externalId = body.externalId;
		this.store.groups.set(group.id, group);
		const members = Array.isArray(body.members)
			? (body.members as Body[]).map((member) => String(member.value))
			: [];
		this.addMembers(group, members);
		return this.presentGroup(group);
	}

	patchGroup(id: string, body: Body): Body {
		const group = this.group(id);
		const isPatchOp = Array.isArray(body.schemas) && body.schemas.includes(PATCH_OP);
		if (this.rules.groupPatch === 'memberList') {
			if (isPatchOp || 'Operations' in body)
				fail(
					400,
					'PATCH takes displayName, externalId, members and replaceMembers, not a PatchOp',
					'invalidSyntax',
				);
			if (body.displayName !== undefined)
				group.displayName = this.checkGroupName(body.displayName, group.id);
			if (typeof body.externalId === 'string') group.externalId = body.externalId;
			if (Array.isArray(body.members)) {
				if (this.rules.maxMembersPerPatch && body.members.length > this.rules.maxMembersPerPatch) {
					fail(
						400,
						`The members array exceeds ${this.rules.maxMembersPerPatch} elements`,
						'tooMany',
					);
				}
				const ids = (body.members as Body[]).map((member) => String(member.value));
				if (body.replaceMembers === true) group.members = [];
				this.addMembers(group, ids);
			}
			return this.presentGroup(group);
		}
		if (!isPatchOp || !Array.isArray(body.Operations))
			fail(400, 'Expected a PatchOp message', 'invalidSyntax');
		for (const operation of body.Operations as Body[]) {
			const op = String(operation.op).toLowerCase();
			const path = typeof operation.path === 'string' ? operation.path : undefined;
			if (this.rules.provenClient === 'okta' && op === 'replace' && path !== undefined)
				fail(
					400,
					`Unsupported group PATCH ${JSON.stringify(operation)}: replace takes no path`,
					'invalidSyntax',
				);
			const byValue = path ? /^members\[value eq "((?:[^"\\]|\\.)*)"\]$/.exec(path) : null;
			if (op === 'remove' && byValue) {
				this.removeMembers(group, [JSON.parse(`"${byValue[1]}"`) as string]);
			} else if (
				path === 'members' &&
				(op === 'add' || (op === 'remove' && !this.rules.provenClient))
			) {
				const ids = ((operation.value as Body[]) ?? []).map((member) => String(member.value));
				if (op === 'add') this.addMembers(group, ids);
				else this.removeMembers(group, ids);
			} else if (
				op === 'replace' &&
				(path === 'displayName' || (!path && isObject(operation.value)))
			) {
				const value = path ? operation.value : (operation.value as Body).displayName;
				group.displayName = this.checkGroupName(value, group.id);
			} else {
				fail(400, `Unsupported group operation ${JSON.stringify(operation)}`, 'invalidSyntax');
			}
		}
		return this.presentGroup(group);
	}

	deleteGroup(id: string): void {
		if (!this.rules.deletableGroups)
			fail(405, `${this.rules.name} does not delete groups through SCIM`);
		const group = this.group(id);
		// The default group is found by name in any case, so it is known by what it is, not its name.
		if (group === this.defaultGroup) fail(400, 'The default group cannot be deleted');
		for (const member of group.members) this.defaultGroup?.members.push(member);
		this.store.groups.delete(group.id);
	}
}

function route(handler: (request: Request) => { status?: number; body?: Body } | void) {
	return (request: Request, response: Response, next: NextFunction) => {
		try {
			const result = handler(request);
			if (!result || result.body === undefined) response.status(result?.status ?? 204).end();
			else response.status(result.status ?? 200).json(result.body);
		} catch (error) {
			next(error);
		}
	};
}

export async function startSimulator(
	vendorRules: VendorRules,
	{ port = 0, token = SIMULATOR_TOKEN, rules: changed, onRequest }: SimulatorOptions = {},
): Promise<RunningSimulator> {
	const rules = { ...vendorRules, ...changed };
	const simulator = new Simulator(rules);
	const requests: RecordedRequest[] = [];
	const app = express();
	app.set('json spaces', 0);
	app.use((_request, response, next) => {
		response.type(rules.mediaType);
		next();
	});
	app.use(express.json({ type: ['application/json', 'application/scim+json'] }));
	if (rules.latencyMs) app.use((_request, _response, next) => setTimeout(next, rules.latencyMs));
	const api = express.Router();
	api.use((request, response, next) => {
		const recorded: RecordedRequest = {
			method: request.method,
			path: request.path,
			query: { ...request.query },
			body:
				isObject(request.body) && Object.keys(request.body).length > 0
					? clone(request.body)
					: undefined,
			authorization: request.header('authorization'),
		};
		requests.push(recorded);
		const answer = onRequest?.(recorded, simulator.store);
		if (request.header('authorization') !== `Bearer ${token}`) {
			return next(new ScimFailure(rules.invalidTokenStatus, 'Invalid token passed'));
		}
		if (typeof answer === 'object')
			return next(new ScimFailure(answer.status, 'Refused by the test'));
		const busyFor = answer;
		if (busyFor !== undefined || !simulator.admit()) {
			simulator.rateLimited++;
			response.setHeader('Retry-After', String(busyFor ?? 1));
			return next(new ScimFailure(429, 'Too many requests'));
		}
		next();
	});
	for (const validator of rules.validators?.(simulator.violations) ?? []) api.use(validator);
	if (rules.serviceProviderConfig) {
		const maxResults = Math.min(rules.maxPageSize.User, rules.maxPageSize.Group);
		api.get(
			'/ServiceProviderConfig',
			route(() => ({
				body: {
					schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
					patch: { supported: true },
					filter: { supported: true, maxResults },
					etag: { supported: false },
				},
			})),
		);
	}
	api.get(
		'/Users',
		route((request) => ({ body: simulator.list('User', request.query) })),
	);
	api.get(
		'/Groups',
		route((request) => ({ body: simulator.list('Group', request.query) })),
	);
	api.get(
		'/Users/:id',
		route((request) => ({ body: simulator.presentUser(simulator.user(request.params.id)) })),
	);
	api.get(
		'/Groups/:id',
		route((request) => ({ body: simulator.presentGroup(simulator.group(request.params.id)) })),
	);
	api.post(
		'/Users',
		route((request) => simulator.createUser(request.body as Body)),
	);
	api.patch(
		'/Users/:id',
		route((request) => ({ body: simulator.patchUser(request.params.id, request.body as Body) })),
	);
	api.put(
		'/Users/:id',
		route((request) => ({ body: simulator.putUser(request.params.id, request.body as Body) })),
	);
	api.delete(
		'/Users/:id',
		route((request) => simulator.deleteUser(request.params.id)),
	);
	api.post(
		'/Groups',
		route((request) => ({ status: 201, body: simulator.createGroup(request.body as Body) })),
	);
	api.patch(
		'/Groups/:id',
		route((request) => ({ body: simulator.patchGroup(request.params.id, request.body as Body) })),
	);
	api.delete(
		'/Groups/:id',
		route((request) => simulator.deleteGroup(request.params.id)),
	);
	api.use((_request, _response, next) => next(new ScimFailure(404, 'Endpoint not found')));
	app.use(rules.mount, api);
	app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
		const failure =
			error instanceof ScimFailure
				? error
				: new ScimFailure(
						(error as { status?: number }).status ?? 500,
						(error as Error).message ?? 'Internal error',
					);
		response.status(failure.status).json({
			schemas: [ERROR_SCHEMA],
			status: String(failure.status),
			scimType: failure.scimType,
			detail: failure.detail,
		});
	});

	const server = await listenOnLoopback(app, port);
	return {
		baseUrl: `http://127.0.0.1:${server.port}${rules.mount}`,
		store: simulator.store,
		requests,
		violations: simulator.violations,
		get rateLimited() {
			return simulator.rateLimited;
		},
		addUser: (seed) => simulator.seedUser(simulator.store.addUser(seed)),
		close: server.close,
	};
}
