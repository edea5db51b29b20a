/**
 * How a service wants each kind of write shaped. A vendor names its dialect; the
 * shapes are facts about the client its SCIM server is proven with.
 */
export interface Dialect {
	/**
	 * A change of user attributes: RFC 7644 PatchOp, a partial user (Leapsome), or the
	 * whole user read and PUT back (Okta's SCIM client, for app integrations).
	 */
	userChanges: 'patchOp' | 'partialResource' | 'put';
	/**
	 * Setting `active` or a group's name: PatchOp `replace` with a `path`, or with the
	 * attributes in its `value` and no path (Okta's client), or a partial resource.
	 */
	replace: 'withPath' | 'withoutPath' | 'partialResource';
	/** Group members are sent with their display name, `{ value, display }` (Okta's client). */
	memberDisplay: boolean;
}

export const DIALECTS = {
	/** RFC 7644 as written: any SCIM service. */
	rfc7644: { userChanges: 'patchOp', replace: 'withPath', memberDisplay: false },
	/** What Okta's SCIM 2.0 client sends (developer.okta.com, SCIM 2.0 protocol reference). */
	okta: { userChanges: 'put', replace: 'withoutPath', memberDisplay: true },
	/** Leapsome's OpenAPI: PATCH takes a partial resource. */
	leapsome: { userChanges: 'partialResource', replace: 'partialResource', memberDisplay: false },
} satisfies Record<string, Dialect>;

export type DialectName = keyof typeof DIALECTS;
