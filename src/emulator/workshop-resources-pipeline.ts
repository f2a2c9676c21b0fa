/**
 * The resource explorer's view of the pipeline's later services: HTTP APIs with their routes,
 * topics with their subscriptions, and state machines with their latest executions. Read-only,
 * like the rest of the snapshot.
 */
import type { Emulator } from './emulator.ts';
import type { ApiGatewayState } from './services/apigateway/model.ts';
import type { SnsState } from './services/sns/state.ts';
import type { SfnState } from './services/stepfunctions/model.ts';
import { byName, isoTime, scopesOf, valuesOf } from './workshop-resources-scopes.ts';

/** How many executions (newest first) the snapshot lists per state machine. */
export const RECENT_EXECUTIONS = 5;

/** APIs, topics and state machines of one account. */
export interface PipelineResources {
  apis: Array<{ name: string; region: string; apiId: string; path: string; routes: Array<{ routeKey: string; target?: string }>; stages: string[] }>;
  topics: Array<{ name: string; region: string; arn: string; fifo: boolean; subscriptions: Array<{ protocol: string; endpoint: string; pending: boolean }> }>;
  stateMachines: Array<{ name: string; region: string; arn: string; type: string; executions: Array<{ name: string; status: string; startDate: string; stopDate?: string; error?: string }> }>;
}

/** The APIs, topics and state machines of `account` across all regions, sorted by name. */
export function pipelineResources(emulator: Emulator, account: string): PipelineResources {
  return {
    apis: byName(scopesOf<ApiGatewayState>(emulator, 'apigatewayv2', account).flatMap(([region, state]) =>
      valuesOf(state.apis).map((api) => ({
        name: api.name,
        region,
        apiId: api.apiId,
        path: `/_aws/execute-api/${api.apiId}`,
        routes: valuesOf(api.routes)
          .map((route) => ({ routeKey: route.routeKey, ...(route.target ? { target: targetOf(api.integrations, route.target) } : {}) }))
          .sort((a, b) => a.routeKey.localeCompare(b.routeKey)),
        stages: Object.keys(api.stages ?? {}).sort(),
      })))),
    topics: byName(scopesOf<SnsState>(emulator, 'sns', account).flatMap(([region, state]) =>
      valuesOf(state.topics).filter((topic) => !topic.deleted).map((topic) => ({
        name: topic.Name,
        region,
        arn: topic.Arn,
        fifo: topic.Name.endsWith('.fifo'),
        subscriptions: valuesOf(state.subscriptions)
          .filter((subscription) => subscription.TopicArn === topic.Arn)
          .map((subscription) => ({ protocol: subscription.Protocol, endpoint: subscription.Endpoint, pending: Boolean(subscription.pending) })),
      })))),
    stateMachines: byName(scopesOf<SfnState>(emulator, 'stepfunctions', account).flatMap(([region, state]) => {
      const executions = valuesOf(state.executions);
      return valuesOf(state.machines).map((machine) => ({
        name: machine.name,
        region,
        arn: machine.stateMachineArn,
        type: machine.type,
        executions: executions
          .filter((execution) => execution.stateMachineArn === machine.stateMachineArn)
          .sort((a, b) => new Date(b.startDate).getTime() - new Date(a.startDate).getTime())
          .slice(0, RECENT_EXECUTIONS)
          .map((execution) => ({
            name: execution.name,
            status: execution.status,
            startDate: isoTime(execution.startDate),
            ...(execution.stopDate ? { stopDate: isoTime(execution.stopDate) } : {}),
            ...(execution.error ? { error: execution.error } : {}),
          })),
      }));
    })),
  };
}

/** What a route's `integrations/<id>` target calls: the integration's URI (a function ARN), else the target as written. */
function targetOf(integrations: Record<string, { integrationUri?: string }> | undefined, target: string): string {
  const id = target.startsWith('integrations/') ? target.slice('integrations/'.length) : undefined;
  return (id && integrations?.[id]?.integrationUri) || target;
}
