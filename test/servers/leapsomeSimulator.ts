import type { NextFunction, Request, RequestHandler, Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/packageRoot';
import { startSimulator } from './vendorSimulator';
import type { SimulatorOptions, VendorRules } from './vendorSimulator';

/** Leapsome's published OpenAPI description, as the vendor ships it. */
export const LEAPSOME_SPEC = path.join(
	PACKAGE_ROOT,
	'test',
	'servers',
	'specs',
	'leapsome-scim-openapi.yml',
);

/** Every request is checked against the OpenAPI file; what it does not allow is recorded and refused. */
function openApiValidation(violations: string[]): RequestHandler[] {
	const middlewares = OpenApiValidator.middleware({
		apiSpec: LEAPSOME_SPEC,
		validateRequests: { allowUnknownQueryParameters: false },
		validateResponses: false,
		validateSecurity: false,
	}) as RequestHandler[];
	// The validator writes schema defaults into the body it checks (UserDefinition's title
	// "Colleague"): a PATCH changes only what it sends, so the body handled is the one sent.
	return middlewares.map(
		(middleware) => (request: Request, response: Response, next: NextFunction) => {
			const sent: unknown = structuredClone(request.body);
			middleware(request, response, (error?: unknown) => {
				if (error)
					violations.push(`${request.method} ${request.originalUrl}: ${(error as Error).message}`);
				request.body = sent;
				next(error);
			});
		},
	);
}

/** Leapsome as its OpenAPI and documentation describe it (../shared/VENDORS.md). */
export const LEAPSOME_RULES: VendorRules = {
	name: 'Leapsome',
	mount: '/scim/v1',
	mediaType: 'application/json',
	invalidTokenStatus: 403,
	maxPageSize: { User: 5000, Group: 1000 },
	filterableAttributes: { User: ['userName'], Group: ['displayName'] },
	userPatch: 'partialResource',
	groupPatch: 'memberList',
	groupsListMembers: false,
	deletableUsers: false,
	deletableGroups: false,
	existingUserOnCreate: 'emptyCreated',
	duplicateGroupName: {
		status: 409,
		detail: 'The displayName is already in use within the organization',
	},
	emailDomains: ['example.com'],
	maxMembersPerPatch: 100,
	maxGroupNameLength: 128,
	requestsPerSecond: 30,
	idFallsBackToExternalId: true,
	defaultTitle: 'Colleague',
	// POST /Users documents these alone; managers and teams are set afterwards.
	createAttributes: ['userName', 'name', 'displayName', 'title', 'photos', 'externalId'],
	missingGroupStatus: 401,
	managerReference: true,
	validators: openApiValidation,
};

export const startLeapsomeSimulator = async (options: SimulatorOptions = {}) =>
	await startSimulator(LEAPSOME_RULES, options);
