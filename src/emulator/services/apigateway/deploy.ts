/** Deployments: what a stage serves is what was deployed to it, unless the stage deploys every change itself. */
import type { OperationContext } from '../../types.ts';
import type { ApiGatewayState, Deployment, HttpApi, Stage } from './model.ts';
import { deploymentView, findApi, newId } from './model.ts';
import { BadRequestException } from './errors.ts';

/** A deployment of the API as it is now. */
export function snapshot(api: HttpApi, description: string | undefined, autoDeployed: boolean): Deployment {
  const deployment: Deployment = {
    deploymentId: newId(6),
    createdDate: new Date().toISOString(),
    ...(description !== undefined ? { description } : {}),
    autoDeployed,
    deploymentStatus: 'DEPLOYED',
    routes: structuredClone(api.routes),
    integrations: structuredClone(api.integrations),
  };
  api.deployments[deployment.deploymentId] = deployment;
  return deployment;
}

/** After a change to routes or integrations: every auto-deploying stage gets a new deployment, as on AWS. */
export function changed(api: HttpApi): void {
  const stages = Object.values(api.stages).filter((stage) => stage.autoDeploy);
  if (stages.length === 0) return;
  const deployment = snapshot(api, 'Automatic deployment triggered by changes to the Api configuration', true);
  for (const stage of stages) deployStage(stage, deployment.deploymentId);
}

/** Points a stage at a deployment. */
export function deployStage(stage: Stage, deploymentId: string): void {
  stage.deploymentId = deploymentId;
  stage.lastUpdatedDate = new Date().toISOString();
}

/** CreateDeployment: deploys the API, to a stage when named. */
export function createDeployment(input: { apiId?: string; stageName?: string; description?: string }, context: OperationContext<ApiGatewayState>): Record<string, unknown> {
  const api = findApi(context.state, context.account, input.apiId);
  const stage = input.stageName === undefined ? undefined : api.stages[input.stageName];
  if (input.stageName !== undefined && !stage) throw new BadRequestException(`Invalid stage identifier specified: ${input.stageName}`);
  if (stage?.autoDeploy) throw new BadRequestException(`Stage ${stage.stageName} is configured for auto-deploy: it deploys every change itself.`);
  const deployment = snapshot(api, input.description, false);
  if (stage) deployStage(stage, deployment.deploymentId);
  return deploymentView(deployment);
}
