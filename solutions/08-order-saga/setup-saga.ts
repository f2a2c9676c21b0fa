/** Lab 08 solution: the order saga as a Step Functions state machine, with retries and compensations. */
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, ListStateMachinesCommand, UpdateStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** The SDK clients the setup uses. */
export interface SagaClients {
  sfn: SFNClient;
  s3: S3Client;
}

/** What to create, and the step function it runs. */
export interface SagaSetup {
  machineName: string;
  /** The ARN of the function that runs every step (saga-step.ts, deployed). */
  stepFunctionArn: string;
  /** The role Step Functions runs the machine as (it may invoke the step function). */
  roleArn: string;
  receiptsBucket: string;
}

/** A service that did not answer is asked again; a refusal (OutOfStock, PaymentDeclined...) is final. */
const TRANSIENT = [{ ErrorEquals: ['ServiceUnavailable', 'Lambda.ServiceException', 'Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }];
/** A compensation must happen whatever it meets: it is retried on every error, and is idempotent, so a retry does no harm. */
const UNTIL_DONE = [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2 }];

/** The saga: each step's Catch goes to the compensation of the step before it, and compensations run newest first. */
export function sagaDefinition(stepFunctionArn: string): Record<string, unknown> {
  const task = (step: string, resultPath: string, next: string, retry: unknown[], catchTo?: string) => ({
    Type: 'Task',
    Resource: stepFunctionArn,
    Parameters: { step, 'order.$': '$.order' },
    ResultPath: resultPath,
    Retry: retry,
    // The error is kept next to the order ($.error), so the execution's history says why the order failed.
    ...(catchTo ? { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: catchTo }] } : {}),
    Next: next,
  });
  return {
    Comment: 'Places an order: reserve stock, take payment, write the receipt; when a step fails, undo what was done, newest first.',
    StartAt: 'ReserveStock',
    States: {
      ReserveStock: task('reserve-stock', '$.stock', 'TakePayment', TRANSIENT, 'OrderFailed'),
      TakePayment: task('take-payment', '$.payment', 'WriteReceipt', TRANSIENT, 'ReleaseStock'),
      WriteReceipt: task('write-receipt', '$.receipt', 'OrderPlaced', TRANSIENT, 'RefundPayment'),
      OrderPlaced: { Type: 'Succeed' },
      RefundPayment: task('refund-payment', '$.refund', 'ReleaseStock', UNTIL_DONE),
      ReleaseStock: task('release-stock', '$.release', 'OrderFailed', UNTIL_DONE),
      // The execution fails, so its status says what happened: the order was not placed.
      OrderFailed: { Type: 'Fail', Error: 'OrderFailed', Cause: 'A step of the order failed; what it had done was undone.' },
    },
  };
}

/** Creates the receipts bucket and the state machine (or updates the machine of that name); answers its ARN. */
export async function setupSaga(clients: SagaClients, setup: SagaSetup): Promise<string> {
  const { sfn, s3 } = clients;
  try {
    await s3.send(new CreateBucketCommand({ Bucket: setup.receiptsBucket }));
  } catch (error) {
    if ((error as Error).name !== 'BucketAlreadyOwnedByYou') throw error;
  }
  const definition = JSON.stringify(sagaDefinition(setup.stepFunctionArn));
  const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
  const existing = stateMachines.find((machine) => machine.name === setup.machineName);
  if (existing?.stateMachineArn) {
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: existing.stateMachineArn, definition, roleArn: setup.roleArn }));
    return existing.stateMachineArn;
  }
  const created = await sfn.send(new CreateStateMachineCommand({ name: setup.machineName, definition, roleArn: setup.roleArn, type: 'STANDARD' }));
  return created.stateMachineArn!;
}
