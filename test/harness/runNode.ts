import { createDeferredPromise, createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';

import { TestCredentialsHelper } from './credentialsHelper';
import { credentialTypes, nodeType, nodeTypes as thisProcess } from './packageTypes';
import type { PackageNodeTypes } from './packageTypes';

export type TestCredentials = Record<string, ICredentialDataDecryptedObject>;

export interface NodeRun {
	/** The node's first output, as the next node would receive it. */
	items: INodeExecutionData[];
	/** The workflow error when the node failed as a whole (Continue On Fail off). */
	error?: Error & { description?: string | null; context?: IDataObject; httpCode?: string | null };
	run: IRun;
}

const NODE_NAME = 'Node Under Test';

export function makeNode(
	type: string,
	parameters: INodeParameters,
	extra: Partial<INode> = {},
	nodeTypes: PackageNodeTypes = thisProcess,
): INode {
	const description = nodeTypes.types.get(nodeType(type))?.description;
	if (!description) throw new Error(`No built node named ${type}`);
	const credentials = Object.fromEntries(
		(description.credentials ?? []).map(({ name }) => [
			name,
			{ id: `${name}-id`, name: `${name} account` },
		]),
	);
	return {
		id: 'node-under-test',
		name: NODE_NAME,
		type: nodeType(type),
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials,
		...extra,
	};
}

export function makeWorkflow(node: INode, nodeTypes: PackageNodeTypes = thisProcess): Workflow {
	return new Workflow({
		id: 'test-workflow',
		name: 'Test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData: {},
	});
}

export function makeAdditionalData(credentials: TestCredentials): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'Test',
		nodes: [],
		connections: {},
		active: false,
		settings: {},
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in tests');
		},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Runs one node of this package inside n8n-core's WorkflowExecute, as n8n runs a
 * workflow whose first node receives `items`.
 */
export async function runNode(options: {
	type: string;
	parameters: INodeParameters;
	items?: IDataObject[];
	credentials: TestCredentials;
	continueOnFail?: boolean;
	mode?: WorkflowExecuteMode;
	/** The package as loaded by another process (see secondProcess.ts); this one's by default. */
	nodeTypes?: PackageNodeTypes;
}): Promise<NodeRun> {
	const node = makeNode(
		options.type,
		options.parameters,
		options.continueOnFail ? { onError: 'continueRegularOutput' } : {},
		options.nodeTypes,
	);
	const workflow = makeWorkflow(node, options.nodeTypes);
	const additionalData = makeAdditionalData(options.credentials);
	const finished = createDeferredPromise<IRun>();
	additionalData.hooks!.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));

	const input = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [input] }, source: null }] },
	});

	const execution = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished.promise;
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: (run.data.resultData.error ?? task?.error) as NodeRun['error'],
		run,
	};
}

/** Calls one of a node's resource-locator list searches through n8n-core's LoadOptionsContext. */
export async function runListSearch(options: {
	type: string;
	method: string;
	credentials: TestCredentials;
	filter?: string;
	paginationToken?: string;
}): Promise<INodeListSearchResult> {
	const node = makeNode(options.type, {});
	const workflow = makeWorkflow(node);
	const context = new LoadOptionsContext(
		workflow,
		node,
		makeAdditionalData(options.credentials),
		'',
	);
	const method = thisProcess.types.get(nodeType(options.type))?.methods?.listSearch?.[
		options.method
	];
	if (!method) throw new Error(`No list search ${options.method} on ${options.type}`);
	return await method.call(context, options.filter, options.paginationToken);
}

export { credentialTypes };
