/**
 * A lab's README (labs/NN-slug/README*.md) opens with its title (`# Lab NN: ...`, `# 实验 NN：...`), which the lab
 * page already shows as its own title; this integration drops that heading where the site renders
 * the README. The file keeps it for anyone reading it in the lab folder. It hooks into Astro's
 * Markdown processor (Sätteri) the way Starlight adds its own transforms, together with
 * lab-readme-links.mjs, which points a translated README's links at its own language's pages.
 */
import { localizeLabReadmeLinks } from './lab-readme-links.mjs';

const LAB_README = /\/labs\/[^/]+\/README(\.[\w-]+)?\.md$/;

/** The Sätteri plugin, made only for lab READMEs: removes the first level-1 heading. */
function dropLabTitle(context) {
  if (!LAB_README.test(context.fileURL?.pathname ?? '')) return null;
  let dropped = false;
  return {
    name: 'workshop-drop-lab-title',
    heading(node, tree) {
      if (dropped || node.depth !== 1) return;
      dropped = true;
      tree.removeNode(node);
    },
  };
}

/** The Astro integration that registers {@link dropLabTitle} and {@link localizeLabReadmeLinks}. */
export function labReadmeTitle() {
  return {
    name: 'workshop-lab-readme-title',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const processor = config.markdown.processor;
        if (processor?.name !== 'satteri') {
          logger.warn(`the Markdown processor "${processor?.name}" is not Sätteri, so lab pages show their README's title twice and Chinese ones link to English lessons`);
          return;
        }
        processor.options.mdastPlugins.push(dropLabTitle, localizeLabReadmeLinks);
      },
    },
  };
}
