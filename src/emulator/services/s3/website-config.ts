/**
 * Static website configuration: PutBucketWebsite (IndexDocument, ErrorDocument, RoutingRules, or
 * RedirectAllRequestsTo alone) checked as S3 does, GetBucketWebsite answering
 * NoSuchWebsiteConfiguration while there is none, DeleteBucketWebsite 204. website.ts serves it.
 */
import { rawResult } from '../../protocols/codec.ts';
import { parseXmlBody, xmlList } from '../../protocols/rest-xml.ts';
import { findBucket, type S3Call } from './context.ts';
import { InvalidArgument, MalformedXML, NoSuchWebsiteConfiguration } from './errors.ts';
import type { WebsiteConfiguration } from './model.ts';

type Element = Record<string, unknown>;

function element(value: unknown): Element | undefined {
  if (value === '') return {};
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Element) : undefined;
}

/** The text members of an element, kept as strings in S3's element names. */
function texts(value: unknown, names: string[]): Record<string, string> {
  const source = element(value);
  if (!source) throw new MalformedXML();
  const result: Record<string, string> = {};
  for (const name of names) if (typeof source[name] === 'string') result[name] = (source[name] as string).trim();
  return result;
}

function routingRules(value: unknown): NonNullable<WebsiteConfiguration['RoutingRules']> {
  const rules = xmlList(element(value)?.RoutingRule);
  if (rules.length === 0) throw new MalformedXML();
  return rules.map((rule) => {
    const item = element(rule);
    if (!item || item.Redirect === undefined) throw new MalformedXML();
    const redirect = texts(item.Redirect, ['Protocol', 'HostName', 'ReplaceKeyPrefixWith', 'ReplaceKeyWith', 'HttpRedirectCode']);
    if (redirect.ReplaceKeyPrefixWith !== undefined && redirect.ReplaceKeyWith !== undefined) {
      throw new InvalidArgument('You can only define ReplaceKeyPrefix or ReplaceKey but not both.');
    }
    if (redirect.Protocol !== undefined && redirect.Protocol !== 'http' && redirect.Protocol !== 'https') throw new InvalidArgument('Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically.');
    const condition = item.Condition === undefined ? undefined : texts(item.Condition, ['KeyPrefixEquals', 'HttpErrorCodeReturnedEquals']);
    return { ...(condition ? { Condition: condition } : {}), Redirect: redirect };
  });
}

/** PutBucketWebsite: replaces the bucket's website configuration. */
export function PutBucketWebsite(call: S3Call) {
  const bucket = findBucket(call);
  const root = element(parseXmlBody(call.body).WebsiteConfiguration);
  if (!root) throw new MalformedXML();
  const next: WebsiteConfiguration = {};
  if (root.RedirectAllRequestsTo !== undefined) {
    if (root.IndexDocument !== undefined || root.ErrorDocument !== undefined || root.RoutingRules !== undefined) {
      throw new InvalidArgument('RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.');
    }
    const redirect = texts(root.RedirectAllRequestsTo, ['HostName', 'Protocol']);
    if (!redirect.HostName) throw new MalformedXML();
    if (redirect.Protocol !== undefined && redirect.Protocol !== 'http' && redirect.Protocol !== 'https') throw new InvalidArgument('Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically.');
    next.RedirectAllRequestsTo = { HostName: redirect.HostName, ...(redirect.Protocol ? { Protocol: redirect.Protocol } : {}) };
  } else {
    if (root.IndexDocument === undefined) throw new InvalidArgument('A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty');
    const suffix = texts(root.IndexDocument, ['Suffix']).Suffix ?? '';
    if (suffix === '' || suffix.includes('/')) throw new InvalidArgument('The IndexDocument Suffix is not well formed', 'IndexDocument', suffix);
    next.IndexDocument = { Suffix: suffix };
    if (root.ErrorDocument !== undefined) {
      const key = texts(root.ErrorDocument, ['Key']).Key ?? '';
      if (key === '') throw new InvalidArgument('The ErrorDocument Key is not well formed', 'ErrorDocument', key);
      next.ErrorDocument = { Key: key };
    }
    if (root.RoutingRules !== undefined) next.RoutingRules = routingRules(root.RoutingRules);
  }
  bucket.website = next;
  return rawResult({});
}

/** GetBucketWebsite. */
export function GetBucketWebsite(call: S3Call) {
  const bucket = findBucket(call);
  const website = bucket.website;
  if (!website) throw new NoSuchWebsiteConfiguration(bucket.name);
  const { RoutingRules: rules, ...rest } = website;
  return rawResult({ body: { ...rest, ...(rules ? { RoutingRules: { RoutingRule: rules } } : {}) } });
}

/** DeleteBucketWebsite: 204, whether or not the bucket had a configuration. */
export function DeleteBucketWebsite(call: S3Call) {
  delete findBucket(call).website;
  return rawResult({ status: 204 });
}
