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
export async function testCredential(type: string, data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
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
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' }],
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
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = makeAdditionalData({ [type]: data });
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', createRunExecutionData(), 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	try {
		await new RoutingNode(context, nodeType, { id: 'credential-id', name: 'credential', type, data }).runNode();
	} catch (caught) {
		const error = caught as { message: string; cause?: { response?: { status: number; statusText?: string }; code?: string } };
		const status = error.cause?.response?.status;
		if (status !== undefined) {
			const rule = credentialType.test?.rules?.find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === status);
			return { status: 'Error', message: rule?.properties.message ?? error.cause?.response?.statusText ?? `Received HTTP status code: ${status}` };
		}
		return { status: 'Error', message: error.cause?.code ?? error.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
