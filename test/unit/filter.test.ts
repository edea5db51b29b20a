import {
	allOf,
	equals,
	filterValuePath,
	scimStringLiteral,
	startsWith,
} from '../../nodes/shared/scim/filter';
import { parseFilter } from '../servers/scimFilter';

describe('SCIM filter builder', () => {
	test.each([
		['plain', 'jane@example.com', '"jane@example.com"'],
		['double quote', 'a"b', '"a\\"b"'],
		['backslash', 'a\\b', '"a\\\\b"'],
		[
			'quote then clause',
			'x" or userName pr or userName eq "y',
			'"x\\" or userName pr or userName eq \\"y"',
		],
		['control characters', 'a\u0000b\u001fc\nd\te', '"a\\u0000b\\u001fc\\nd\\te"'],
		['unicode', 'ünï 日本 🙂', '"ünï 日本 🙂"'],
		['lone surrogate', 'a\ud800b', '"a\\ud800b"'],
		['empty', '', '""'],
	])('writes a %s value as a JSON string literal', (_name, value, literal) => {
		expect(scimStringLiteral(value)).toBe(literal);
		expect(JSON.parse(scimStringLiteral(value))).toBe(value);
	});

	test('booleans are written bare, strings quoted', () => {
		expect(equals('active', false)).toBe('active eq false');
		expect(equals('active', 'false')).toBe('active eq "false"');
		expect(startsWith('displayName', 'Sa"')).toBe('displayName sw "Sa\\""');
	});

	test('attribute paths are checked, so only our own names reach a filter', () => {
		expect(() => equals('userName or userName pr', 'x')).toThrow('Invalid SCIM attribute path');
		expect(
			equals('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'R&D'),
		).toBe('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "R&D"');
	});

	test('allOf parenthesises clauses only when there are several and drops empty ones', () => {
		expect(allOf([])).toBeUndefined();
		expect(allOf([undefined, ' ', 'a eq "1"'])).toBe('a eq "1"');
		expect(allOf(['a eq "1"', 'b eq "2" or c pr'])).toBe('(a eq "1") and (b eq "2" or c pr)');
	});

	test('a value path selects one entry of a multi-valued attribute', () => {
		expect(filterValuePath('members', 'id"1')).toBe('members[value eq "id\\"1"]');
	});

	test('an RFC 7644 parser matches an injection attempt only against its literal value', () => {
		const hostile = 'x" or userName pr or userName eq "y';
		const users = [
			{ userName: 'x' },
			{ userName: 'y' },
			{ userName: 'victim' },
			{ userName: hostile },
		];
		const predicate = parseFilter(equals('userName', hostile));
		expect(users.filter(predicate)).toEqual([{ userName: hostile }]);
	});
});
