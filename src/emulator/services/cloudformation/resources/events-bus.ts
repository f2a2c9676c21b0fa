/** AWS::Events::EventBus through EventBridge's CreateEventBus and DeleteEventBus. */
import type { Provisioner } from './types.ts';
import { ignoringNotFound } from './types.ts';

/** AWS::Events::EventBus: Ref is the bus name; Arn and Name for Fn::GetAtt. Name is required, as in AWS. */
export const eventsBus: Provisioner = {
  properties: ['Name', 'Description', 'Tags', 'EventSourceName', 'DeadLetterConfig', 'KmsKeyIdentifier', 'Policy'],
  replaceOn: ['Name', 'EventSourceName'],
  async create(properties, context) {
    if (typeof properties.Name !== 'string' || properties.Name === '') throw new Error('Properties validation failed for resource: #: required key [Name] not found');
    const { EventBusArn } = await context.call('events', 'CreateEventBus', {
      Name: properties.Name,
      ...(properties.Description !== undefined ? { Description: properties.Description } : {}),
      ...(properties.Tags !== undefined ? { Tags: properties.Tags } : {}),
    });
    return { physicalId: properties.Name, attributes: { Arn: EventBusArn, Name: properties.Name } };
  },
  // The emulator's EventBridge has no UpdateEventBus: a changed Description is kept in the template only.
  async update(_properties, existing) {
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('events', 'DeleteEventBus', { Name: existing.physicalId }));
  },
};
