/**
 * Template bodies: JSON, or YAML with CloudFormation's short forms (`!Ref`, `!Sub`, `!GetAtt a.b`)
 * read through the `yaml` package's custom tags into the long forms JSON templates use.
 */
import type { Tags } from 'yaml';
import { ValidationError } from './errors.ts';
import { applyTransforms } from './sam/index.ts';

/** A parsed template: the sections CloudFormation reads. */
export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Metadata?: Record<string, unknown>;
  Parameters?: Record<string, Record<string, any>>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Transform?: unknown;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: unknown; Description?: string; Export?: { Name: unknown }; Condition?: string }>;
}

/** One entry of the Resources section. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
}

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString'];

function shortFormTags(): Tags {
  const tags: Tags = [];
  const longName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);
  for (const name of ['Ref', 'Condition', 'GetAtt', ...FUNCTIONS]) {
    const key = longName(name);
    tags.push({
      tag: `!${name}`,
      resolve: (text: string) => ({ [key]: name === 'GetAtt' ? splitGetAtt(text) : text }),
    });
    for (const collection of ['seq', 'map'] as const) {
      tags.push({ tag: `!${name}`, collection, resolve: (node: any) => ({ [key]: node.toJSON() }) } as any);
    }
  }
  return tags;
}

/** `!GetAtt Table.StreamArn` as the list the long form takes; the attribute may itself hold dots. */
function splitGetAtt(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

let yaml: { parse: typeof import('yaml').parse; tags: Tags } | undefined;

/** Loads the YAML parser: the service's `prepare`, so the emulator starts without it and the first CloudFormation request waits for it. */
export async function loadYamlParser(): Promise<void> {
  if (!yaml) yaml = { parse: (await import('yaml')).parse, tags: shortFormTags() };
}

function yamlParser(): NonNullable<typeof yaml> {
  if (!yaml) throw new Error('the YAML parser is not loaded: await loadYamlParser() first');
  return yaml;
}

/** Parses a template body (JSON or YAML) and checks its outline as CloudFormation does before anything runs. */
export function parseTemplate(body: string): Template {
  let value: unknown;
  const trimmed = body.trimStart();
  try {
    value = trimmed.startsWith('{') ? JSON.parse(body) : yamlParser().parse(body, { customTags: yamlParser().tags, uniqueKeys: true, maxAliasCount: 1000 });
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0];
    throw new ValidationError(`Template format error: ${trimmed.startsWith('{') ? 'JSON' : 'YAML'} not well-formed. (${detail})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError('Template format error: unsupported structure.');
  const template = (value as Template).Transform !== undefined ? applyTransforms(value as Template) : (value as Template);
  if (template.AWSTemplateFormatVersion !== undefined && String(template.AWSTemplateFormatVersion) !== '2010-09-09') {
    throw new ValidationError(`Template format error: '${String(template.AWSTemplateFormatVersion)}' is not a valid template version.`);
  }
  if (!template.Resources || typeof template.Resources !== 'object' || Object.keys(template.Resources).length === 0) {
    throw new ValidationError('Template format error: At least one Resources member must be defined.');
  }
  for (const [name, resource] of Object.entries(template.Resources)) {
    if (!/^[A-Za-z0-9]+$/.test(name)) throw new ValidationError(`Template format error: Resource name ${name} is non alphanumeric.`);
    if (typeof resource !== 'object' || resource === null || typeof resource.Type !== 'string') {
      throw new ValidationError(`Template format error: [/Resources/${name}] Every Resources object must contain a Type member.`);
    }
  }
  return template;
}

/** The limit AWS puts on a TemplateBody (51,200 bytes). */
export const TEMPLATE_BODY_LIMIT = 51_200;
