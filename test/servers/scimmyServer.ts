import express from 'express';
import type { Request, Response, NextFunction } from 'express';
import { randomUUID } from 'node:crypto';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

import { listenOnLoopback } from './loopback';
import { FilterSyntaxError, parseFilter } from './scimFilter';
import type { Predicate } from './scimFilter';
import { ScimStore } from './scimStore';
import type { StoredGroup, StoredUser } from './scimStore';

/** How clients must authenticate against a test server. */
export type ServerAuth =
	| { type: 'bearer'; token: string }
	| { type: 'basic'; username: string; password: string }
	| { type: 'header'; name: string; value: string };

export interface ScimServerOptions {
	auth?: ServerAuth;
	/** Advertise and accept PATCH (default true); when false, PATCH answers 501 as RFC 7644 allows. */
	patch?: boolean;
	/** Answer a successful PATCH with 204 and no body, as some services do. */
	patchAnswers204?: boolean;
	/** filter.maxResults advertised in /ServiceProviderConfig and enforced on list requests. */
	maxResults?: number;
	/** A careless service that repeats the credential it received in its 401 detail. */
	echoCredentialInErrors?: boolean;
	/** Leave the read-only `groups` out of users, as some services do (members are only on groups). */
	omitUserGroups?: boolean;
	/** Every answer waits this long, as a service across a network would (lets races show). */
	latencyMs?: number;
	/** Advertise ETags and refuse a write whose If-Match is not the resource's version, with 412. */
	etag?: boolean;
	/** Tell userNames apart by case, as some services do (RFC 7643 says they are not). */
	caseSensitiveUserNames?: boolean;
	/** Compare filter values case-exactly, so `userName eq` finds only the exact case, as some services do. */
	caseExactFilters?: boolean;
	/** Answer a created user without its `id`, as some services do. */
	createAnswersWithoutId?: boolean;
	/** Refuse a filter with an unquoted boolean (`active eq false`) with 400, as some services do. */
	refuseUnquotedBooleans?: boolean;
	/** Answer a compound filter (`… and …`) with an empty list, as some services do. */
	compoundFiltersAnswerEmpty?: boolean;
	/** Refuse filters on these attributes with 400 (invalidFilter). */
	refuseFiltersOn?: string[];
	/** Answer a DELETE of an id that does not exist with 500, as some services do. */
	deleteMissingAnswers500?: boolean;
	/**
	 * DELETE /Users unlinks the SCIM user but the app keeps its own account, as some apps
	 * do: a later create of the same userName is refused with 409.
	 */
	deleteKeepsAccount?: boolean;
	/** Keep emails unique too: a user whose email another user holds is refused with 409, as some services do. */
	uniqueEmails?: boolean;
	/** Keep group externalIds unique: a group whose externalId another group holds is refused with 409. */
	uniqueGroupExternalIds?: boolean;
	/** Support the `eq` operator alone, as RFC 7644 allows: any other operator answers 400. */
	eqOnlyFilters?: boolean;
	/** Serve groups without their `members` (members are only on the users' `groups`). */
	omitGroupMembers?: boolean;
	/**
	 * Leave `members` off a group nobody is in and `groups` off a user in no group, as
	 * scimgateway does (RFC 7643 §2.5: an omitted multi-valued attribute is an empty one).
	 */
	omitEmptyMembership?: boolean;
	/**
	 * Serve /Schemas (default true). Its Group `members` and User `groups` say
	 * `returned: "never"` where the options above leave them out always; otherwise SCIMMY's
	 * `"default"`. When false, /Schemas answers 404, as some services do.
	 */
	schemas?: boolean;
	/**
	 * An existing user's externalId cannot be changed, and /Schemas says so
	 * (`mutability: "immutable"`): a PATCH or PUT changing it answers 400 (scimType mutability).
	 */
	immutableExternalId?: boolean;
	/** Port to listen on (default: any free one). */
	port?: number;
	/**
	 * Called as each request arrives, before it is handled: lets a test change data mid-way,
	 * or, answering `{ status }`, refuse the request with that status.
	 */
	onRequest?: (request: RecordedRequest, store: ScimStore) => { status: number } | void;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, unknown>;
	body: unknown;
	authorization?: string;
}

