/** Small pieces every SAM expansion uses: the createdBy tags and the resource attributes a generated resource keeps. */
import type { TemplateResource } from '../template.ts';

/** SAM's tags: its own `<service>:createdBy = SAM` first, then the template's Tags map, as a list. */
export function samTags(createdBy: string, tags: unknown): Array<{ Key: string; Value: unknown }> {
  const given = typeof tags === 'object' && tags !== null && !Array.isArray(tags) ? Object.entries(tags) : [];
  return [{ Key: createdBy, Value: 'SAM' }, ...given.map(([Key, Value]) => ({ Key, Value }))];
}

/** The attributes of a SAM resource its main generated resource keeps (Condition, DependsOn, Metadata, policies). */
export function resourceAttributes(resource: TemplateResource): Partial<TemplateResource> {
  return {
    ...(resource.Condition !== undefined ? { Condition: resource.Condition } : {}),
    ...(resource.DependsOn !== undefined ? { DependsOn: resource.DependsOn } : {}),
    ...(resource.Metadata !== undefined ? { Metadata: resource.Metadata } : {}),
    ...(resource.DeletionPolicy !== undefined ? { DeletionPolicy: resource.DeletionPolicy } : {}),
    ...(resource.UpdateReplacePolicy !== undefined ? { UpdateReplacePolicy: resource.UpdateReplacePolicy } : {}),
  };
}

/** Adds a Condition to a generated resource when its SAM resource has one. */
export function withCondition(resource: TemplateResource, condition: string | undefined): TemplateResource {
  return condition ? { ...resource, Condition: condition } : resource;
}
