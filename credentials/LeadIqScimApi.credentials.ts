import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { protectedAccountsProperty } from './protectedAccounts';
import { bearerAuthentication, listOneUserTest, tokenProperty } from './scimBearerToken';

export class LeadIqScimApi implements ICredentialType {
	name = 'leadIqScimApi';

	displayName = 'LeadIQ SCIM API';

	icon = { light: 'file:../icons/leadiq.svg', dark: 'file:../icons/leadiq.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-scim-provisioning/n8n-nodes-scim-provisioning/blob/main/docs/vendors.md#leadiq';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://provisioning.leadiq.com/scim/v2',
			required: true,
			description: 'The same for every LeadIQ team',
		},
		tokenProperty('LeadIQ Settings → API Keys (SCIM API key)'),
		protectedAccountsProperty,
	];

	authenticate = bearerAuthentication;

	test = listOneUserTest('application/scim+json');
}