export interface RunningScimServer {
	/** Base URL of the SCIM API, e.g. http://127.0.0.1:4321/scim/v2 */
	baseUrl: string;
	store: ScimStore;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

export const DEFAULT_TOKEN = 'scimmy-test-token';
const MOUNT = '/scim/v2';

/** What each SCIMMY handler receives: this server's store and the request's parsed filter. */
interface Ctx {
	store: ScimStore;
	filter?: Predicate;
	omitUserGroups: boolean;
	omitGroupMembers: boolean;
	omitEmptyMembership: boolean;
	caseSensitiveUserNames: boolean;
	uniqueEmails: boolean;
	uniqueGroupExternalIds: boolean;
}
const plain = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

function conflict(detail: string): never {
	throw new SCIMMY.Types.Error(409, 'uniqueness', detail);
}

function notFound(id: string): never {
	throw new SCIMMY.Types.Error(404, null as unknown as string, `Resource ${id} not found`);
}

/** SCIMMY's resource handlers are process-wide; each server passes its own store as the request context. */
let declared = false;
function declareResources(): void {
	if (declared) return;
	declared = true;

	SCIMMY.Resources.declare(
		SCIMMY.Resources.User.ingress((resource, instance, context: Ctx) => {
			const { store, caseSensitiveUserNames } = context;
			const incoming = plain<StoredUser>(instance);
			delete (incoming as Record<string, unknown>).groups;
			const clash = caseSensitiveUserNames
				? [...store.users.values()].find((user) => user.userName === incoming.userName)
				: store.userByName(incoming.userName);
			if (clash && clash.id !== resource.id)
				conflict(`userName ${JSON.stringify(incoming.userName)} is already taken`);
			const emails = new Set((incoming.emails ?? []).map((email) => email.value.toLowerCase()));
			const holder = [...store.users.values()].find(
				(user) =>
					user.id !== resource.id &&
					(user.emails ?? []).some((email) => emails.has(email.value.toLowerCase())),
			);
			if (context.uniqueEmails && holder) conflict('A user with this email already exists');
			const now = new Date().toISOString();
			if (resource.id) {
				const existing = store.users.get(resource.id) ?? notFound(resource.id);
				const updated: StoredUser = {
					...incoming,
					id: existing.id,
					meta: { ...(existing.meta as object), lastModified: now, version: store.nextVersion() },
				};
				store.users.set(existing.id, updated);
				return store.presentUser(updated);
			}
			const created: StoredUser = {
				active: true,
				...incoming,
				id: randomUUID(),
				meta: { created: now, lastModified: now, version: store.nextVersion() },
			};
			store.users.set(created.id, created);
			return store.presentUser(created);
		})
			.egress((resource, { store, filter, omitUserGroups, omitEmptyMembership }: Ctx) => {
				const index = omitUserGroups ? new Map() : store.membershipIndex();
				const present = (user: StoredUser) => {
					const shown = store.presentUser(user, index);
					if (omitUserGroups || (omitEmptyMembership && !index.has(user.id)))
						delete (shown as Record<string, unknown>).groups;
					return shown;
				};
				if (resource.id) return present(store.users.get(resource.id) ?? notFound(resource.id));
				const users = [...store.users.values()].map(present);
				return filter ? users.filter(filter) : users;
			})
			.degress((resource, { store }: Ctx) => {
				if (!resource.id || !store.removeUser(resource.id)) notFound(String(resource.id));
			}),
	);

	SCIMMY.Resources.declare(
		SCIMMY.Resources.Group.ingress((resource, instance, context: Ctx) => {
			const { store } = context;
			const incoming = plain<StoredGroup>(instance);
			const clash = store.groupByName(incoming.displayName);
			if (clash && clash.id !== resource.id)
				conflict(`displayName ${JSON.stringify(incoming.displayName)} is already taken`);
			const sameExternalId = [...store.groups.values()].find(
				(group) =>
					group.id !== resource.id &&
					incoming.externalId !== undefined &&
					group.externalId === incoming.externalId,
			);
			if (context.uniqueGroupExternalIds && sameExternalId)
				conflict('Another group already has this externalId');
			// A user is in a group once, however often a PATCH adds them (a retried add, say).
			const unique = [
				...new Map((incoming.members ?? []).map((member) => [member.value, member])).values(),
			];
			const members = unique.map(({ value }) => {
				if (!store.users.has(value))
					throw new SCIMMY.Types.Error(400, 'invalidValue', `No user with id ${value}`);
				return { value, display: store.users.get(value)?.userName };
			});
			const meta = { version: store.nextVersion() };
			if (resource.id) {
				const existing = store.groups.get(resource.id) ?? notFound(resource.id);
				const updated: StoredGroup = { ...incoming, id: existing.id, members, meta };
				store.groups.set(existing.id, updated);
				return plain<StoredGroup>(updated);
			}
			const created: StoredGroup = { ...incoming, id: randomUUID(), members, meta };
			store.groups.set(created.id, created);
			return plain<StoredGroup>(created);
		})
			.egress((resource, { store, filter, omitGroupMembers, omitEmptyMembership }: Ctx) => {
				const present = (group: StoredGroup) => {
					const shown = plain<StoredGroup>(group);
					if (omitGroupMembers || (omitEmptyMembership && group.members.length === 0))
						delete (shown as Record<string, unknown>).members;
					return shown;
				};
				if (resource.id) return present(store.groups.get(resource.id) ?? notFound(resource.id));
				// Filtered on what the group holds, as a service filters before it shapes its answer.
				const groups = [...store.groups.values()].map((group) => plain<StoredGroup>(group));
				return (filter ? groups.filter(filter) : groups).map(present);
			})
			.degress((resource, { store }: Ctx) => {
				if (!resource.id || !store.groups.delete(resource.id)) notFound(String(resource.id));
			}),
	);
}

function authenticates(auth: ServerAuth, request: Request): boolean {
	if (auth.type === 'bearer') return request.header('authorization') === `Bearer ${auth.token}`;
	if (auth.type === 'basic') {
		const expected = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
		return request.header('authorization') === `Basic ${expected}`;
	}
	return request.header(auth.name) === auth.value;
}

function serviceProviderConfig(options: { patch: boolean; maxResults: number; etag: boolean }) {
	const unsupported = { supported: false };
	return {
		schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
		patch: { supported: options.patch },
		filter: { supported: true, maxResults: options.maxResults },
		bulk: { ...unsupported, maxOperations: 0, maxPayloadSize: 0 },
		changePassword: unsupported,
		sort: unsupported,
		etag: { supported: options.etag },
		authenticationSchemes: [
			{
				type: 'oauthbearertoken',
				name: 'OAuth Bearer Token',
				description: 'Bearer token in the Authorization header',
			},
		],
	};
}

/** Behaviour that differs from SCIMMY's defaults, applied in front of its routers. */
type Quirks = Required<
	Pick<ScimServerOptions, 'patch' | 'patchAnswers204' | 'maxResults' | 'etag'>
> &
	Pick<
		ScimServerOptions,
		| 'createAnswersWithoutId'
		| 'refuseUnquotedBooleans'
		| 'compoundFiltersAnswerEmpty'
		| 'refuseFiltersOn'
		| 'deleteMissingAnswers500'
		| 'deleteKeepsAccount'
		| 'eqOnlyFilters'
		| 'caseExactFilters'
		| 'omitUserGroups'
		| 'omitGroupMembers'
		| 'schemas'
		| 'immutableExternalId'
	>;

const scimError = (response: Response, status: number, detail: string, scimType?: string) =>
	response.status(status).json({
		schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
		status: String(status),
		scimType,
		detail,
	});

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:';

/** The attributes this server never returns, by schema id, for its /Schemas to say so. */
function neverReturned(options: Quirks): Record<string, string[]> {
	return {
		[`${CORE}User`]: options.omitUserGroups ? ['groups'] : [],
		[`${CORE}Group`]: options.omitGroupMembers ? ['members'] : [],
	};
}

/** The externalId an immutableExternalId server defines on its users (RFC 7643 §3.1 makes it readWrite by default). */
const IMMUTABLE_EXTERNAL_ID = {
	name: 'externalId',
	type: 'string',
	multiValued: false,
	required: false,
	caseExact: true,
	mutability: 'immutable',
	returned: 'default',
	uniqueness: 'none',
};

/** /Schemas as SCIMMY serves it, with `returned: "never"` on what this server leaves out always. */
function honestSchemas(options: Quirks, response: Response): void {
	const never = neverReturned(options);
	const mark = (schema: { id?: string; attributes?: Array<Record<string, unknown>> }) => {
		for (const attribute of schema.attributes ?? [])
			if (never[schema.id ?? '']?.includes(String(attribute.name))) attribute.returned = 'never';
		if (options.immutableExternalId && schema.id === `${CORE}User`)
			schema.attributes = [
				...(schema.attributes ?? []).filter((attribute) => attribute.name !== 'externalId'),
				IMMUTABLE_EXTERNAL_ID,
			];
	};
	const json = response.json.bind(response);
	response.json = (body: { Resources?: unknown[] } & Record<string, unknown>) => {
		const copy = plain<typeof body>(body);
		for (const schema of copy.Resources ?? [copy]) mark(schema as Parameters<typeof mark>[0]);
		return json(copy);
	};
}

/** A filter some real services refuse or answer wrongly, as the options ask. */
function deviatingFilter(filter: string, options: Quirks, response: Response): boolean {
	const outsideQuotes = filter.replace(/"(?:[^"\\]|\\.)*"/g, '""');
	if (options.refuseUnquotedBooleans && /\s(eq|ne)\s+(true|false)\b/i.test(outsideQuotes)) {
		scimError(response, 400, 'Unquoted boolean values are not supported', 'invalidFilter');
		return true;
	}
	const operator = /\s(ne|co|sw|ew|gt|ge|lt|le|pr)(\s|$)/i.exec(outsideQuotes);
	if (options.eqOnlyFilters && operator) {
		scimError(response, 400, `The operator ${operator[1]} is not supported`, 'invalidFilter');
		return true;
	}
	const named = options.refuseFiltersOn?.find((attribute) =>
		new RegExp(`(^|[\\s(])${attribute}\\s`, 'i').test(outsideQuotes),
	);
	if (named) {
		scimError(response, 400, `Filtering on ${named} is not supported`, 'invalidFilter');
		return true;
	}
	if (options.compoundFiltersAnswerEmpty && /\sand\s/i.test(outsideQuotes)) {
		response.json({
			schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
			totalResults: 0,
			startIndex: 1,
			itemsPerPage: 0,
			Resources: [],
		});
		return true;
	}
	return false;
}

