import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, INode, INodeType } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import { makeAdditionalData } from './runNode';
import { credentialTypes, nodeTypes } from './packageTypes';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Runs a credential type's `test` request the way n8n's credentials tester does:
 * a temporary node whose only property routes the test request, executed by
 * n8n-core's RoutingNode with the credential's real authentication.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const credentialType = credentialTypes.get(type);
	const request = credentialType?.test?.request;
	if (!request) throw new Error(`Credential ${type} has no test request`);

	const nodeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: 'credential-id', name: 'credential' } },
	};
	const types = {
		...nodeTypes,
		getByName: (name: string) => (name === 'credentialTest' ? nodeType : nodeTypes.getByName(name)),
		getByNameAndVersion: (name: string) =>
			name === 'credentialTest' ? nodeType : nodeTypes.getByNameAndVersion(name),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: types,
	});
	const additionalData = makeAdditionalData({ [type]: data });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	try {
		await new RoutingNode(context, nodeType, {
			id: 'credential-id',
			name: 'credential',
			type,
			data,
		}).runNode();
	} catch (caught) {
		// n8n keeps the HTTP status on the NodeApiError it wraps the request failure in.
		const error = caught as { message: string; httpCode?: string | null };
		const status = Number(error.httpCode);
		if (Number.isInteger(status) && status >= 300) {
			const rule = credentialType.test?.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
			);
			return {
				status: 'Error',
				message: rule?.properties.message ?? `Received HTTP status code: ${status}`,
			};
		}
		return { status: 'Error', message: error.httpCode ?? error.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
