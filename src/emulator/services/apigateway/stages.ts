/** Stages (`$default` or a name in the URL), with auto-deploy, stage variables and access log settings. */
import type { OperationContext } from '../../types.ts';
import { dict } from '../../dict.ts';
import { BadRequestException, ConflictException, notFound } from './errors.ts';
import { deploymentView, findApi, page, type ApiGatewayState, type HttpApi, type Stage } from './model.ts';
import { deployStage, snapshot } from './deploy.ts';

type Context = OperationContext<ApiGatewayState>;

const STAGE_NAME = /^(\$default|[\w-]{1,128})$/;

function checkVariables(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const variables = value as Record<string, unknown>;
  for (const [name, text] of Object.entries(variables)) {
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new BadRequestException(`Stage variable name ${name} must match [A-Za-z0-9_]+.`);
    if (typeof text !== 'string' || !/^[A-Za-z0-9\-._~:/?#&=,]*$/.test(text)) throw new BadRequestException(`Stage variable value for ${name} must match [A-Za-z0-9-._~:/?#&=,]*.`);
  }
  return variables as Record<string, string>;
}

/** A stage record from CreateStage's input (quick create makes one too). */
export function createStageRecord(input: Record<string, any>): Stage {
  if (typeof input.stageName !== 'string' || !STAGE_NAME.test(input.stageName)) {
    throw new BadRequestException(`Invalid stage name ${String(input.stageName)}: use $default, or letters, digits, _ and -.`);
  }
  const now = new Date().toISOString();
  const variables = checkVariables(input.stageVariables);
  return {
    stageName: input.stageName,
    autoDeploy: input.autoDeploy === true,
    ...(typeof input.description === 'string' ? { description: input.description } : {}),
    ...(variables ? { stageVariables: variables } : {}),
    ...(input.accessLogSettings ? { accessLogSettings: input.accessLogSettings } : {}),
    defaultRouteSettings: input.defaultRouteSettings ?? { detailedMetricsEnabled: false },
    routeSettings: input.routeSettings ?? {},
    createdDate: now,
    lastUpdatedDate: now,
    tags: dict(Object.entries((input.tags ?? {}) as Record<string, string>)),
  };
}

function findStage(context: Context, apiId: unknown, stageName: unknown): { api: HttpApi; stage: Stage } {
  const api = findApi(context.state, context.account, apiId);
  const stage = typeof stageName === 'string' ? api.stages[stageName] : undefined;
  if (!stage) throw notFound('Stage', context.account, String(stageName));
  return { api, stage };
}

function useDeployment(api: HttpApi, stage: Stage, deploymentId: unknown, account: string): void {
  if (deploymentId === undefined) return;
  if (typeof deploymentId !== 'string' || !api.deployments[deploymentId]) throw notFound('Deployment', account, String(deploymentId));
  deployStage(stage, deploymentId);
}

/** CreateStage. */
export function createStage(input: Record<string, any>, context: Context): Stage {
  const api = findApi(context.state, context.account, input.apiId);
  const stage = createStageRecord(input);
  if (api.stages[stage.stageName]) throw new ConflictException(`Stage ${stage.stageName} already exists`);
  useDeployment(api, stage, input.deploymentId, context.account);
  // An auto-deploying stage serves the API as it is from the start.
  if (stage.autoDeploy && stage.deploymentId === undefined) deployStage(stage, snapshot(api, 'Automatic deployment triggered by changes to the Api configuration', true).deploymentId);
  api.stages[stage.stageName] = stage;
  return stage;
}

/** GetStage. */
export function getStage(input: { apiId?: string; stageName?: string }, context: Context): Stage {
  return findStage(context, input.apiId, input.stageName).stage;
}

/** GetStages. */
export function getStages(input: { apiId?: string; nextToken?: string; maxResults?: string }, context: Context): Record<string, unknown> {
  const api = findApi(context.state, context.account, input.apiId);
  const { items, nextToken } = page(Object.values(api.stages), input.nextToken, input.maxResults);
  return { items, ...(nextToken ? { nextToken } : {}) };
}

/** UpdateStage. */
export function updateStage(input: Record<string, any>, context: Context): Stage {
  const { api, stage } = findStage(context, input.apiId, input.stageName);
  if (typeof input.autoDeploy === 'boolean') stage.autoDeploy = input.autoDeploy;
  if (typeof input.description === 'string') stage.description = input.description;
  if (input.stageVariables !== undefined) stage.stageVariables = checkVariables(input.stageVariables);
  if (input.accessLogSettings !== undefined) stage.accessLogSettings = input.accessLogSettings;
  if (input.defaultRouteSettings !== undefined) stage.defaultRouteSettings = input.defaultRouteSettings;
  if (input.routeSettings !== undefined) stage.routeSettings = input.routeSettings;
  useDeployment(api, stage, input.deploymentId, context.account);
  if (stage.autoDeploy && input.autoDeploy === true) deployStage(stage, snapshot(api, 'Automatic deployment triggered by changes to the Api configuration', true).deploymentId);
  stage.lastUpdatedDate = new Date().toISOString();
  return stage;
}

/** DeleteStage. */
export function deleteStage(input: { apiId?: string; stageName?: string }, context: Context): null {
  const { api, stage } = findStage(context, input.apiId, input.stageName);
  delete api.stages[stage.stageName];
  return null;
}

/** GetDeployment. */
export function getDeployment(input: { apiId?: string; deploymentId?: string }, context: Context): Record<string, unknown> {
  const api = findApi(context.state, context.account, input.apiId);
  const deployment = typeof input.deploymentId === 'string' ? api.deployments[input.deploymentId] : undefined;
  if (!deployment) throw notFound('Deployment', context.account, String(input.deploymentId));
  return deploymentView(deployment);
}

/** GetDeployments. */
export function getDeployments(input: { apiId?: string; nextToken?: string; maxResults?: string }, context: Context): Record<string, unknown> {
  const api = findApi(context.state, context.account, input.apiId);
  const all = Object.values(api.deployments).sort((a, b) => a.createdDate.localeCompare(b.createdDate));
  const { items, nextToken } = page(all.map(deploymentView), input.nextToken, input.maxResults);
  return { items, ...(nextToken ? { nextToken } : {}) };
}

/** DeleteDeployment: refused while a stage serves it. */
export function deleteDeployment(input: { apiId?: string; deploymentId?: string }, context: Context): null {
  const api = findApi(context.state, context.account, input.apiId);
  const deployment = typeof input.deploymentId === 'string' ? api.deployments[input.deploymentId] : undefined;
  if (!deployment) throw notFound('Deployment', context.account, String(input.deploymentId));
  const serving = Object.values(api.stages).find((stage) => stage.deploymentId === deployment.deploymentId);
  if (serving) throw new BadRequestException(`Active stages pointing to this deployment must be moved or deleted: ${serving.stageName}`);
  delete api.deployments[deployment.deploymentId];
  return null;
}
