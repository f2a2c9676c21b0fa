/**
 * AWS Step Functions: state machines (Standard and Express) in the Amazon States Language,
 * validated with AWS's InvalidDefinition messages and run by aws-local-stepfunctions in the
 * background, with history, StopExecution, StartSyncExecution for Express machines and task
 * tokens. Tasks reach the emulator's own Lambda, DynamoDB, SQS, EventBridge and SNS (when the
 * emulator runs SNS) and any `aws-sdk:` service it runs; Wait states and Retry intervals are
 * scaled by the time factor. Every state entered or exited is a step in the event-flow trace.
 * With --state, machines, executions and histories are saved; an execution that was running when
 * the emulator stopped is FAILED (States.Runtime, with a cause saying so) at the next start.
 * LIMITATIONS: activities, distributed Map (ItemReader, ItemBatcher, ResultWriter, map runs),
 * versions and aliases (publish is ignored), redrive, ValidateStateMachineDefinition,
 * TestState, `.sync` integrations (run as plain calls), HeartbeatSeconds, and
 * `QueryLanguage: "JSONata"` (accepted by the validator, but the interpreter runs JSONPath
 * only: Arguments, Output, Assign and Condition are not evaluated) are not emulated; the role is
 * checked for shape only and never assumed; Task timeouts are not scaled; Express executions write
 * no CloudWatch Logs; history events' previousEventId is the event before, also inside Map and
 * Parallel; Standard executions are kept until their machine's state is reset.
 */
import type { Emulator } from '../../emulator.ts';
import type { ServiceDefinition } from '../../types.ts';
import { getExecutionHistory, describeExecution, listExecutions, startExecution, startSyncExecution, stopExecution, type ExecutionsContext } from './executions.ts';
import { createStateMachine, deleteMachineRecord, describeStateMachine, listStateMachines, listTags, tagResource, untagResource, updateStateMachine } from './machines.ts';
import { createSfnState, findMachine, type SfnState } from './model.ts';
import type { Running } from './runner.ts';
import { TaskTokens } from './tokens.ts';

/** The cause an execution gets when the emulator stopped while it ran. */
export const RESTART_CAUSE = 'The emulator stopped while this execution was running, and executions do not survive a restart: start a new execution.';

/** Ends the executions a previous run of the emulator left RUNNING. */
function failInterrupted(emulator: Emulator): void {
  for (const { account, region, state } of emulator.store.scopesOf<SfnState>('stepfunctions')) {
    let changed = false;
    for (const execution of Object.values(state.executions)) {
      if (execution.status !== 'RUNNING') continue;
      Object.assign(execution, { status: 'FAILED', stopDate: new Date(), error: 'States.Runtime', cause: RESTART_CAUSE });
      const events = (state.histories[execution.executionArn] ??= []);
      events.push({ timestamp: execution.stopDate!, type: 'ExecutionFailed', id: events.length + 1, previousEventId: events.length, executionFailedEventDetails: { error: 'States.Runtime', cause: RESTART_CAUSE } });
      changed = true;
    }
    if (changed) emulator.store.markDirty('stepfunctions', account, region);
  }
}

/** Creates the Step Functions service (a factory: each emulator has its own running executions and tokens). */
export function createStepFunctionsService(): ServiceDefinition<SfnState> {
  const running = new Map<string, Running>();
  const tokens = new TaskTokens();
  let context: ExecutionsContext | undefined;
  const ready = (emulator: Emulator): ExecutionsContext => (context ??= { emulator, tokens, running });
  return {
    name: 'stepfunctions',
    signingNames: ['states'],
    protocol: 'json',
    targetPrefix: 'AWSStepFunctions',
    jsonVersion: '1.0',
    createState: createSfnState,
    start(emulator) {
      ready(emulator);
      failInterrupted(emulator);
    },
    stop() {
      // Aborted without a status: what was running is ended with a cause at the next start.
      for (const execution of running.values()) execution.abort();
      running.clear();
    },
    operations: {
      CreateStateMachine: (input, { state, account, region }) => createStateMachine(state, { account, region }, input),
      DescribeStateMachine: (input, { state }) => describeStateMachine(state, input),
      ListStateMachines: (input, { state }) => listStateMachines(state, input),
      UpdateStateMachine: (input, { state }) => updateStateMachine(state, input),
      DeleteStateMachine(input, { state, account, region, emulator }) {
        const machine = findMachine(state, input.stateMachineArn);
        for (const execution of Object.values(state.executions)) {
          if (execution.stateMachineArn === machine.stateMachineArn && execution.status === 'RUNNING') stopExecution(ready(emulator), state, { account, region }, { executionArn: execution.executionArn });
        }
        deleteMachineRecord(state, machine.stateMachineArn);
        return {};
      },
      StartExecution: (input, { state, account, region, emulator }) => startExecution(ready(emulator), state, { account, region }, input),
      StartSyncExecution: (input, { state, account, region, emulator }) => startSyncExecution(ready(emulator), state, { account, region }, input),
      DescribeExecution: (input, { state }) => describeExecution(state, input),
      ListExecutions: (input, { state }) => listExecutions(state, input),
      StopExecution: (input, { state, account, region, emulator }) => stopExecution(ready(emulator), state, { account, region }, input),
      GetExecutionHistory: (input, { state }) => getExecutionHistory(state, input),
      SendTaskSuccess(input) {
        tokens.succeed(input.taskToken, input.output);
        return {};
      },
      SendTaskFailure(input) {
        tokens.fail(input.taskToken, input.error, input.cause);
        return {};
      },
      SendTaskHeartbeat(input) {
        tokens.heartbeat(input.taskToken);
        return {};
      },
      TagResource(input, { state }) {
        tagResource(state, input);
        return {};
      },
      UntagResource(input, { state }) {
        untagResource(state, input);
        return {};
      },
      ListTagsForResource: (input, { state }) => listTags(state, input),
    },
  };
}
