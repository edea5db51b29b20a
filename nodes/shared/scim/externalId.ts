import type { ScimConnection } from '../transport/connection';
import { changeable } from '../transport/schemas';
import { SCHEMA } from './types';

/**
 * Whether an existing user's `externalId` can be set: the vendor's update takes it (LeadIQ
 * updates names only), and a service's /Schemas, where they define it, do not make it
 * read-only or immutable. Sync With List stores each person's employee ID there, which is
 * what tells a recycled address from its former owner; Check Service says where it cannot.
 */
export async function storesExternalId(connection: ScimConnection): Promise<boolean> {
	if (!connection.profile.users.fields.update.some((field) => field.path === 'externalId'))
		return false;
	if (!connection.profile.protocol.discoverCapabilities) return true;
	return (await changeable(connection, SCHEMA.user, 'externalId')) !== false;
}
