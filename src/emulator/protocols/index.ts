/** The codec of each wire protocol. */
import type { Protocol } from '../types.ts';
import type { Codec } from './codec.ts';
import { jsonCodec } from './json.ts';
import { queryCodec } from './query.ts';
import { restJsonCodec } from './rest-json.ts';
import { restXmlCodec } from './rest-xml.ts';

const CODECS: Record<Protocol, Codec> = { json: jsonCodec, 'rest-json': restJsonCodec, 'rest-xml': restXmlCodec, query: queryCodec };

/** Returns the codec for a protocol. */
export function codecFor(protocol: Protocol): Codec {
  return CODECS[protocol];
}
