/** The variables of the Markdown export template, kept apart from the exporter so that the options page can
 * list them without loading Turndown and YAML. */

/** The variables a template may use, each as `{{name}}`, with what they hold (shown on the options page). */
export const TEMPLATE_VARIABLES = {
  frontmatter: 'The YAML front matter block, between --- lines',
  title: 'The article title',
  url: 'The address of the page',
  author: 'The author (byline), or nothing',
  site: 'The site name, or nothing',
  published: 'The publication date as the page gives it, or nothing',
  saved: 'When it was saved (YYYY-MM-DD)',
  tags: 'The tags, as #tag words',
  id: 'Gleaner\'s id of the article',
  note: 'Your note on the page',
  highlights: 'The highlights as blockquotes, each with its colour and note',
  content: 'The article text converted to Markdown (empty unless "full text" is chosen)',
} as const;

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;
