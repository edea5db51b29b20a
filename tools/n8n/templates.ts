import { readFileSync } from 'node:fs';
import type { IDataObject } from 'n8n-workflow';
import path from 'node:path';

import { PACKAGE_ROOT } from '../../test/harness/packageRoot';
import type { WorkflowFile } from './instance';

/** The workflow templates users import, by file, with the id each gets when imported here. */
export const TEMPLATES = {
	offboarding: { file: 'offboarding.json', id: 'tplOffboarding01' },
	onboarding: { file: 'onboarding.json', id: 'tplOnboarding001' },
	licenseAudit: { file: 'license-audit.json', id: 'tplLicenseAudit1' },
	hrSync: { file: 'hr-sync-with-approval.json', id: 'tplHrSyncApprove' },
	leaversOnTime: { file: 'leavers-on-time.json', id: 'tplLeaversOnTime' },
	accessRemovalReport: { file: 'access-removal-report.json', id: 'tplAccessRemoval' },
} as const;

export type TemplateName = keyof typeof TEMPLATES;

/** A template as shipped in templates/, ready for `n8n import:workflow`. */
export function template(name: TemplateName): WorkflowFile {
	const { file, id } = TEMPLATES[name];
	const workflow = JSON.parse(
		readFileSync(path.join(PACKAGE_ROOT, 'templates', file), 'utf8'),
	) as WorkflowFile;
	return { ...workflow, id };
}

/**
 * A template as the demo imports it: its email steps on, since the demo catches n8n's
 * mail, and the HR list read from where the demo serves it.
 */
export function demoTemplate(name: TemplateName, hrListUrl?: string): WorkflowFile {
	const workflow = template(name);
	const nodes = (workflow.nodes as IDataObject[]).map((node) => {
		if (node.type === 'n8n-nodes-base.emailSend') return { ...node, disabled: false };
		if (node.name === 'Get the HR list' && hrListUrl)
			return { ...node, parameters: { ...(node.parameters as IDataObject), url: hrListUrl } };
		return node;
	});
	return { ...workflow, nodes };
}
