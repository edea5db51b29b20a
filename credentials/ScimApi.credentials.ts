import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { protectedAccountsProperty } from './protectedAccounts';
import { bearerAuthentication } from './scimBearerToken';

/**
 * Any SCIM 2.0 service. The authentication is a function rather than n8n's generic
 * block because the custom-header scheme makes the header's name itself a setting.
 */
export class ScimApi implements ICredentialType {
	name = 'scimApi';

	displayName = 'SCIM API';

	icon = { light: 'file:../icons/scim.svg', dark: 'file:../icons/scim.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-scim-provisioning/n8n-nodes-scim-provisioning/blob/main/docs/vendors.md#any-other-scim-service';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/scim/v2',
			description: 'The SCIM endpoint’s base URL, the part before /Users and /Groups',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'bearer',
			options: [
				{ name: 'Bearer Token', value: 'bearer' },
				{ name: 'Basic Auth', value: 'basic' },
				{ name: 'Custom Header', value: 'header' },
			],
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The SCIM token from the service’s admin settings, sent as “Authorization: Bearer …”',
			displayOptions: { show: { authentication: ['bearer'] } },
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: { show: { authentication: ['basic'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['basic'] } },
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: '',
			placeholder: 'X-API-Key',
			displayOptions: { show: { authentication: ['header'] } },
		},
		{
			displayName: 'Header Value',
			name: 'headerValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['header'] } },
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description: 'The service’s rate limit; 0 means no limit',
		},
		protectedAccountsProperty,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authentication } = credentials;
		if (authentication !== 'basic' && authentication !== 'header')
			return await bearerAuthentication(credentials, requestOptions);
		const headers = { ...(requestOptions.headers ?? {}) };
		if (authentication === 'basic') {
			const pair = `${String(credentials.username ?? '')}:${String(credentials.password ?? '')}`;
			headers.Authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
		} else {
			headers[String(credentials.headerName)] = String(credentials.headerValue ?? '');
		}
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '/Users',
			qs: { startIndex: 1, count: 1 },
			headers: { Accept: 'application/scim+json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The service did not accept the credential (401). Check the token, the username and password, or the header value.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The credential is valid but may not list users (403). Give the token permission to manage users.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No SCIM /Users endpoint at this Base URL (404). Check that the URL ends with the SCIM path, such as /scim/v2.',
				},
			},
		],
	};
}
