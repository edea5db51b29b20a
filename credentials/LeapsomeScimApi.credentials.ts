import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { protectedAccountsProperty } from './protectedAccounts';
import { bearerAuthentication, listOneUserTest, tokenProperty } from './scimBearerToken';

export class LeapsomeScimApi implements ICredentialType {
	name = 'leapsomeScimApi';

	displayName = 'Leapsome SCIM API';

	icon = { light: 'file:../icons/leapsome.svg', dark: 'file:../icons/leapsome.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-scim-provisioning/n8n-nodes-scim-provisioning/blob/main/docs/vendors.md#leapsome';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.leapsome.com/scim/v1',
			required: true,
		},
		tokenProperty('Leapsome Settings → HRIS integrations → SCIM'),
		protectedAccountsProperty,
	];

	authenticate = bearerAuthentication;

	test = listOneUserTest('application/json');
}
