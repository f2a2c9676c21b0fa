/**
 * The SAM transform (AWS::Serverless-2016-10-31): a template's Serverless resources expanded into
 * the CloudFormation resources and logical ids SAM gives them, before anything else reads it.
 * LIMITATIONS: Function, HttpApi, SimpleTable and StateMachine only (Api, Application,
 * LayerVersion, Connector and GraphQLApi are refused by name); no DeploymentPreference,
 * ProvisionedConcurrencyConfig, FunctionUrlConfig, Auth, Domains or state machine Events
 * (EventBridge has no Step Functions targets); the Version hash follows the function's code, not
 * SAM's own hash; Tracing sets TracingConfig without adding the X-Ray managed policy; a state
 * machine keeps Definition as an object (SAM writes DefinitionString); conditions on functions
 * are not threaded into the implicit API's routes.
 */
import { InsufficientCapabilitiesException, ValidationError } from '../errors.ts';
import type { Template, TemplateResource } from '../template.ts';
import { InvalidSamResource, transformFailure } from './errors.ts';
import { expandFunction } from './function.ts';
import { checkGlobals, withGlobals } from './globals.ts';
import { httpApiResources, IMPLICIT_HTTP_API, type HttpApiRoutes } from './http-api.ts';
import { expandSimpleTable } from './simple-table.ts';
import { expandStateMachine } from './state-machine.ts';

/** The transform's name. */
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

const REFUSED: Record<string, string> = {
  'AWS::Serverless::Api': 'REST APIs (API Gateway v1) are not emulated: use AWS::Serverless::HttpApi and HttpApi events instead.',
  'AWS::Serverless::Application': 'Nested applications are not deployed by the emulator: copy the resources into this template.',
  'AWS::Serverless::LayerVersion': 'Layers are not deployed by the emulator: bundle the shared code into each function.',
  'AWS::Serverless::Connector': 'Write the permissions as Policies on the function or state machine instead.',
  'AWS::Serverless::GraphQLApi': 'AppSync is not emulated.',
};

const processed = new WeakMap<Template, string[]>();

/** True for a template the SAM transform produced (CreateStack then needs CAPABILITY_AUTO_EXPAND, as on AWS). */
export const wasTransformed = (template: Template) => processed.has(template);

/** The transforms a processed template was declared with, for ValidateTemplate's and GetTemplateSummary's DeclaredTransforms. */
export const transformsOf = (template: Template): string[] => processed.get(template) ?? [];

/** The transforms a template declares, as a list. */
export function declaredTransforms(template: Template): unknown[] {
  if (template.Transform === undefined) return [];
  return Array.isArray(template.Transform) ? template.Transform : [template.Transform];
}

/** The template with its transform applied: Serverless resources expanded, Globals and Transform removed. */
export function applyTransforms(template: Template): Template {
  for (const name of declaredTransforms(template)) {
    if (name !== SAM_TRANSFORM) throw new ValidationError(`Template format error: transform ${typeof name === 'string' ? name : JSON.stringify(name)} is not supported by the workshop emulator: only ${SAM_TRANSFORM} (SAM) is. Expand the macro locally and deploy the result.`);
  }
  const { Transform: _transform, Globals: globalsSection, ...rest } = template as Template & { Globals?: unknown };
  const globals = checkGlobals(globalsSection);
  const source = (template.Resources ?? {}) as Record<string, TemplateResource>;
  const resources: Record<string, TemplateResource> = {};
  const routes: HttpApiRoutes = {};
  const errors: InvalidSamResource[] = [];
  const add = (expanded: Record<string, TemplateResource>) => Object.assign(resources, expanded);
  const attempt = (work: () => void) => {
    try {
      work();
    } catch (error) {
      if (!(error instanceof InvalidSamResource)) throw error;
      errors.push(error);
    }
  };
  for (const [logicalId, original] of Object.entries(source)) {
    attempt(() => {
      const resource = withGlobals(original, globals);
      if (typeof resource?.Type !== 'string' || !resource.Type.startsWith('AWS::Serverless::')) resources[logicalId] = original;
      else if (Object.hasOwn(REFUSED, resource.Type)) throw new InvalidSamResource(logicalId, `${resource.Type} is not supported by the workshop emulator's SAM transform. ${REFUSED[resource.Type]}`);
      else if (resource.Type === 'AWS::Serverless::Function') add(expandFunction(logicalId, resource, { routes, templateResources: source }));
      else if (resource.Type === 'AWS::Serverless::SimpleTable') add(expandSimpleTable(logicalId, resource));
      else if (resource.Type === 'AWS::Serverless::StateMachine') add(expandStateMachine(logicalId, resource));
      else if (resource.Type !== 'AWS::Serverless::HttpApi') throw new InvalidSamResource(logicalId, `Resource type ${resource.Type} is not a SAM resource type the transform knows.`);
    });
  }
  for (const [logicalId, original] of Object.entries(source)) {
    if (original?.Type === 'AWS::Serverless::HttpApi') attempt(() => add(httpApiResources(logicalId, withGlobals(original, globals), routes[logicalId] ?? [])));
  }
  if (routes[IMPLICIT_HTTP_API]) {
    attempt(() => {
      if (source[IMPLICIT_HTTP_API]) throw new InvalidSamResource(IMPLICIT_HTTP_API, `The logical id ${IMPLICIT_HTTP_API} is the implicit HTTP API of the functions' HttpApi events: rename this resource.`);
      add(httpApiResources(IMPLICIT_HTTP_API, withGlobals({ Type: 'AWS::Serverless::HttpApi' }, globals), routes[IMPLICIT_HTTP_API]!));
    });
  }
  if (errors.length > 0) throw transformFailure(errors);
  const result: Template = { ...rest, Resources: resources };
  processed.set(result, declaredTransforms(template).map(String));
  return result;
}

/** CreateStack and UpdateStack refuse a transformed template without CAPABILITY_AUTO_EXPAND, as AWS does (change sets need not). */
export function checkAutoExpand(template: Template, given: unknown): void {
  if (wasTransformed(template) && !(Array.isArray(given) && given.map(String).includes('CAPABILITY_AUTO_EXPAND'))) throw new InsufficientCapabilitiesException('Requires capabilities : [CAPABILITY_AUTO_EXPAND]');
}
