import type { VendorProfile } from './profile';

/** An address as an OpenAPI `format: email` takes it (the addr-spec of RFC 5321, in ASCII). */
const ASCII_EMAIL =
	/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
/** Something that looks like an address: a local part, an @ and a domain with a dot. */
const ANY_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Why a vendor would refuse this userName, in words, or undefined where it takes it: the
 * one rule the Create operation and Sync With List check before anything is sent (a dry
 * run holds what the real run would see refused).
 */
export function userNameRefusal(
	profile: VendorProfile,
	userName: string,
): { problem: string; hint: string } | undefined {
	const vendor = profile.identity.displayName;
	const { userNameFormat } = profile.users;
	if (userNameFormat === 'asciiEmail' && !ASCII_EMAIL.test(userName))
		return {
			problem: `is not an address ${vendor} takes: its API accepts plain (ASCII) email addresses only, not ${JSON.stringify(userName)}`,
			hint: 'Use the person’s work email as the mail system spells it in ASCII (e.g. jurgen.muller@example.com for Jürgen Müller).',
		};
	if (userNameFormat === 'email' && !ANY_EMAIL.test(userName))
		return {
			problem: `must be an email address for ${vendor}, not ${JSON.stringify(userName)}`,
			hint: 'Use the person’s work email, e.g. jane.doe@example.com.',
		};
	return undefined;
}

/**
 * Why a vendor would refuse this name for a group, in words, or undefined: a name it keeps
 * for itself (Spekit's), or one longer than it takes (Leapsome: 128 characters).
 */
export function groupNameRefusal(
	profile: VendorProfile,
	displayName: string,
): { problem: string; hint: string } | undefined {
	const vendor = profile.identity.displayName;
	const reserved = profile.groups.reservedNames?.find(
		(name) => name.toLowerCase() === displayName.toLowerCase(),
	);
	if (reserved)
		return {
			problem: `is reserved by ${vendor}: ${JSON.stringify(reserved)}`,
			hint: 'Choose another name; reserved groups are managed by the vendor itself.',
		};
	const longest = profile.groups.maxDisplayNameLength;
	if (longest !== undefined && [...displayName].length > longest)
		return {
			problem: `is longer than the ${longest} characters ${vendor} takes for a group name: ${JSON.stringify(displayName)}`,
			hint: `Shorten it to ${longest} characters or fewer.`,
		};
	return undefined;
}
