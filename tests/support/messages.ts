/** The messages of locales/*.yml as the browser sees them (_locales/<lang>/messages.json), for unit tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateChromeMessages, parseMessagesText, type ChromeMessage } from '@wxt-dev/i18n/build';

/** The compiled messages of one locale file, by message name. */
export function chromeMessages(locale: string): Record<string, ChromeMessage> {
  const text = readFileSync(join(process.cwd(), 'locales', `${locale}.yml`), 'utf8');
  return generateChromeMessages(parseMessagesText(text, 'YAML'));
}

/** `browser.i18n.getMessage` over those messages: `$1`…`$9` substituted, `$$` a dollar sign, '' when unknown. */
export function getMessage(
  messages: Record<string, ChromeMessage>,
  dir: 'ltr' | 'rtl',
  name: string,
  substitutions?: string | string[],
): string {
  if (name === '@@bidi_dir') return dir;
  const message = messages[name]?.message;
  if (message === undefined) return '';
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (values[Number(which) - 1] ?? ''),
  );
}
