// Types of cjk-line-breaks.mjs, for the tests that run it through Sätteri.
import type { AstroIntegration } from 'astro';
import type { MdastPluginDefinition, PluginFactoryContext } from 'satteri';

/** What replaces a soft line break between `before` and `after`, or null to keep it. */
export function joinBreak(before: string | undefined, after: string | undefined): string | null;
/** The Sätteri mdast plugin definition. */
export const cjkLineBreaksPlugin: MdastPluginDefinition;
/** The plugin entry Sätteri resolves once per document: skipped when the source has no CJK text. */
export function cjkLineBreaks(context: PluginFactoryContext): MdastPluginDefinition | null;
/** The Astro integration that adds the plugin to the Markdown processor. */
export function cjkLineBreaksIntegration(): AstroIntegration;
