import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { protectedAccountsProperty } from './protectedAccounts';
import { bearerAuthentication, listOneUserTest, tokenProperty } from './scimBearerToken';

export class SpekitScimApi implements ICredentialType {
	name = 'spekitScimApi';

	displayName = 'Spekit SCIM API';

	icon = { light: 'file:../icons/spekit.svg', dark: 'file:../icons/spekit.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-scim-provisioning/n8n-nodes-scim-provisioning/blob/main/docs/vendors.md#spekit';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://…/scim/v2',
			description:
				'Your tenant’s SCIM URL, shown in the Spekit admin settings once SSO is set up. It differs per tenant.',
		},
		tokenProperty('the Spekit admin settings, next to the SCIM URL'),
		protectedAccountsProperty,
	];

	authenticate = bearerAuthentication;

	test = listOneUserTest('application/scim+json');
}
