/**
 * Grader of lab 02: calls the learner's deployFunction with zips it builds itself (generated
 * handler names, runtimes, variables and answers, seeded) and checks through Lambda's own API
 * what was created, that it was Active on return, and that a second deploy updates it.
 */
import { CreateFunctionCommand, DeleteFunctionCommand, GetFunctionConfigurationCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { waitUntilReady } from '../../src/core/deploy.ts';
import { contextMessage, learnerStopped } from '../../src/core/grader/context-messages.ts';
import { check, expectValue, fail, gives, shown, useLab, type Message } from '../../src/core/grader/index.ts';
import { isChangeInProgress, refusedUpdate, refusedUpdateMessage } from '../../src/core/grader/lambda-feedback.ts';
import { say } from './02-deploy-with-sdk.messages.ts';

const lab = useLab();
const RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;

/** What the grader asks deployFunction to deploy, and what the code answers when invoked. */
interface Spec {
  name: string;
  role: string;
  runtime: (typeof RUNTIMES)[number];
  handler: string;
  zipFile: Uint8Array;
  environment: Record<string, string>;
  /** Absent: the caller leaves it to Lambda's default. */
  timeout?: number;
  /** The answer the package's code gives, so an invoke proves which code runs. */
  token: string;
}

const created = new Set<string>();

/** A zip whose handler `file.export` answers `token` and the SHOP_ variables it sees. */
function packageFor(handler: string, token: string): Uint8Array {
  const [file, exportName] = handler.split('.');
  const code = `export const ${exportName} = async () => ({ token: ${JSON.stringify(token)}, variables: Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('SHOP_'))) });\n`;
  return zipSync({ [`${file}.mjs`]: strToU8(code) });
}

function handlerName(): string {
  return `${lab.random.pick(['index', 'app', 'main', 'orders'])}.${lab.random.pick(['handler', 'main', 'run', 'handle'])}`;
}

/** A function to deploy, with generated handler name, runtime, variables, timeout and answer. */
function spec(suffix: string, role: string): Spec {
  const { random } = lab;
  const handler = handlerName();
  const token = `v-${random.id(8)}`;
  const environment = Object.fromEntries(Array.from({ length: random.int(1, 3) }, () => [`SHOP_${random.id(5).toUpperCase()}`, random.id(10)]));
  const name = lab.name(suffix);
  created.add(name);
  return { name, role, runtime: random.pick(RUNTIMES), handler, zipFile: packageFor(handler, token), environment, timeout: random.int(4, 30), token };
}

/** The same function with new code (a new answer), and a new handler name when asked. */
function newCode(base: Spec, renameHandler = false): Spec {
  let handler = base.handler;
  while (renameHandler && handler === base.handler) handler = handlerName();
  const token = `v-${lab.random.id(8)}`;
  return { ...base, handler, zipFile: packageFor(handler, token), token };
}

/** Lambda's default timeout, which an omitted timeout must give. */
const DEFAULT_TIMEOUT = 3;

/**
 * Calls the learner's deployFunction (in the grader kit's sandbox); a throw becomes a plain
 * sentence, and a change refused as "in progress" names the refused call and the wait it lacked.
 */
async function deploy(input: Spec, when: Message): Promise<unknown> {
  const { token: _token, ...options } = input;
  try {
    return await lab.importLearner('deploy.ts').deployFunction!(options);
  } catch (error) {
    const { name, message } = error as Error;
    if (name === 'NotExported') fail(contextMessage('notExported', { file: 'deploy.ts', exportName: 'deployFunction' }));
    const stopped = learnerStopped(error);
    if (stopped) fail(stopped);
    if (isChangeInProgress({ name, message })) fail(refusedUpdateMessage(await refusedUpdate(lab.clients.lambda, input.name, input.zipFile), message));
    fail(say('threw', { name, when, message }));
  }
}

/** The function's configuration as Lambda reports it, or a failure naming the missing function. */
async function configurationOf(name: string): Promise<FunctionConfiguration> {
  try {
    return await lab.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') fail(say('noFunction', { name }));
    throw error;
  }
}

/** Deploys, and reads the state the moment deployFunction returns (before any later step). */
async function deployAndLook(input: Spec, when: Message): Promise<{ returned: unknown; configuration: FunctionConfiguration }> {
  const returned = await deploy(input, when);
  return { returned, configuration: await configurationOf(input.name) };
}

function expectReady(configuration: FunctionConfiguration, name: string, after: Message): void {
  if (configuration.State !== 'Active') fail(say('notActive', { name, state: String(configuration.State), after }));
  if (configuration.LastUpdateStatus && configuration.LastUpdateStatus !== 'Successful') fail(say('updateNotDone', { name, status: configuration.LastUpdateStatus, after }));
}

/** The value deployFunction returned must be the function's ARN. */
function expectArn(returned: unknown, configuration: FunctionConfiguration, when: Message): void {
  if (typeof returned !== 'string' || returned === '') fail(say('notArn', { returned: returned === undefined ? say('nothing') : shown(returned), when, arn: String(configuration.FunctionArn) }));
  expectValue({ what: say('returnedValue', { when }), expected: configuration.FunctionArn, got: returned });
}

/** Invokes the function and expects the package's token and, unless told not to, exactly the given variables. */
async function expectAnswer(input: Spec, when: Message, { variables = true } = {}): Promise<void> {
  const answer = await lab.invoke(input.name, {});
  if (answer.functionError) fail(say('invokeFailed', { name: input.name, when, errorType: String(answer.payload?.errorType), errorMessage: String(answer.payload?.errorMessage) }));
  expectValue({ what: say('codeThatRan', { when }), expected: input.token, got: answer.payload?.token });
  if (variables) expectValue({ what: say('variablesSeen', { when }), expected: input.environment, got: answer.payload?.variables });
}

/** Creates the function the grader's way, so an update check judges only the update. */
async function existing(input: Spec): Promise<void> {
  await lab.clients.lambda.send(new CreateFunctionCommand({
    FunctionName: input.name, Role: input.role, Runtime: input.runtime, Handler: input.handler, Code: { ZipFile: input.zipFile }, Environment: { Variables: input.environment }, Timeout: input.timeout,
  }));
  await waitUntilReady(lab.clients.lambda, input.name, 30_000);
}

lab.onCleanup(async () => {
  for (const name of created) await lab.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: name })).catch(() => {});
});