/** Whether a PATCH or PUT of an existing user sets its externalId to another value. */
function changesExternalId(store: ScimStore, request: Request): boolean {
	const id = /^\/Users\/([^/]+)$/.exec(request.path)?.[1];
	const user = id === undefined ? undefined : store.users.get(id);
	if (!user || (request.method !== 'PATCH' && request.method !== 'PUT')) return false;
	const body = (request.body ?? {}) as {
		externalId?: unknown;
		Operations?: Array<{ path?: string; value?: unknown }>;
	};
	const given =
		request.method === 'PUT'
			? [body.externalId]
			: (body.Operations ?? []).map((operation) =>
					operation.path === 'externalId'
						? operation.value
						: (operation.value as { externalId?: unknown } | undefined)?.externalId,
				);
	return given.some((value) => value !== undefined && value !== user.externalId);
}

function quirks(store: ScimStore, options: Quirks) {
	/** userNames whose SCIM user was deleted while the app kept the account (deleteKeepsAccount). */
	const keptAccounts = new Set<string>();
	return (request: Request, response: Response, next: NextFunction) => {
		const path = request.path;
		if (request.method === 'GET' && path === '/ServiceProviderConfig') {
			response.json(serviceProviderConfig(options));
			return;
		}
		if (request.method === 'GET' && path.startsWith('/Schemas')) {
			if (options.schemas === false) {
				scimError(response, 404, 'Not found');
				return;
			}
			honestSchemas(options, response);
		}
		const ifMatch = request.header('if-match');
		if (options.etag && ifMatch && ifMatch !== store.versionAt(path)) {
			response.status(412).json({
				schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
				status: '412',
				detail: 'The resource changed since the version given in If-Match',
			});
			return;
		}
		if (options.immutableExternalId && changesExternalId(store, request)) {
			scimError(response, 400, 'externalId cannot be changed', 'mutability');
			return;
		}
		if (request.method === 'PATCH') {
			if (!options.patch) {
				response.status(501).json({
					schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
					status: '501',
					detail: 'PATCH is not supported',
				});
				return;
			}
			if (options.patchAnswers204) {
				const send = response.send.bind(response);
				response.send = (body: unknown) =>
					response.statusCode === 200 ? (response.status(204), send()) : send(body);
			}
		}
		if (
			options.deleteMissingAnswers500 &&
			request.method === 'DELETE' &&
			!store.users.has(path.split('/')[2]) &&
			!store.groups.has(path.split('/')[2])
		) {
			scimError(response, 500, 'Internal error');
			return;
		}
		if (options.deleteKeepsAccount && request.method === 'DELETE' && path.startsWith('/Users/')) {
			const user = store.users.get(path.split('/')[2]);
			if (user) keptAccounts.add(user.userName.toLowerCase());
		}
		if (
			options.deleteKeepsAccount &&
			request.method === 'POST' &&
			path === '/Users' &&
			keptAccounts.has(String((request.body as { userName?: unknown })?.userName).toLowerCase())
		) {
			scimError(response, 409, 'A user with this email already exists in the app', 'uniqueness');
			return;
		}
		if (options.createAnswersWithoutId && request.method === 'POST' && path === '/Users') {
			const json = response.json.bind(response);
			response.json = (body: Record<string, unknown>) => {
				const { id: _id, ...withoutId } = body ?? {};
				return json(withoutId);
			};
		}
		if (request.method === 'GET' && /^\/(Users|Groups)$/.test(path)) {
			if (Number(request.query.count) > options.maxResults)
				request.query.count = String(options.maxResults);
			if (
				typeof request.query.filter === 'string' &&
				deviatingFilter(request.query.filter, options, response)
			)
				return;
			if (typeof request.query.filter === 'string') {
				try {
					response.locals.filter = parseFilter(request.query.filter, {
						caseExact: options.caseExactFilters,
					});
				} catch (error) {
					if (!(error instanceof FilterSyntaxError)) throw error;
					response.status(400).json({
						schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
						status: '400',
						scimType: 'invalidFilter',
						detail: error.message,
					});
					return;
				}
				delete request.query.filter;
			}
		}
		next();
	};
}

