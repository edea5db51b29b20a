import type { INode } from 'n8n-workflow';

import {
	parseScimError,
	redact,
	scimApiError,
	unreachableError,
} from '../../nodes/shared/transport/errors';

const node: INode = {
	id: '1',
	name: 'SCIM',
	type: 'n8n-nodes-scim-provisioning.scim',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const request = { method: 'POST', path: '/Users' };

describe('SCIM error mapping', () => {
	test('reads status, scimType and detail from a SCIM error body', () => {
		const details = parseScimError(409, {
			schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
			status: '409',
			scimType: 'uniqueness',
			detail: 'userName taken',
		});
		expect(details).toEqual({ status: 409, scimType: 'uniqueness', detail: 'userName taken' });
		const error = scimApiError(node, details, request, []);
		expect(error.message).toBe('SCIM POST /Users failed with 409 (uniqueness): userName taken');
		expect(error.httpCode).toBe('409');
		expect(error.description).toBe('A resource with the same unique value already exists.');
	});

	test.each([
		['empty body', '', { status: 500, detail: undefined }],
		['no body', undefined, { status: 502, detail: undefined }],
		['HTML page', '<html>Bad gateway</html>', { status: 502, detail: '<html>Bad gateway</html>' }],
		[
			'other JSON',
			{ message: 'Invariant Error: Duplicate group name' },
			{ status: 500, detail: 'Invariant Error: Duplicate group name' },
		],
		[
			'OAuth-style JSON',
			{ error: 'invalid_token', error_description: 'expired' },
			{ status: 401, detail: 'expired' },
		],
		['JSON array', [1, 2], { status: 400, detail: undefined }],
	])('tolerates a %s', (_name, body, expected) => {
		expect(parseScimError(expected.status, body)).toMatchObject(expected);
	});

	test('cuts a very long detail', () => {
		expect(parseScimError(500, 'x'.repeat(5000)).detail).toHaveLength(500);
	});

	test('a message without a detail still names the request and the status', () => {
		const error = scimApiError(node, { status: 503 }, { method: 'GET', path: '/Users/1' }, []);
		expect(error.message).toBe('SCIM GET /Users/1 failed with 503');
		expect(error.description).toBe('The SCIM service is unavailable right now.');
	});

	test('secrets are removed from the detail wherever they appear', () => {
		const error = scimApiError(
			node,
			{ status: 401, detail: 'bad token Bearer s3cr3t-token (s3cr3t-token)' },
			request,
			['s3cr3t-token'],
		);
		expect(error.message).toBe(
			'SCIM POST /Users failed with 401: bad token Bearer [redacted] ([redacted])',
		);
		expect(JSON.stringify(error)).not.toContain('s3cr3t-token');
		expect(redact('abc', ['ab'])).toBe('abc');
	});

	test('a request without an answer names the host and the failure in words', () => {
		const error = unreachableError(node, 'scim.example.com', 'ECONNRESET', request);
		expect(error.message).toBe(
			'SCIM POST /Users got no answer from scim.example.com: the connection was dropped',
		);
		expect(unreachableError(node, 'h', undefined, request).message).toBe(
			'SCIM POST /Users got no answer from h: no answer came back',
		);
	});
});
