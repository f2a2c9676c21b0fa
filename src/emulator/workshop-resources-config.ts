/**
 * The resource explorer's view of configuration: SSM parameters and Secrets Manager secrets, by
 * name and metadata only. No value is ever listed, not even a plain String's: the explorer is a
 * page in a browser, and a secret does not belong on one.
 */
import type { Emulator } from './emulator.ts';
import type { SsmState } from './services/ssm/model.ts';
import type { SecretsState } from './services/secretsmanager/model.ts';
import { byName, isoTime, scopesOf, valuesOf } from './workshop-resources-scopes.ts';

/** Parameters and secrets of one account. */
export interface ConfigResources {
  parameters: Array<{ name: string; region: string; type: string; version: number; tier: string; lastModified: string }>;
  secrets: Array<{ name: string; region: string; arn: string; versions: number; lastChanged: string; deletion?: string }>;
}

/** The parameters and secrets of `account` across all regions, sorted by name. */
export function configResources(emulator: Emulator, account: string): ConfigResources {
  return {
    parameters: byName(scopesOf<SsmState>(emulator, 'ssm', account).flatMap(([region, state]) =>
      valuesOf(state.parameters).flatMap((parameter) => {
        const latest = parameter.versions.at(-1);
        return latest ? [{ name: parameter.name, region, type: latest.type, version: latest.version, tier: latest.tier, lastModified: isoTime(latest.lastModifiedDate) }] : [];
      }))),
    secrets: byName(scopesOf<SecretsState>(emulator, 'secretsmanager', account).flatMap(([region, state]) =>
      valuesOf(state.secrets).map((secret) => ({
        name: secret.name,
        region,
        arn: secret.arn,
        versions: valuesOf(secret.versions).length,
        lastChanged: isoTime(secret.lastChangedDate),
        ...(secret.deletionDate ? { deletion: isoTime(secret.deletionDate) } : {}),
      })))),
  };
}
