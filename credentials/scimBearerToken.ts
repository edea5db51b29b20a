import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Shared parts of the vendor credentials: a base URL and a bearer token. */

export function tokenProperty(where: string): INodeProperties {
	return {
		displayName: 'Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: `The SCIM token, from ${where}. It is shown only once when generated.`,
	};
}

/**
 * Sends the token as a bearer token. A function, not n8n's generic block with an
 * expression: n8n evaluates that expression for every request, and a sync of 10,000
 * people sends thousands of them.
 */
export async function bearerAuthentication(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return {
		...requestOptions,
		headers: {
			...(requestOptions.headers ?? {}),
			Authorization: `Bearer ${String(credentials.token ?? '')}`,
		},
	};
}

/** Lists one user: proves the URL, the token and the right to read users in one request. */
export function listOneUserTest(mediaType: string): ICredentialTestRequest {
	return {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '/Users',
			qs: { startIndex: 1, count: 1 },
			headers: { Accept: mediaType },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'The token was not accepted (401). Generate a new SCIM token and paste it here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The token was not accepted (403). Generate a new SCIM token and paste it here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No SCIM /Users endpoint at this Base URL (404). Check the URL.',
				},
			},
		],
	};
}
