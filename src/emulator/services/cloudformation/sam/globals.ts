/** The Globals section: properties every Function, HttpApi or SimpleTable inherits unless it sets its own. */
import { ValidationError } from '../errors.ts';
import type { TemplateResource } from '../template.ts';

const SECTIONS: Record<string, string> = { Function: 'AWS::Serverless::Function', HttpApi: 'AWS::Serverless::HttpApi', SimpleTable: 'AWS::Serverless::SimpleTable' };

const FUNCTION_GLOBALS = ['Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Environment', 'Tags', 'Tracing', 'KmsKeyArn', 'Layers', 'AutoPublishAlias', 'DeploymentPreference', 'PermissionsBoundary', 'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument', 'EventInvokeConfig', 'Architectures', 'EphemeralStorage', 'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop', 'SnapStart', 'FunctionUrlConfig', 'PropagateTags'];
const ALLOWED: Record<string, string[]> = {
  Function: FUNCTION_GLOBALS,
  HttpApi: ['Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'RouteSettings', 'FailOnWarnings', 'Domain', 'CorsConfiguration', 'DefaultRouteSettings', 'PropagateTags'],
  SimpleTable: ['SSESpecification'],
};

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIntrinsic = (value: Record<string, unknown>) => Object.keys(value).length === 1 && /^(Ref|Fn::.+|Condition)$/.test(Object.keys(value)[0]!);

/** SAM's merge: maps merge key by key (the resource wins), lists append the resource's after the global ones, anything else is the resource's. */
export function mergeGlobal(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (isMap(global) && isMap(local) && !isIntrinsic(global) && !isIntrinsic(local)) {
    const out: Record<string, unknown> = { ...global };
    for (const [key, value] of Object.entries(local)) out[key] = mergeGlobal(global[key], value);
    return out;
  }
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  return local;
}

/** Checks the Globals section as SAM does: known sections and properties only. */
export function checkGlobals(globals: unknown): Record<string, Record<string, unknown>> {
  if (globals === undefined) return {};
  if (!isMap(globals)) throw new ValidationError("Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document. Number of errors found: 1. 'Globals' section is invalid. Globals must be a map of sections (Function, HttpApi, SimpleTable).");
  for (const [section, properties] of Object.entries(globals)) {
    const allowed = ALLOWED[section];
    if (!allowed) throw new ValidationError(`Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document. Number of errors found: 1. 'Globals' section is invalid. '${section}' is not supported by the workshop emulator's SAM transform. Supported sections: ${Object.keys(ALLOWED).join(', ')}.`);
    for (const name of Object.keys(isMap(properties) ? properties : {})) {
      if (!allowed.includes(name)) throw new ValidationError(`Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document. Number of errors found: 1. 'Globals' section is invalid. '${name}' is not a supported property of '${section}'. Must be one of the following values - ${allowed.join(', ')}`);
    }
  }
  return globals as Record<string, Record<string, unknown>>;
}

/** A SAM resource with the Globals of its type merged into its properties. */
export function withGlobals(resource: TemplateResource, globals: Record<string, Record<string, unknown>>): TemplateResource {
  const section = Object.entries(SECTIONS).find(([, type]) => type === resource.Type)?.[0];
  const global = section ? globals[section] : undefined;
  if (!global) return resource;
  return { ...resource, Properties: mergeGlobal(global, resource.Properties ?? {}) as Record<string, unknown> };
}