export async function startScimServer(options: ScimServerOptions = {}): Promise<RunningScimServer> {
	declareResources();
	const auth = options.auth ?? { type: 'bearer', token: DEFAULT_TOKEN };
	const store = new ScimStore();
	const requests: RecordedRequest[] = [];

	const app = express();
	app.use(express.json({ type: ['application/scim+json', 'application/json'] }));
	if (options.latencyMs)
		app.use(MOUNT, (_request, _response, next) => setTimeout(next, options.latencyMs));
	app.use(MOUNT, (request, response, next) => {
		const recorded: RecordedRequest = {
			method: request.method,
			path: request.path,
			query: { ...request.query },
			body: request.body && Object.keys(request.body).length > 0 ? plain(request.body) : undefined,
			authorization: request.header('authorization'),
		};
		requests.push(recorded);
		const answer = options.onRequest?.(recorded, store);
		if (answer) {
			scimError(response, answer.status, 'Refused by the test');
			return;
		}
		next();
	});
	// SCIMMY applies a PATCH as read, change, write across awaits; one write at a time keeps concurrent PATCHes of one group from losing each other's change.
	let writes = Promise.resolve();
	app.use(MOUNT, (request, response, next) => {
		if (request.method === 'GET') return next();
		writes = writes.then(
			async () =>
				await new Promise<void>((resolve) => {
					response.on('finish', resolve);
					response.on('close', resolve);
					next();
				}),
		);
	});
	app.use(
		MOUNT,
		quirks(store, {
			...options,
			patch: options.patch ?? true,
			patchAnswers204: options.patchAnswers204 ?? false,
			maxResults: options.maxResults ?? 200,
			etag: options.etag ?? false,
		}),
	);
	app.use(
		MOUNT,
		new SCIMMYRouters({
			type: auth.type === 'basic' ? 'basic' : 'bearer',
			docUri: 'https://example.invalid/docs',
			handler: (request: Request) => {
				if (!authenticates(auth, request)) {
					const received = options.echoCredentialInErrors
						? ` (received ${request.header('authorization') ?? ''})`
						: '';
					throw new Error(`Authorization failed: the credential was not accepted${received}`);
				}
				return 'test-client';
			},
			context: (request: Request): Ctx => ({
				store,
				filter: request.res?.locals.filter as Predicate | undefined,
				omitUserGroups: options.omitUserGroups ?? false,
				// SCIMMY's PATCH reads the group through the same egress: only answers leave members out.
				omitGroupMembers: (options.omitGroupMembers ?? false) && request.method === 'GET',
				omitEmptyMembership: options.omitEmptyMembership ?? false,
				caseSensitiveUserNames: options.caseSensitiveUserNames ?? false,
				uniqueEmails: options.uniqueEmails ?? false,
				uniqueGroupExternalIds: options.uniqueGroupExternalIds ?? false,
			}),
		}),
	);

	const server = await listenOnLoopback(app, options.port);
	return {
		baseUrl: `http://127.0.0.1:${server.port}${MOUNT}`,
		store,
		requests,
		close: server.close,
	};
}
