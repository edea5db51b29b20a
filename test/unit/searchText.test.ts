import {
	containsText,
	looksLikeWholeUserName,
	positionOf,
	tokenOf,
} from '../../nodes/shared/methods/searchText';

describe('resource-locator search text', () => {
	test.each([
		['ana.lima@example.com', true],
		['Ana.Lima@Example.co.uk', true],
		['ana', false],
		['ana.lima@', false],
		['ana.lima@example', false],
		['ana.lima@example.', false],
		['Ana Lima', false],
		['ana lima@example.com', false],
	])('%j is a whole userName to look up with eq: %s', (text, whole) => {
		expect(looksLikeWholeUserName(text)).toBe(whole);
	});

	test('matching here: contains, case aside, in any of the values; absent values match nothing', () => {
		expect(containsText('ana', ['Joana Reis', undefined])).toBe(true);
		expect(containsText('LIMA', [undefined, 'ana.lima@example.com'])).toBe(true);
		expect(containsText('bo', ['Ana Lima', 'ana@example.com'])).toBe(false);
		expect(containsText('ana', [undefined])).toBe(false);
	});

	test('a token names where the next page starts, and whether it is matched here', () => {
		expect(positionOf(tokenOf({ startIndex: 21, matchedHere: true }))).toEqual({
			startIndex: 21,
			matchedHere: true,
		});
		expect(positionOf(tokenOf({ startIndex: 4, matchedHere: false }))).toEqual({
			startIndex: 4,
			matchedHere: false,
		});
		expect(tokenOf({ startIndex: 4, matchedHere: false })).toBe('4');
		for (const token of [undefined, '', '0', '-3', '2.5', 'here:', 'here:x', 'next'])
			expect(positionOf(token)).toEqual({ startIndex: 1, matchedHere: false });
	});
});
