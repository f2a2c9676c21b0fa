/**
 * Starlight route middleware: the CLI and coverage reference pages draw their sections (one per
 * command, one per service) from generated data inside a component, and Starlight builds a page's
 * table of contents only from the headings written in its Markdown. This adds those sections to
 * the page's headings and table of contents, from the same data the components render.
 */
// Starlight's package root declares `Astro.locals.starlightRoute`, which this file reads.
import type {} from '@astrojs/starlight';
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import commands from './generated/cli.json';
import coverage from './generated/emulator-coverage.json';

/** The h2 sections each generated page renders, by page id without its locale. */
const SECTIONS: Record<string, Array<{ slug: string; text: string }>> = {
  'reference/cli': commands.map((command) => ({ slug: command.name, text: command.name })),
  'reference/emulator-coverage': coverage.map((service) => ({ slug: service.name, text: service.name })),
};

/** Appends the generated sections to the reference pages' headings and table of contents. */
export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const sections = SECTIONS[route.id.replace(/^zh-cn\//, '')];
  if (!sections) return;
  route.headings.push(...sections.map((section) => ({ depth: 2, ...section })));
  // The pages write no h2 of their own, so these sections follow the "Overview" entry in order.
  route.toc?.items.push(...sections.map((section) => ({ depth: 2, ...section, children: [] })));
});
