/** Lab 08: the order saga as a Step Functions state machine, with retries and compensations. Complete every TODO, then run `npx workshop check 08`. */
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

/** The saga: reserve stock, take payment, write the receipt. */
export function sagaDefinition(stepFunctionArn: string): Record<string, unknown> {
  const task = (step: string, resultPath: string, next: string) => ({
    Type: 'Task',
    Resource: stepFunctionArn,
    Parameters: { step, 'order.$': '$.order' },
    ResultPath: resultPath,
    // TODO: a Retry on ServiceUnavailable (IntervalSeconds 1, MaxAttempts 2, BackoffRate 2): a busy service answers the second call.
    // TODO: a Catch on States.ALL (ResultPath '$.error') to the compensation of the step before: ReserveStock to
    //       OrderFailed, TakePayment to ReleaseStock, WriteReceipt to RefundPayment.
    Next: next,
  });
  return {
    Comment: 'Places an order: reserve stock, take payment, write the receipt.',
    StartAt: 'ReserveStock',
    States: {
      ReserveStock: task('reserve-stock', '$.stock', 'TakePayment'),
      TakePayment: task('take-payment', '$.payment', 'WriteReceipt'),
      WriteReceipt: task('write-receipt', '$.receipt', 'OrderPlaced'),
      OrderPlaced: { Type: 'Succeed' },
      // TODO: the compensations, newest first: RefundPayment (step 'refund-payment') then ReleaseStock
      //       ('release-stock'), each retried on States.ALL (they must happen), then OrderFailed:
      //       { Type: 'Fail', Error: 'OrderFailed', Cause: '...' }, so the execution's status says the order failed.
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
