/**
 * The emulator's core: routes a request to its service, decodes it with the service's protocol,
 * runs the operation against the caller's account and region, and encodes the answer. It needs
 * no socket: `handle()` is callable in-process, and server.ts puts it on a port.
 */
import { randomUUID } from 'node:crypto';
import { AwsError, InternalFailure, UnknownOperationException, isAwsError } from './errors.ts';
import { HEALTH_PATH, answersWhileStarting, healthResponse } from './health.ts';
import { codecFor } from './protocols/index.ts';
import { ServiceRouter, accountForKey, identifyCaller, protocolFor, DEFAULT_REGION } from './router.ts';
import { StateStore, type StoreLogger } from './store.ts';
import { TraceLog, traceRoute } from './trace.ts';
import { registerWorkshopRoutes } from './workshop-routes.ts';
import { AccessPolicy, hasPresignedQuery, type AccessOptions, type Refusal } from './access.ts';
import { pageCors, withPageCors } from './page-cors.ts';
import { isSigned, missingAuthentication } from './authentication.ts';
import { loadSigner, verifySignature, type SecretLookup } from './signature.ts';
import { inputError } from './validation/index.ts';
import type { EmulatorRequest, EmulatorResponse, FrontDoor, Protocol, ServiceDefinition } from './types.ts';
import { DEFAULT_ACCOUNT_ID } from './identity.ts';
import { authorizeCall } from './policy/enforce.ts';
import { secureTransport } from './policy/transport.ts';
import type { IamMode } from './policy/mode.ts';
import { withSessionSecrets } from './policy/sessions.ts';

/** A handler for the emulator's own routes (health, trace, the Lambda Runtime API). */
export type InternalRoute = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse> | undefined | Promise<EmulatorResponse | undefined>;

/** Options of an {@link Emulator}. */
export interface EmulatorConfig {
  /** The services, or a catalog of them that is loaded once the emulator starts (health answers meanwhile). */
  services: ServiceDefinition[] | ServiceCatalog;
  /** A folder to keep state in across restarts; memory only when absent. */
  stateDir?: string | undefined;
  /** Multiplies AWS's waits (state changes, retry back-off); 1 is real time, 0.001 makes minutes pass in milliseconds. */
  timeFactor?: number;
  log?: StoreLogger;
  settings?: Partial<EmulatorSettings>;
  /** The folder the lab engine keeps progress.json in, for `/_workshop/progress`; default `<cwd>/.workshop`. */
  workshopDir?: string | undefined;
  /** Origins and host names allowed besides the lesson site and this machine's own names. */
  access?: AccessOptions | undefined;
  /** Secrets of the access keys callers may use: every AWS call's SigV4 signature is then verified (cohort grading). */
  secrets?: SecretLookup | undefined;
  /** Checks wire requests against AWS's model constraints before operations run (default true; off only to measure its cost). */
  validateInput?: boolean;
}

/** Services loaded when the emulator starts rather than when it is built: their names answer health checks meanwhile. */
export interface ServiceCatalog {
  names: readonly string[];
  load: () => Promise<ServiceDefinition[]>;
}

/** Behaviour switches of the emulator; every one has an AWS-like default. */
export interface EmulatorSettings {
  /** How long a new or updated Lambda function stays Pending/InProgress before Active/Successful. */
  lambdaStateDelayMs: number;
  /** How long a new DynamoDB table, or a global secondary index added to one, stays CREATING before ACTIVE. */
  dynamodbStateDelayMs: number;
  /** Largest payload of an asynchronous (Event) invoke; AWS allows 1 MB. */
  asyncPayloadLimitBytes: number;
  /** Largest payload of a synchronous invoke and its response; AWS allows 6 MB. */
  syncPayloadLimitBytes: number;
  /** How long an idle execution environment is kept warm before it is stopped. */
  idleEnvironmentMs: number;
  /** LocalStack's behaviour: EventBridge invokes Lambda targets without checking the resource policy. */
  skipLambdaPermissionCheck: boolean;
  /** Largest total size of one PutEvents request's entries, each sized as AWS documents it (AWS: 1 MB since January 2026). */
  eventEntryLimitBytes: number;
  /** How long one day of an S3 lifecycle rule lasts (Expiration Days, DaysAfterInitiation); a real day is also rounded to the next midnight UTC, as on AWS. */
  s3LifecycleDayMs: number;
  /** How IAM policies apply (`--iam`); undefined enforces them on role credentials and reports them for the account's own keys. */
  iam: IamMode | undefined;
}

