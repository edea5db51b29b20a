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

/** FNV-1a 32-bit hash of a text. */
export function hash32(text: string): number {
	return fnv1a(text, 0);
}

/** One 32-bit hash of several: FNV-1a over their bytes. */
export function combine(hashes: number[]): number {
	let hash = 0x811c9dc5;
	for (const value of hashes) {
		for (let shift = 0; shift < 32; shift += 8) {
			hash ^= (value >>> shift) & 255;
			hash = Math.imul(hash, 0x01000193) >>> 0;
		}
	}
	return hash;
}

/** The low `length` × 6 bits of a 32-bit hash as base64url digits (at most 5). */
export function digits(hash: number, length: number): string {
	let result = '';
	for (let index = 0; index < length; index++) result += DIGITS[(hash >>> (6 * index)) & 63];
	return result;
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

const HEX = '0123456789abcdef';
/** Three hex digits (12 bits) ⇄ two base64url digits, precomputed both ways. */
const PAIR_OF_TRIPLET = new Map<string, string>();
const TRIPLET_OF_PAIR = new Map<string, string>();
for (let value = 0; value < 4096; value++) {
	const triplet = HEX[value >> 8] + HEX[(value >> 4) & 15] + HEX[value & 15];
	const pair = DIGITS[value >> 6] + DIGITS[value & 63];
	PAIR_OF_TRIPLET.set(triplet, pair);
	TRIPLET_OF_PAIR.set(pair, triplet);
}

/**
 * Ids as they are stored: a lowercase UUID as 22 base64url digits (its 128 bits:
 * ten 12-bit groups as digit pairs, then the last 8 bits as a pair), anything else
 * percent-encoded behind "$" (which percent-encoding never leaves bare).
 */
export function encodeId(id: string): string {
	if (!UUID.test(id)) return ENCODED_MARK + encodeURIComponent(id);
	const hex = id.replace(/-/g, '');
	let result = '';
	for (let at = 0; at < 30; at += 3) result += PAIR_OF_TRIPLET.get(hex.slice(at, at + 3));
	return result + PAIR_OF_TRIPLET.get(`0${hex.slice(30)}`);
}

export function decodeId(token: string): string {
	if (token.startsWith(ENCODED_MARK)) return decodeURIComponent(token.slice(1));
	let hex = '';
	for (let at = 0; at < 20; at += 2) hex += TRIPLET_OF_PAIR.get(token.slice(at, at + 2));
	hex += (TRIPLET_OF_PAIR.get(token.slice(20, 22)) ?? '000').slice(1);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
