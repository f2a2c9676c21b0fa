/** The shapes shared by the emulator's front, codecs and services. */
import type { Emulator } from './emulator.ts';
import type { Persistence } from './persistence/rows.ts';

/** An HTTP request as the emulator sees it, independent of node:http (tests build these directly). */
export interface EmulatorRequest {
  method: string;
  /** The path, percent-encoded as sent. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
  /** The client's address, when known: some routes answer loopback callers only. */
  remoteAddress?: string;
}

/** An HTTP response from the emulator. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  /** Set-Cookie values, each sent as its own header (an API Gateway response's cookies). */
  cookies?: string[];
}

/** The wire protocols AWS services speak. */
export type Protocol = 'json' | 'rest-json' | 'rest-xml' | 'query';

/** How a REST operation is bound to HTTP: method, URI template and where its inputs live. */
export interface RestRoute {
  method: string;
  /** A URI template such as `/2015-03-31/functions/{FunctionName}/invocations`; `{Key+}` takes the rest. */
  path: string;
  operation: string;
  /** Query parameter name -> input member. */
  query?: Record<string, string>;
  /** Lower-case header name -> input member. */
  headers?: Record<string, string>;
  /** When set, the raw body becomes this input member instead of being parsed as JSON. */
  payload?: string;
  /** The HTTP status of a successful answer (AWS uses 201, 202 and 204 for some operations). */
  status?: number;
}

/** What an operation may return to set the HTTP answer itself (status, headers, a raw body). */
export interface RawResult {
  readonly raw: true;
  status?: number;
  headers?: Record<string, string>;
  /** A raw body; an object is serialized by the protocol. */
  body?: Buffer | string | object;
}

/** Context handed to every operation. */
export interface OperationContext<State> {
  account: string;
  region: string;
  requestId: string;
  /** This service's state for the caller's account and region. */
  state: State;
  emulator: Emulator;
  request: EmulatorRequest;
  /** The wire protocol the request came in (the service's own for in-process calls). */
  protocol?: Protocol;
  /** True when the request carried no signature (only services with `acceptsUnsigned` see such calls). */
  anonymous?: boolean;
}

/** An operation: decoded input in, output object out (or a thrown AwsError). */
export type Operation<State> = (input: any, context: OperationContext<State>) => unknown;

/** The account and region a service's state belongs to. */
export interface StateScope {
  account: string;
  region: string;
}

/** Everything the emulator needs to know about one AWS service. */
export interface ServiceDefinition<State = any> {
  /** The service's key in the health answer, the store and `Emulator.call`, like `lambda`. */
  name: string;
  /** Service names in the SigV4 credential scope that mean this service. */
  signingNames: string[];
  protocol: Protocol;
  /**
   * Protocols the service also accepts, as SQS takes the query protocol from older clients beside
   * JSON. A request without `X-Amz-Target` that carries a form `Action` uses `query` when listed.
   */
  alternateProtocols?: Protocol[];
  /** For the JSON protocols: the `X-Amz-Target` prefix before the dot. */
  targetPrefix?: string;
  /** For the JSON protocols. */
  jsonVersion?: '1.0' | '1.1';
  /** For the query protocol: the XML namespace of responses. */
  xmlNamespace?: string;
  /** For the query protocol: lists inside `<member>` items (default) or as repeated elements (SQS). */
  xmlListStyle?: 'member' | 'flattened';
  /** For REST protocols: the operations' HTTP bindings. */
  routes?: RestRoute[];
  /** Builds the state of one account and region (`region` is '' for `global` services, like IAM). */
  createState: (scope: StateScope) => State;
  /** How the state becomes rows of the state database; without it a scope's state is one row. */
  persistence?: Persistence<State>;
  /** True when state is per account only, as IAM's is. */
  global?: boolean;
  operations: Record<string, Operation<State>>;
  /** True when unsigned requests reach the operations (flagged `anonymous`) instead of AWS's missing-authentication error. */
  acceptsUnsigned?: boolean;
  /** Called once when the emulator starts, after state is loaded. */
  start?: (emulator: Emulator) => void | Promise<void>;
  /**
   * Loads what the operations need that is slow to load (a parser): awaited before the service's
   * first request, and run in the background once the emulator listens, so start-up does not wait.
   */
  prepare?: () => Promise<void>;
  /** Called when the emulator stops: end child processes, timers. */
  stop?: () => void | Promise<void>;
}

/**
 * A way into the emulator other than an AWS API: an API Gateway endpoint, a function URL. It
 * takes the requests it recognizes (by host name or path) before any service sees them.
 */
export interface FrontDoor {
  /** True for the requests this door serves. */
  serves(request: EmulatorRequest): boolean;
  /** True when a web page's request may pass: what it reaches was opened to that page on purpose. */
  opensTo(request: EmulatorRequest): boolean;
  handle(request: EmulatorRequest): Promise<EmulatorResponse>;
}