/** The defaults of {@link EmulatorSettings}. */
export const DEFAULT_SETTINGS: EmulatorSettings = {
  lambdaStateDelayMs: 250,
  dynamodbStateDelayMs: 250,
  asyncPayloadLimitBytes: 1024 * 1024,
  syncPayloadLimitBytes: 6 * 1024 * 1024,
  idleEnvironmentMs: 5 * 60 * 1000,
  skipLambdaPermissionCheck: false,
  eventEntryLimitBytes: 1024 * 1024,
  s3LifecycleDayMs: 24 * 60 * 60 * 1000,
  iam: undefined,
};

/** Who a call is made as: used by services that call other services. */
export interface CallScope {
  account?: string;
  region?: string;
}

/** Operations whose names start like these read state and never change it. */
const READ_ONLY = /^(Get|List|Describe|Head|Test|Filter|Query$|Scan$|BatchGet|TransactGet)/;

/** A successful wire call, as {@link Emulator.watchCalls} tells it. */
export interface WatchedCall {
  request: EmulatorRequest;
  service: string;
  operation: string;
  account: string;
}

/** One emulator: its services, their state, and the request handler. */
export class Emulator {
  /** The running services; empty until a {@link ServiceCatalog} has loaded. */
  readonly services = new Map<string, ServiceDefinition>();
  readonly store: StateStore;
  readonly timeFactor: number;
  readonly log: StoreLogger;
  readonly settings: EmulatorSettings;
  /** The event-flow trace every service writes to. */
  readonly trace = new TraceLog();
  /** Which web pages and host names may reach the emulator. */
  readonly access: AccessPolicy;
  private readonly secrets: SecretLookup | undefined;
  /** Whether wire requests are checked against the model constraints (validation/); the bench turns it off to compare. */
  validateInput: boolean;
  /** The emulator's own origin once it listens (set by server.ts), like http://127.0.0.1:4566. */
  url = '';
  private router = new ServiceRouter([]);
  private readonly catalog: ServiceCatalog | undefined;
  /** Settles once services are loaded, their state read and their background work started. */
  private startup: Promise<void> | undefined;
  private started = false;
  private readonly internal: Array<[string, InternalRoute]> = [];
  private readonly doors: FrontDoor[] = [];
  private readonly prepared = new Map<string, Promise<void>>();
  private readonly accountTimeFactors = new Map<string, number>();
  private readonly callWatchers: Array<(call: WatchedCall) => Promise<void> | void> = [];

  constructor(config: EmulatorConfig) {
    if (Array.isArray(config.services)) this.adopt(config.services);
    else this.catalog = config.services;
    this.log = config.log ?? (() => {});
    this.store = new StateStore(config.stateDir, this.log);
    this.timeFactor = config.timeFactor ?? 1;
    this.settings = { ...DEFAULT_SETTINGS, ...config.settings };
    this.access = new AccessPolicy(config.access);
    // Role sessions' keys (functions', AssumeRole's) sign too where signatures are verified.
    this.secrets = config.secrets && withSessionSecrets(config.secrets);
    this.validateInput = config.validateInput ?? true;
    this.addInternalRoute(HEALTH_PATH, (request) => healthResponse(request, this));
    this.addInternalRoute('/_workshop/trace', traceRoute(this.trace, (request) => this.workshopAccount(request)));
    registerWorkshopRoutes(this, { workshopDir: config.workshopDir });
  }

  /** The names of the emulated services, known before they are loaded. */
  get serviceNames(): readonly string[] {
    return this.catalog && this.services.size === 0 ? this.catalog.names : [...this.services.keys()];
  }

  /** True once the services' code has loaded (at once when they were given, not catalogued). */
  get servicesLoaded(): boolean {
    return this.services.size > 0 || !this.catalog;
  }

  /** True once every service has loaded and started: until then requests wait (health excepted). */
  get isStarted(): boolean {
    return this.started;
  }

  /** Loads the services (when given as a catalog), their saved state, and starts their background work. */
  start(): Promise<void> {
    this.startup ??= this.startServices();
    return this.startup;
  }

  /** Settles once a started emulator's services run; at once for an emulator that was never started. */
  untilStarted(): Promise<void> {
    return this.startup ?? Promise.resolve();
  }

  private async startServices(): Promise<void> {
    if (this.catalog) this.adopt(await this.catalog.load());
    this.store.load([...this.services.values()]);
    for (const service of this.services.values()) await service.start?.(this);
    this.started = true;
  }

  private adopt(services: ServiceDefinition[]): void {
    for (const service of services) this.services.set(service.name, service);
    this.router = new ServiceRouter(services);
  }

  /** Loads in the background what the first requests would otherwise wait for (parsers, the signature library). */
  warmUp(): void {
    const failed = (error: unknown) => this.log(`loading in the background failed: ${(error as Error).stack ?? String(error)}`);
    for (const service of this.services.values()) this.ready(service)?.catch(failed);
    if (this.secrets) loadSigner().catch(failed);
  }

