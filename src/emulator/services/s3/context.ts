/**
 * What every S3 operation works with: the caller, the account's state, the decoded request parts,
 * and the global bucket-name registry (bucket names are unique across all accounts).
 */
import type { Emulator } from '../../emulator.ts';
import type { OperationContext } from '../../types.ts';
import { secureTransport } from '../../policy/transport.ts';
import { AccessDenied, InvalidArgument, NoSuchBucket } from './errors.ts';
import type { Bucket, S3State } from './model.ts';

/** The input S3's dispatcher decodes: the addressed bucket and key and the raw request parts. */
export interface S3Input {
  Bucket?: string;
  Key?: string;
  headers?: Record<string, string>;
  query?: URLSearchParams;
  body?: Buffer;
}

/** Which account owns each bucket name, across every account of one emulator. */
export class BucketRegistry {
  private owners: Map<string, string> | undefined;
  /** The service name the store keeps S3 state under. */
  readonly serviceName: string;

  constructor(serviceName: string) {
    this.serviceName = serviceName;
  }

  private table(emulator: Emulator): Map<string, string> {
    if (!this.owners) {
      // Built from stored state on first use, so state loaded from disk is counted.
      this.owners = new Map();
      for (const { account, state } of emulator.store.scopesOf<S3State>(this.serviceName)) {
        for (const name of state.buckets.keys()) this.owners.set(name, account);
      }
    }
    return this.owners;
  }

  /** The account that owns `name`, or `undefined`. */
  ownerOf(emulator: Emulator, name: string): string | undefined {
    return this.table(emulator).get(name);
  }

  /** Records that `account` now owns `name`. */
  claim(emulator: Emulator, name: string, account: string): void {
    this.table(emulator).set(name, account);
  }

  /** The S3 state of `account`, if it has any. */
  stateOf(emulator: Emulator, account: string): S3State | undefined {
    return emulator.store.findScope<S3State>(this.serviceName, account, '');
  }

  /** Frees `name` after DeleteBucket. */
  release(emulator: Emulator, name: string): void {
    this.table(emulator).delete(name);
  }
}

/** One S3 call: the operation context plus the decoded request. */
export interface S3Call {
  account: string;
  region: string;
  requestId: string;
  state: S3State;
  emulator: Emulator;
  registry: BucketRegistry;
  bucketName: string | undefined;
  key: string | undefined;
  headers: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  sourceIp: string;
  /** aws:SecureTransport of the request: 'false' for one a proxy says came over plain HTTP. */
  secureTransport: 'true' | 'false';
  /** True for an unsigned request: only a bucket policy allowing `"*"` lets it in. */
  anonymous: boolean;
  /** The account owning the addressed bucket once authorize.ts let the caller in; `state` is then that account's. */
  bucketOwner?: string;
}

/** Builds an {@link S3Call} from an operation's input and context. */
export function s3Call(input: S3Input | undefined, context: OperationContext<S3State>, registry: BucketRegistry): S3Call {
  return {
    account: context.account,
    region: context.region,
    requestId: context.requestId,
    state: context.state,
    emulator: context.emulator,
    registry,
    bucketName: input?.Bucket,
    key: input?.Key,
    headers: input?.headers ?? {},
    query: input?.query ?? new URLSearchParams(),
    body: input?.body ?? Buffer.alloc(0),
    sourceIp: (context.request.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    secureTransport: secureTransport(context.request.headers),
    anonymous: context.anonymous === true,
  };
}

/**
 * The bucket named by the request, in the state authorize.ts chose (the caller's own, or the
 * owner's when its policy let the caller in). Another account's bucket is AccessDenied, a missing
 * one NoSuchBucket; `x-amz-expected-bucket-owner` is honoured.
 */
export function findBucket(call: S3Call): Bucket {
  const name = call.bucketName ?? '';
  const bucket = call.state.buckets.get(name);
  if (!bucket) {
    if (call.registry.ownerOf(call.emulator, name) !== undefined) throw new AccessDenied();
    throw new NoSuchBucket(name);
  }
  const expected = call.headers['x-amz-expected-bucket-owner'];
  if (expected !== undefined && expected !== (call.bucketOwner ?? call.account)) throw new AccessDenied();
  return bucket;
}

/** The key named by the request (operations on objects always have one). */
export function keyOf(call: S3Call): string {
  return call.key ?? '';
}

/** A whole-number query parameter (`max-keys`, `max-parts`...): `fallback` when absent, at most `maximum`, InvalidArgument when not a number. */
export function integerParam(call: S3Call, name: string, fallback: number, maximum = Number.POSITIVE_INFINITY): number {
  const value = call.query.get(name);
  if (value === null) return fallback;
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgument(`Provided ${name} not an integer or within integer range`, name, value);
  return Math.min(Number(value), maximum);
}
