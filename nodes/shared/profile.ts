/**
 * What a SCIM service can do, as far as the nodes need to know.
 * A vendor profile states these facts up front; the generic profile learns them
 * from the service's /ServiceProviderConfig.
 */
export interface ScimCapabilities {
	/** RFC 7644 PATCH is supported; otherwise updates are sent as PUT of the whole resource. */
	patch: boolean;
	/** Largest page the service returns from a list request. */
	maxPageSize: number;
	/** The service versions resources with ETags. */
	etag: boolean;
}

/** A vendor's SCIM facts as data: everything the shared core varies on. */
export interface VendorProfile {
	/** Shown in messages, e.g. "Leapsome". */
	displayName: string;
	/** Name of the n8n credential type that holds baseUrl and the secret. */
	credentialType: string;
	/** Facts known without asking the service. */
	capabilities: ScimCapabilities;
	/** Read /ServiceProviderConfig once per execution and let it refine `capabilities`. */
	discoverCapabilities: boolean;
	/** Operations the vendor cannot do, as "resource.operation"; the node leaves them out. */
	unsupportedOperations: readonly string[];
	/** Offer a free-form SCIM filter on "Get Many" (only where the service filters on any attribute). */
	rawFilter: boolean;
}