  /** The service's `prepare`, run once: undefined when it has none, so most requests do not wait at all. */
  private ready(service: ServiceDefinition): Promise<void> | undefined {
    if (!service.prepare) return undefined;
    let done = this.prepared.get(service.name);
    if (!done) {
      done = service.prepare();
      this.prepared.set(service.name, done);
    }
    return done;
  }

  /** Stops background work and writes state. */
  async stop(): Promise<void> {
    for (const service of this.services.values()) await service.stop?.();
    this.store.flush();
  }

  /** Serves requests whose path starts with `prefix` before any AWS service sees them. */
  addInternalRoute(prefix: string, route: InternalRoute): void {
    this.internal.push([prefix, route]);
    this.internal.sort((a, b) => b[0].length - a[0].length);
  }

  /** Serves the requests `door` recognizes before any AWS service sees them. */
  addFrontDoor(door: FrontDoor): void {
    this.doors.push(door);
  }

  /** True when every AWS call's SigV4 signature is verified (the emulator was given the callers' secrets). */
  get verifiesSignatures(): boolean {
    return this.secrets !== undefined;
  }

  /** The secret that signs as `accessKeyId` here: the run's own when signatures are verified, else any ('test'). */
  secretOf(accessKeyId: string): string {
    return this.secrets?.(accessKeyId) ?? 'test';
  }

  /**
   * Whose trace or resources a `/_workshop` request may read: the account it asks for, unless the
   * emulator verifies signatures; then only the signer's own (a graded submission sees no other).
   */
  async workshopAccount(request: EmulatorRequest): Promise<{ account: string | undefined } | { refused: string }> {
    const asked = request.query.get('account') ?? undefined;
    if (!this.secrets) return { account: asked };
    if (!isSigned(request)) return { refused: 'this emulator verifies signatures: sign the request with your account\'s credentials' };
    const verified = await verifySignature(request, 'rest-json', this.secrets);
    if (verified instanceof AwsError) return { refused: verified.message };
    const own = accountForKey(verified.accessKeyId);
    if (asked !== undefined && asked !== own) return { refused: `a caller reads only its own account (${own}), not ${asked}` };
    return { account: own };
  }

  /** The service a request goes to, from its line and headers (what the body limits need before the body is read). */
  route(request: EmulatorRequest): ServiceDefinition | undefined {
    return this.router.route(request);
  }

  /**
   * Scales an AWS wait by the time factor: the waiting account's own when one was set for it
   * (a grader's, through `/_workshop/time-factor`), else the emulator's.
   */
  scaled(milliseconds: number, account?: string): number {
    return milliseconds * ((account === undefined ? undefined : this.accountTimeFactors.get(account)) ?? this.timeFactor);
  }

  /** Sets the time factor of one account's retry and event-age waits; undefined gives it the emulator's again. */
  setAccountTimeFactor(account: string, factor: number | undefined): void {
    if (factor === undefined) this.accountTimeFactors.delete(account);
    else this.accountTimeFactors.set(account, factor);
  }

  /** Tells `watcher` of every successful wire call once its change is made, before the answer goes out (where Lambda's fault injection ends an environment). */
  watchCalls(watcher: (call: WatchedCall) => Promise<void> | void): void {
    this.callWatchers.push(watcher);
  }

  /** Answers one HTTP request; never throws. */
  async handle(request: EmulatorRequest): Promise<EmulatorResponse> {
    // Health answers at once, so a client sees the port up while the services load; the rest waits for them.
    if (this.startup && !this.started && !answersWhileStarting(request.path)) await this.startup;
    // The emulator's own routes are never S3, whatever the router's fallback would say: a presigned-looking query opens no door to them.
    const internal = this.internal.some(([prefix]) => request.path.startsWith(prefix));
    const door = internal ? undefined : this.doors.find((candidate) => candidate.serves(request));
    const presignedRead = () => hasPresignedQuery(request) && (request.method === 'GET' || request.method === 'HEAD') && this.router.route(request)?.protocol === 'rest-xml';
    const refusal = this.access.check(request, () => (door ? door.opensTo(request) : !internal && presignedRead()));
    if (refusal) return this.refuse(request, refusal);
    if (door) return door.handle(request);
    const page = pageCors(this, request, internal);
    if (page && 'answer' in page) return page.answer;
    const answer = await this.serve(request);
    return page ? withPageCors(answer, page.headers) : answer;
  }

