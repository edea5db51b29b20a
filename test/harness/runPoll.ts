import { PollContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { makeAdditionalData, makeNode } from './runNode';
import type { TestCredentials } from './runNode';
import { nodeType, nodeTypes } from './packageTypes';

export interface PollResult {
	/** The emitted items' JSON, or null when the poll returned null. */
	events: IDataObject[] | null;
}

/**
 * A polling trigger of this package as n8n's ActiveWorkflows drives it: each poll runs
 * through n8n-core's PollContext against one workflow whose static data persists
 * between polls. `restart()` gives the same trigger after a restart from saved data.
 */
export class PollingTrigger {
	readonly workflow: Workflow;

	constructor(
		private readonly type: string,
		private readonly parameters: INodeParameters,
		private readonly credentials: TestCredentials,
		staticData: IDataObject = {},
	) {
		const node = makeNode(type, parameters);
		this.workflow = new Workflow({
			id: 'poll-workflow',
			name: 'Poll',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData,
		});
	}

	/** The static data as n8n would save it. */
	get savedStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollResult> {
		const node = this.workflow.getNode('Node Under Test')!;
		const context = new PollContext(
			this.workflow,
			node,
			makeAdditionalData(this.credentials),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const type = nodeTypes.types.get(nodeType(this.type)) as INodeType;
		const output = await type.poll!.call(context);
		return { events: output ? output[0].map((item) => item.json) : null };
	}

	restart(credentials = this.credentials, parameters = this.parameters): PollingTrigger {
		return new PollingTrigger(this.type, parameters, credentials, this.savedStaticData);
	}
}
