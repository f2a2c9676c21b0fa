/** The services the emulator runs by default. */
import type { ServiceDefinition } from '../types.ts';
import { iamService } from './iam/service.ts';
import { stsService } from './sts/service.ts';

/** A fresh list of the default services (each emulator gets its own service instances). */
export function defaultServices(): ServiceDefinition[] {
  return [stsService, iamService];
}