  /** The answer of the emulator's own routes or of an AWS service, to a request that may go on. */
  private async serve(request: EmulatorRequest): Promise<EmulatorResponse> {
    try {
      for (const [prefix, route] of this.internal) {
        if (request.path.startsWith(prefix)) {
          const answer = await route(request);
          if (answer) return answer;
        }
      }
    } catch (error) {
      this.log(`internal route ${request.path} failed: ${(error as Error).stack ?? String(error)}`);
      return { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'internal error' }) };
    }
    const service = this.router.route(request);
    const requestId = randomUUID();
    if (!service) {
      const body = JSON.stringify({ __type: 'UnknownServiceException', message: `No emulated service answers ${request.method} ${request.path}` });
      return { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body };
    }
    const protocol = protocolFor(service, request);
    const codec = codecFor(protocol);
    // A service that accepts unsigned calls (S3, for what a bucket policy opens to everyone) decides about them itself.
    const anonymous = !isSigned(request);
    if (anonymous && !service.acceptsUnsigned) return codec.encodeError(missingAuthentication(protocol), service, requestId);
    let caller: { account: string; region: string; accessKeyId?: string | undefined } = identifyCaller(request);
    if (this.secrets && !anonymous) {
      // Where signatures are verified, the caller is the key that signed, never a scope read elsewhere in the request.
      const verified = await verifySignature(request, protocol, this.secrets);
      if (verified instanceof AwsError) return codec.encodeError(verified, service, requestId);
      caller = { account: accountForKey(verified.accessKeyId), region: verified.region, accessKeyId: verified.accessKeyId };
    }
    try {
      await this.ready(service);
      const { operation, input } = codec.decode(request, service);
      // Only wire requests: in-process calls come from the emulator's own services, which send valid input.
      const invalid = this.validateInput ? inputError(service.name, operation, input) : undefined;
      if (invalid) throw invalid;
      const refused = anonymous ? undefined : await authorizeCall(this, { service: service.name, operation, input, account: caller.account, region: caller.region, accessKeyId: caller.accessKeyId, sourceIp: request.remoteAddress, secureTransport: secureTransport(request.headers) });
      if (refused) throw refused;
      const output = await this.invoke(service, operation, input, { account: caller.account, region: caller.region, ...(anonymous ? { anonymous } : {}) }, requestId, request, protocol);
      for (const watch of this.callWatchers) await watch({ request, service: service.name, operation, account: caller.account });
      return codec.encode(output, operation, service, requestId);
    } catch (error) {
      return codec.encodeError(this.asAwsError(error, service), service, requestId);
    }
  }

  /**
   * Calls another service's operation as a client would, without HTTP: how services reach each
   * other (EventBridge invoking Lambda, Lambda writing logs) without touching each other's state.
   */
  async call(serviceName: string, operation: string, input: Record<string, unknown>, scope: CallScope = {}): Promise<any> {
    const service = this.services.get(serviceName);
    if (!service) throw new InternalFailure(`service ${serviceName} is not emulated`);
    const request: EmulatorRequest = { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) };
    const account = scope.account ?? DEFAULT_ACCOUNT_ID;
    await this.ready(service);
    return this.invoke(service, operation, input, { account, region: scope.region ?? DEFAULT_REGION }, randomUUID(), request, service.protocol);
  }

  private async invoke(
    service: ServiceDefinition,
    operation: string,
    input: Record<string, unknown>,
    caller: { account: string; region: string; anonymous?: boolean },
    requestId: string,
    request: EmulatorRequest,
    protocol: Protocol,
  ): Promise<unknown> {
    // Own properties only: `toString` or `__proto__` are not operations.
    const run = Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
    if (!run) throw new UnknownOperationException(operation);
    const state = this.store.scope(service, caller.account, caller.region);
    // Only a successful change is saved: operations check their input before they change state.
    let succeeded = false;
    try {
      const output = await run(input, { ...caller, requestId, state, emulator: this, request, protocol });
      succeeded = true;
      return output;
    } finally {
      // Written before the answer goes out: what a client was told succeeded survives a kill -9.
      this.store.commitRequest(service.name, caller.account, caller.region, succeeded && !READ_ONLY.test(operation));
    }
  }

  private readonly refusalsLogged = new Set<string>();

  private refuse(request: EmulatorRequest, refusal: Refusal): EmulatorResponse {
    const key = `${refusal.reason} ${request.headers.origin ?? request.headers.host ?? ''}`;
    // Logged once per page or host name, and at most a few hundred of them, whatever a client sends.
    if (!this.refusalsLogged.has(key) && this.refusalsLogged.size < 500) {
      this.refusalsLogged.add(key);
      this.log(`refused ${request.method} ${request.path}: ${refusal.message}`);
    }
    const body = JSON.stringify({ __type: 'AccessDeniedException', message: refusal.message });
    return { status: 403, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body };
  }

  private asAwsError(error: unknown, service: ServiceDefinition): AwsError {
    if (isAwsError(error)) return error;
    this.log(`${service.name} failed on a request: ${(error as Error)?.stack ?? String(error)}`);
    return new InternalFailure('The emulator hit an internal error while serving this request; it keeps running.');
  }
}
