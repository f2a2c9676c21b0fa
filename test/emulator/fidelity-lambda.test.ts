/**
 * Lambda answers as AWS does where a learner's mistake meets the control plane: deleting a version
 * that is not there, event invoke configs without settings or with a destination function that
 * does not exist, and event source mappings for a missing function or with a DestinationConfig
 * SQS does not support.
 */
import {
  CreateEventSourceMappingCommand, DeleteFunctionCommand, GetFunctionCommand, GetFunctionEventInvokeConfigCommand, PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:fidelity-jobs';

describe('Lambda fidelity', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });
  const lambda = () => emulator.clients.lambda;
  const invalid = (message: string) => ({ name: 'InvalidParameterValueException', message, $metadata: { httpStatusCode: 400 } });

  beforeAll(async () => {
    await createFunction(emulator.clients.lambda, 'fidelity');
    await emulator.clients.sqs.send(new CreateQueueCommand({ QueueName: 'fidelity-jobs' }));
  });

  it('succeeds when DeleteFunction names a version that does not exist, and keeps the function', async () => {
    const answer = await lambda().send(new DeleteFunctionCommand({ FunctionName: 'fidelity', Qualifier: '42' }));
    expect(answer.$metadata.httpStatusCode).toBe(204);
    expect((await lambda().send(new GetFunctionCommand({ FunctionName: 'fidelity' }))).Configuration?.FunctionName).toBe('fidelity');
  });

  describe('PutFunctionEventInvokeConfig', () => {
    it('asks for at least one setting before it looks for the function', async () => {
      await expect(lambda().send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'nobody' }))).rejects.toMatchObject(
        invalid('You must specify at least one of error handling or destination setting.'),
      );
    });

    it.each(['OnSuccess', 'OnFailure'])('refuses an %s destination naming a function that does not exist', async (which) => {
      const destination = `${ARN}:nobody`;
      await expect(
        lambda().send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'fidelity', DestinationConfig: { [which]: { Destination: destination } } })),
      ).rejects.toMatchObject(invalid(`The destination ARN ${destination} is invalid.`));
    });

    it('accepts a destination function that exists', async () => {
      await createFunction(lambda(), 'fidelity-sink');
      const answer = await lambda().send(
        new PutFunctionEventInvokeConfigCommand({ FunctionName: 'fidelity', DestinationConfig: { OnSuccess: { Destination: `${ARN}:fidelity-sink` } } }),
      );
      expect(answer.DestinationConfig?.OnSuccess?.Destination).toBe(`${ARN}:fidelity-sink`);
    });
  });

  it('says which function has no EventInvokeConfig', async () => {
    await createFunction(lambda(), 'fidelity-plain');
    await expect(lambda().send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'fidelity-plain' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `The function ${ARN}:fidelity-plain:$LATEST doesn't have an EventInvokeConfig`,
      $metadata: { httpStatusCode: 404 },
    });
  });

  describe('CreateEventSourceMapping', () => {
    it('answers 400 "Function does not exist" for a missing function', async () => {
      await expect(lambda().send(new CreateEventSourceMappingCommand({ FunctionName: 'nobody', EventSourceArn: QUEUE }))).rejects.toMatchObject(
        invalid('Function does not exist'),
      );
    });

    it('refuses a DestinationConfig on an SQS mapping', async () => {
      const input = { FunctionName: 'fidelity', EventSourceArn: QUEUE, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:dlq' } } };
      await expect(lambda().send(new CreateEventSourceMappingCommand(input))).rejects.toMatchObject(
        invalid('Unsupported DestinationConfig parameter for given event source mapping type.'),
      );
    });
  });
});
