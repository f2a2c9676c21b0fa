/** The SDK client configuration of a target, apart from the clients so it loads no SDK package. */
import type { Target } from './target.ts';

/** The configuration every SDK client of a target shares. */
export interface SdkConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Local targets answer fast; failing early beats the SDK's long default retries. */
  maxAttempts?: number;
}

/** The shared client configuration for a target (no endpoint or credentials for `aws`). */
export function sdkConfig(target: Target): SdkConfig {
  const config: SdkConfig = { region: target.region };
  if (target.endpoint) config.endpoint = target.endpoint;
  if (target.credentials) config.credentials = { ...target.credentials };
  if (target.name !== 'aws') config.maxAttempts = 2;
  return config;
}
