/**
 * SQS over the query protocol (older SDKs and CLIs): maps the flattened form parameters the
 * codec unflattens (`Attribute.1.Name`, `MessageAttribute.1.Value.StringValue`, ...) to the JSON
 * input the operations take, and the JSON output to the element names of the query model
 * (flattened lists: repeated `<Message>`, `<Attribute><Name/><Value/></Attribute>`, ...).
 */

type Shape = Record<string, any>;

function asList(value: unknown): Shape[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Shape[];
}

function toMap(list: unknown, key = 'Name', value = 'Value'): Record<string, unknown> | undefined {
  if (list === undefined) return undefined;
  return Object.fromEntries(asList(list).map((entry) => [String(entry?.[key]), entry?.[value]]));
}

function toPairs(map: unknown, key = 'Name', value = 'Value'): Shape[] {
  return Object.entries((map ?? {}) as Shape).map(([name, item]) => ({ [key]: name, [value]: item }));
}

function withoutUndefined(shape: Shape): Shape {
  return Object.fromEntries(Object.entries(shape).filter(([, value]) => value !== undefined));
}

function messageInput(entry: Shape): Shape {
  const { MessageAttribute, MessageSystemAttribute, ...rest } = entry;
  return withoutUndefined({ ...rest, MessageAttributes: toMap(MessageAttribute), MessageSystemAttributes: toMap(MessageSystemAttribute) });
}

/** The JSON-shaped input of a query-protocol request. */
export function inputFromQuery(operation: string, input: Shape): Shape {
  const { Attribute, AttributeName, Tag, TagKey, ...rest } = input;
  switch (operation) {
    case 'CreateQueue':
      return withoutUndefined({ ...rest, Attributes: toMap(Attribute), tags: toMap(Tag, 'Key', 'Value') });
    case 'SetQueueAttributes':
      return withoutUndefined({ ...rest, Attributes: toMap(Attribute) });
    case 'GetQueueAttributes':
      return withoutUndefined({ ...rest, AttributeNames: AttributeName === undefined ? undefined : asList(AttributeName) });
    case 'SendMessage':
      return messageInput(input);
    case 'SendMessageBatch':
      return { QueueUrl: input.QueueUrl, Entries: asList(input.SendMessageBatchRequestEntry).map(messageInput) };
    case 'ReceiveMessage': {
      const { MessageSystemAttributeName, MessageAttributeName, ...others } = rest;
      return withoutUndefined({
        ...others,
        AttributeNames: AttributeName === undefined ? undefined : asList(AttributeName),
        MessageSystemAttributeNames: MessageSystemAttributeName === undefined ? undefined : asList(MessageSystemAttributeName),
        MessageAttributeNames: MessageAttributeName === undefined ? undefined : asList(MessageAttributeName),
      });
    }
    case 'DeleteMessageBatch':
      return { QueueUrl: input.QueueUrl, Entries: asList(input.DeleteMessageBatchRequestEntry) };
    case 'ChangeMessageVisibilityBatch':
      return { QueueUrl: input.QueueUrl, Entries: asList(input.ChangeMessageVisibilityBatchRequestEntry) };
    case 'TagQueue':
      return withoutUndefined({ ...rest, Tags: toMap(Tag, 'Key', 'Value') });
    case 'UntagQueue':
      return withoutUndefined({ ...rest, TagKeys: TagKey === undefined ? undefined : asList(TagKey) });
    case 'AddPermission': {
      const { AWSAccountId, ActionName, ...others } = rest;
      return withoutUndefined({ ...others, AWSAccountIds: AWSAccountId === undefined ? undefined : asList(AWSAccountId), Actions: ActionName === undefined ? undefined : asList(ActionName) });
    }
    default:
      return input;
  }
}

function queryMessage(message: Shape): Shape {
  const { Attributes, MessageAttributes, ...rest } = message;
  return { ...rest, Attribute: toPairs(Attributes), MessageAttribute: toPairs(MessageAttributes) };
}

function batchResult(output: Shape, entryName: string): Shape {
  return { [entryName]: output.Successful ?? [], BatchResultErrorEntry: output.Failed ?? [] };
}

/** The query-model shape of an operation's JSON output; `null` for operations that return nothing. */
export function outputToQuery(operation: string, output: unknown): unknown {
  const shape = (output ?? {}) as Shape;
  switch (operation) {
    case 'ListQueues':
      return withoutUndefined({ QueueUrl: shape.QueueUrls ?? [], NextToken: shape.NextToken });
    case 'ListDeadLetterSourceQueues':
      return withoutUndefined({ QueueUrl: shape.queueUrls ?? [], NextToken: shape.NextToken });
    case 'GetQueueAttributes':
      return { Attribute: toPairs(shape.Attributes) };
    case 'ListQueueTags':
      return { Tag: toPairs(shape.Tags, 'Key', 'Value') };
    case 'ReceiveMessage':
      return { Message: asList(shape.Messages).map(queryMessage) };
    case 'SendMessageBatch':
      return batchResult(shape, 'SendMessageBatchResultEntry');
    case 'DeleteMessageBatch':
      return batchResult(shape, 'DeleteMessageBatchResultEntry');
    case 'ChangeMessageVisibilityBatch':
      return batchResult(shape, 'ChangeMessageVisibilityBatchResultEntry');
    default:
      return Object.keys(shape).length === 0 ? null : shape;
  }
}
