/** A queue with a dead-letter queue, feeding a function in batches. */
import { CreateEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Creates `name` and `name-dlq`; a message received `maxReceiveCount` times moves to the DLQ. */
export async function createQueueWithDlq(
  sqs: SQSClient,
  name: string,
  functionTimeoutSeconds: number,
): Promise<{ url: string; arn: string; dlqUrl: string }> {
  const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
  const dlqArn = await queueArn(sqs, dlqUrl);
  const url = (await sqs.send(new CreateQueueCommand({
    QueueName: name,
    Attributes: {
      // AWS's advice: at least six times the function's timeout, so a batch still being
      // processed (or retried after a throttle) does not reappear to another poller.
      VisibilityTimeout: String(6 * functionTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }),
    },
  }))).QueueUrl!;
  return { url, arn: await queueArn(sqs, url), dlqUrl };
}

/** Lets Lambda poll the queue and invoke `functionName` with up to 10 messages at a time. */
export async function connectQueue(
  lambda: LambdaClient,
  queueArnValue: string,
  functionName: string,
): Promise<string> {
  const mapping = await lambda.send(new CreateEventSourceMappingCommand({
    EventSourceArn: queueArnValue,
    FunctionName: functionName,
    BatchSize: 10,
    // Without this, one failed message makes the whole batch return to the queue.
    FunctionResponseTypes: ['ReportBatchItemFailures'],
  }));
  return mapping.UUID!;
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const answer = await sqs.send(new GetQueueAttributesCommand({
    QueueUrl: url,
    AttributeNames: ['QueueArn'],
  }));
  return answer.Attributes!.QueueArn!;
}
