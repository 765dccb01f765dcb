/** The variables of the Markdown export template, kept apart from the exporter so that the options page can
 * list them without loading Turndown and YAML. */

import type { MessageKey } from '../i18n';

/** The variables a template may use, each as `{{name}}`, with the message saying what they hold (shown on the
 * options page). */
export const TEMPLATE_VARIABLES = {
  frontmatter: 'variable.frontmatter',
  title: 'variable.title',
  url: 'variable.url',
  author: 'variable.author',
  site: 'variable.site',
  published: 'variable.published',
  saved: 'variable.saved',
  tags: 'variable.tags',
  id: 'variable.id',
  note: 'variable.note',
  highlights: 'variable.highlights',
  content: 'variable.content',
} as const satisfies Record<string, MessageKey>;

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;
