import type { IDataObject, IRun } from 'n8n-workflow';

import type { CredentialFile } from './instance';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** An execution as n8n's public API lists it, with its data. */
export interface PublicExecution {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	startedAt: string;
	/** Set once the execution has finished, and only then is its data complete. */
	stoppedAt: string | null;
	data?: IRun['data'];
}

/**
 * A running n8n, through the REST API its editor uses (owner, credentials) and
 * its public API (executions), as the instance owner.
 */
export class N8nApi {
	private cookie = '';

	private apiKey = '';

	constructor(private readonly url: string) {}

	private async request<T>(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<T> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				...(this.cookie ? { Cookie: this.cookie } : {}),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const cookie = response.headers.get('set-cookie')?.match(/n8n-auth=[^;]+/)?.[0];
		if (cookie) this.cookie = cookie;
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
		return (text ? JSON.parse(text) : {}) as T;
	}

	private async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		return (await this.request<{ data: T }>(method, `/rest${path}`, body)).data;
	}

	/** Sets the owner up on a new instance, or logs in as the owner on one set up before. */
	async signIn(owner: Owner): Promise<void> {
		const settings = await this.rest<{ userManagement: { showSetupOnFirstLoad?: boolean } }>(
			'GET',
			'/settings',
		);
		if (settings.userManagement.showSetupOnFirstLoad) {
			await this.rest('POST', '/owner/setup', owner);
		} else {
			await this.rest('POST', '/login', {
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
		}
	}

	/** The session cookie, for a browser that should open the editor signed in. */
	get authCookie(): string {
		return this.cookie;
	}

	/** Runs a credential's test, as its Test button in the editor does. */
	async testCredential(credential: CredentialFile): Promise<CredentialTestResult> {
		return await this.rest<CredentialTestResult>('POST', '/credentials/test', {
			credentials: credential,
		});
	}

	/** A request to the public API, with an API key made on first use. */
	private async publicApi<T>(path: string): Promise<T> {
		if (!this.apiKey) {
			const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
			const key = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
				label: 'end-to-end tests',
				scopes,
				expiresAt: null,
			});
			this.apiKey = key.rawApiKey;
		}
		return await this.request<T>('GET', `/api/v1${path}`, undefined, {
			'X-N8N-API-KEY': this.apiKey,
		});
	}

	/** Executions of a workflow through the public API, newest first, with their data unless told not to. */
	async executions(workflowId: string, includeData = true): Promise<PublicExecution[]> {
		const page = await this.publicApi<{ data: PublicExecution[] }>(
			`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=${includeData}&limit=250`,
		);
		return page.data;
	}

	/** One execution through the public API, with its data. */
	async execution(id: string): Promise<PublicExecution> {
		return await this.publicApi<PublicExecution>(`/executions/${id}?includeData=true`);
	}

	/**
	 * The rows of the n8n Data Table of that name through the public API, oldest first
	 * (none when there is no such table).
	 */
	async dataTableRows(name: string): Promise<IDataObject[]> {
		const tables = await this.publicApi<{ data: Array<{ id: string; name: string }> }>(
			'/data-tables?limit=250',
		);
		const table = tables.data.find((candidate) => candidate.name === name);
		if (!table) return [];
		const rows: IDataObject[] = [];
		let cursor: string | null = null;
		do {
			const page: { data: IDataObject[]; nextCursor: string | null } = await this.publicApi(
				`/data-tables/${table.id}/rows?limit=250&sortBy=${encodeURIComponent('id:asc')}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			rows.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return rows;
	}
}

/** The items a node of an execution put out on its first output. */
export function nodeOutput(data: IRun['data'] | undefined, node: string): IDataObject[] {
	const runs = data?.resultData.runData[node] ?? [];
	return (runs[0]?.data?.main[0] ?? []).map((item) => item.json);
}