check('creates-function', async () => {
  const role = await lab.executionRole();
  const readme: Spec = { ...spec('shop-hello', role), runtime: 'nodejs22.x', handler: 'index.handler', environment: { SHOP_NAME: 'Serverless Shop' }, timeout: 5, token: 'hello' };
  readme.zipFile = packageFor(readme.handler, readme.token);
  // The README's example, a generated one, and one without a timeout, all created at once.
  const { timeout: _none, ...untimed } = spec('deploy-e', role);
  const inputs: Spec[] = [readme, spec('deploy-a', role), untimed];
  const seen = await Promise.all(inputs.map((input) => deployAndLook(input, say('whenCreating'))));
  seen.forEach(({ returned, configuration }, index) => {
    const { name, runtime, handler, role, timeout, environment } = inputs[index]!;
    expectValue({ what: say('settingOf', { setting: 'Runtime', name }), expected: runtime, got: configuration.Runtime });
    expectValue({ what: say('settingOf', { setting: 'Handler', name }), expected: handler, got: configuration.Handler });
    expectValue({ what: say('settingOf', { setting: 'Role', name }), expected: role, got: configuration.Role });
    expectValue({ what: say('timeoutOf', { name, note: say(timeout === undefined ? 'noTimeoutGiven' : 'none') }), expected: timeout ?? DEFAULT_TIMEOUT, got: configuration.Timeout });
    expectValue({ what: say('settingOf', { setting: 'Environment.Variables', name }), expected: environment, got: configuration.Environment?.Variables ?? {} });
    expectArn(returned, configuration, say('whenCreating'));
  });
}, 30_000);

check('active-on-return', async () => {
  const role = await lab.executionRole();
  // Three functions at once: each is looked at the moment its deploy returns.
  const inputs = [spec('deploy-b', role), spec('deploy-c', role), spec('deploy-d', role)];
  const seen = await Promise.all(inputs.map((input) => deployAndLook(input, say('whenCreating'))));
  seen.forEach(({ configuration }, index) => expectReady(configuration, inputs[index]!.name, say('fromCreating')));
  // One of them answers: each invoke starts an execution environment, and the states above are the
  // check. Its variables are creates-function's to judge, so one mistake fails one check.
  await expectAnswer(lab.random.pick(inputs), say('rightAfterDeploy'), { variables: false });
}, 30_000);

check('updates-existing', async () => {
  const role = await lab.executionRole();
  const firsts = [spec('update-a', role), spec('update-b', role)];
  await Promise.all(firsts.map(existing));
  const seconds = firsts.map((first) => newCode(first));
  const seen = await Promise.all(seconds.map((input) => deployAndLook(input, say('whenExisted'))));
  seen.forEach(({ configuration }, index) => expectReady(configuration, seconds[index]!.name, say('fromUpdating')));
  for (const input of seconds) await expectAnswer(input, say('afterSecondDeploy'));
  seen.forEach(({ returned, configuration }) => expectArn(returned, configuration, say('whenExisted')));
}, 40_000);

check('applies-configuration-changes', async () => {
  const role = await lab.executionRole();
  const first = spec('configure-a', role);
  // A second function, deployed again without a timeout: it must go back to Lambda's default.
  const firstUntimed = spec('configure-b', role);
  await Promise.all([existing(first), existing(firstUntimed)]);
  const { random } = lab;
  // Keep one variable with a new value, drop the others, add a new one.
  const kept = Object.keys(first.environment)[0]!;
  const environment = { [kept]: random.id(10), [`SHOP_${random.id(5).toUpperCase()}`]: random.id(10) };
  const second: Spec = { ...newCode(first, true), environment, timeout: first.timeout! + random.int(1, 20) };
  const { timeout: _omitted, ...untimed } = newCode(firstUntimed);
  const [seen, seenUntimed] = await Promise.all([second, untimed].map((input) => deployAndLook(input, say('whenExisted'))));
  const { configuration } = seen!;
  expectReady(configuration, second.name, say('fromUpdating'));
  expectValue({ what: say('settingAfterSecond', { setting: 'Handler' }), expected: second.handler, got: configuration.Handler });
  expectValue({ what: say('settingAfterSecond', { setting: 'Timeout' }), expected: second.timeout, got: configuration.Timeout });
  expectValue({ what: say('settingAfterSecond', { setting: 'Environment.Variables' }), expected: environment, got: configuration.Environment?.Variables ?? {} });
  expectValue({
    what: say('timeoutOf', { name: untimed.name, note: say('none') }),
    input: say('untimedSecondDeploy', { timeout: String(firstUntimed.timeout) }),
    expected: DEFAULT_TIMEOUT,
    because: say('lambdaDefault'),
    got: seenUntimed!.configuration.Timeout,
    causes: [gives(firstUntimed.timeout, say('timeoutKept'))],
  });
  await expectAnswer(second, say('afterSecondDeploy'));
}, 40_000);
