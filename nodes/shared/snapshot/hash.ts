/** Base64url digits: JSON-safe, URL-safe, one byte each. */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** FNV-1a, 32 bits, over UTF-16 code units; `seed` gives independent variants. */
function fnv1a(text: string, seed: number): number {
	let hash = (0x811c9dc5 ^ seed) >>> 0;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/** A hash of `length` base64url digits (6 bits each, up to 10 digits). */
export function shortHash(text: string, length: number): string {
	let high = fnv1a(text, 0);
	let low = fnv1a(text, 0x9e3779b9);
	let result = '';
	for (let index = 0; index < length; index++) {
		result += DIGITS[low & 63];
		low = ((low >>> 6) | ((high & 63) << 26)) >>> 0;
		high >>>= 6;
	}
	return result;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENCODED_MARK = '$';

/**
 * Ids as they are stored: a lowercase UUID as 22 base64url digits (its 128 bits),
 * anything else percent-encoded behind "$" (which percent-encoding never leaves bare).
 */
export function encodeId(id: string): string {
	if (!UUID.test(id)) return ENCODED_MARK + encodeURIComponent(id);
	const hex = id.replace(/-/g, '');
	let result = '';
	// 32 hex digits = 128 bits: 21 groups of 6 bits, then the last 2 bits.
	let bits = 0;
	let value = 0;
	for (const digit of hex) {
		value = (value << 4) | parseInt(digit, 16);
		bits += 4;
		while (bits >= 6) {
			bits -= 6;
			result += DIGITS[(value >> bits) & 63];
		}
		value &= (1 << bits) - 1;
	}
	return result + DIGITS[value << (6 - bits)];
}

export function decodeId(token: string): string {
	if (token.startsWith(ENCODED_MARK)) return decodeURIComponent(token.slice(1));
	let hex = '';
	let bits = 0;
	let value = 0;
	for (const digit of token) {
		value = (value << 6) | DIGITS.indexOf(digit);
		bits += 6;
		while (bits >= 4 && hex.length < 32) {
			bits -= 4;
			hex += ((value >> bits) & 15).toString(16);
		}
		value &= (1 << bits) - 1;
	}
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
