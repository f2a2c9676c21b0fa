/**
 * The AWS SDK v3 packages a page environment provides, as Lambda's Node.js runtimes preinstall
 * the SDK. Their clients get what a browser build of the SDK does not read from the environment:
 * region, credentials and endpoint from the function's variables, and a request handler that
 * sends every call back to the emulator in the lab worker.
 */
import type { HttpHandler } from '../emulator/request-handler.ts';

type ModuleObject = Record<string, unknown>;
/** Package name -> a function that imports it. */
export type SdkModuleTable = Readonly<Record<string, () => Promise<ModuleObject>>>;
type ClientClass = new (config?: Record<string, unknown>) => object;

/** The package names a function may import from the SDK in a page. */
export const PAGE_SDK_PACKAGES = [
  '@aws-sdk/client-dynamodb', '@aws-sdk/client-eventbridge', '@aws-sdk/client-lambda', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-sfn',
  '@aws-sdk/client-sns', '@aws-sdk/client-sqs', '@aws-sdk/client-ssm', '@aws-sdk/lib-dynamodb',
] as const;

/**
 * How each package of {@link PAGE_SDK_PACKAGES} is imported: on first use, as a bundle evaluates a
 * dynamically imported module only when it is asked for, so a cold start pays only for the
 * clients the handler imports.
 */
export const PAGE_SDK_MODULES: Record<(typeof PAGE_SDK_PACKAGES)[number], () => Promise<ModuleObject>> = {
  '@aws-sdk/client-dynamodb': () => import('@aws-sdk/client-dynamodb'),
  '@aws-sdk/client-eventbridge': () => import('@aws-sdk/client-eventbridge'),
  '@aws-sdk/client-lambda': () => import('@aws-sdk/client-lambda'),
  '@aws-sdk/client-secrets-manager': () => import('@aws-sdk/client-secrets-manager'),
  '@aws-sdk/client-sfn': () => import('@aws-sdk/client-sfn'),
  '@aws-sdk/client-sns': () => import('@aws-sdk/client-sns'),
  '@aws-sdk/client-sqs': () => import('@aws-sdk/client-sqs'),
  '@aws-sdk/client-ssm': () => import('@aws-sdk/client-ssm'),
  '@aws-sdk/lib-dynamodb': () => import('@aws-sdk/lib-dynamodb'),
};

// By its exported name: a minified bundle renames the class itself.
function isClient(exported: string, value: unknown): value is ClientClass {
  return typeof value === 'function' && typeof (value as { prototype?: { send?: unknown } }).prototype?.send === 'function' && /Client$/.test(exported);
}

/**
 * The SDK packages of `modules` that `code` names (loaded now), with each client class replaced by
 * a subclass that fills in what the Node SDK would read from the environment (the function's own
 * config wins where it sets a value).
 */
export async function sdkModules(code: string, env: Record<string, string>, requestHandler: HttpHandler, modules: SdkModuleTable = PAGE_SDK_MODULES): Promise<Record<string, ModuleObject>> {
  const defaults = () => ({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY!, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) },
    requestHandler,
  });
  const wrapped: Record<string, ModuleObject> = {};
  const named = Object.keys(modules).filter((name) => code.includes(name));
  const loaded = await Promise.all(named.map((name) => modules[name]!()));
  for (const [index, name] of named.entries()) {
    const module = loaded[index]!;
    const copy: ModuleObject = { ...module };
    for (const [exported, value] of Object.entries(module)) {
      if (!isClient(exported, value) || name === '@aws-sdk/lib-dynamodb') continue;
      const Base = value;
      const Client = class extends Base {
        constructor(config: Record<string, unknown> = {}) {
          super({ ...defaults(), ...Object.fromEntries(Object.entries(config).filter(([, item]) => item !== undefined)) });
        }
      };
      Object.defineProperty(Client, 'name', { value: exported });
      copy[exported] = Client;
    }
    wrapped[name] = copy;
  }
  return wrapped;
}
