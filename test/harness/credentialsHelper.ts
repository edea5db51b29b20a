import { ICredentialsHelper } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { Credentials } from 'n8n-core';

import { credentialTypes } from './packageTypes';

/** Resolves "={{ … }}" values the way n8n does for credential blocks, with $credentials in scope. */
function resolve(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
}

/**
 * Holds test credentials in memory and applies each credential type's real
 * `authenticate` (a function, or n8n's generic block with expressions).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes.get(typeName);
		if (!type) throw new Error(`Unknown credential type ${typeName}`);
		const options = requestOptions as IHttpRequestOptions;
		const { authenticate } = type;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (!authenticate) return options;
		const result: IHttpRequestOptions = { ...options };
		for (const key of ['headers', 'qs', 'body'] as const) {
			const block = authenticate.properties[key] as Record<string, unknown> | undefined;
			if (!block) continue;
			const resolved = Object.fromEntries(
				Object.entries(block).map(([name, value]) => [
					name,
					resolve(value, credentials, workflow, node),
				]),
			);
			result[key] = { ...((options[key] as object | undefined) ?? {}), ...resolved } as never;
		}
		return result;
	}

	async preAuthentication() {
		return undefined;
	}

	getParentTypes(): string[] {
		return [];
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<ICredentials> {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, '', '');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes.get(type)?.properties ?? [];
	}
}
