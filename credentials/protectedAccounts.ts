import type { INodeProperties } from 'n8n-workflow';

/** Accounts no Deactivate, Delete or Remove Member may touch, on every credential. */
export const protectedAccountsProperty: INodeProperties = {
	displayName: 'Protected Accounts',
	name: 'protectedUsers',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	placeholder: 'e.g. it-breakglass@example.com, billing-owner@example.com',
	description:
		'UserNames or IDs, one per line or comma-separated (break-glass admins, service accounts, the billing owner). Deactivate, Delete and Remove Member refuse them before any change, and the license audit reports them as "protected". Case and surrounding spaces do not matter.',
};
