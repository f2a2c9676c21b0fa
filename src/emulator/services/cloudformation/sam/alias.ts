/**
 * AutoPublishAlias: `<Fn>Version<hash>` (kept on delete, as SAM does) published from the function,
 * and `<Fn>Alias<name>` pointing at it; the hash follows the code, so new code publishes a new version.
 */
import { createHash } from 'node:crypto';
import type { TemplateResource } from '../template.ts';
import { InvalidSamResource } from './errors.ts';
import type { InvokeTarget } from './events.ts';

/** The version and alias resources, and the alias as the target of the function's events. */
export function autoPublish(fn: string, properties: Record<string, unknown>, code: unknown, condition: string | undefined): { resources: Record<string, TemplateResource>; target: InvokeTarget } {
  const alias = properties.AutoPublishAlias;
  if (typeof alias !== 'string' || !/^[A-Za-z0-9]+$/.test(alias)) throw new InvalidSamResource(fn, "'AutoPublishAlias' must be an alias name of letters and digits (such as live), given as text.");
  const hash = createHash('sha256').update(JSON.stringify([code, properties.AutoPublishCodeSha256 ?? null, properties.VersionDescription ?? null])).digest('hex').slice(0, 10);
  const versionId = `${fn}Version${hash}`;
  const aliasId = `${fn}Alias${alias}`;
  const when = condition ? { Condition: condition } : {};
  return {
    resources: {
      [versionId]: { Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain', ...when, Properties: { FunctionName: { Ref: fn }, ...(properties.VersionDescription !== undefined ? { Description: properties.VersionDescription } : {}) } },
      [aliasId]: { Type: 'AWS::Lambda::Alias', ...when, Properties: { Name: alias, FunctionName: { Ref: fn }, FunctionVersion: { 'Fn::GetAtt': [versionId, 'Version'] } } },
    },
    target: { ref: { Ref: aliasId }, arn: { Ref: aliasId }, uriVariable: aliasId },
  };
}
