/**
 * Store readiness of the built extension: icons at every size, a translated name and description within the
 * stores' limits, every permission explained in the README, a privacy statement.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, ROOT } from './browser';

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
  icons: Record<string, string>;
  name: string;
  description: string;
  default_locale: string;
  permissions: string[];
  host_permissions: string[];
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the built extension, as the stores see it', () => {
  it('has an icon at every size the stores and browsers ask for', () => {
    for (const size of [16, 32, 48, 96, 128]) {
      expect(manifest.icons[size], `icon ${size}`).toBeDefined();
      expect(pngSize(join(EXTENSION_DIR, manifest.icons[size]!))).toEqual([size, size]);
    }
  });

  it('has a name and a description in every language, within the Chrome Web Store limits', () => {
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
    for (const locale of ['en', 'fr', 'ar']) {
      const messages = JSON.parse(
        readFileSync(join(EXTENSION_DIR, '_locales', locale, 'messages.json'), 'utf8'),
      ) as Record<string, { message: string }>;
      expect(messages.extName!.message.length, locale).toBeLessThanOrEqual(75);
      expect(messages.extDescription!.message.length, locale).toBeGreaterThan(20);
      expect(messages.extDescription!.message.length, locale).toBeLessThanOrEqual(132);
    }
  });

  it('explains every permission in the README, and states its privacy', () => {
    const section = readme.slice(
      readme.indexOf('## Permissions'),
      readme.indexOf('\n## ', readme.indexOf('## Permissions') + 5),
    );
    for (const permission of [...manifest.permissions, ...manifest.host_permissions])
      expect(section, permission).toContain(`| \`${permission}\``);
    expect(readme).toMatch(/## Privacy\n\nGleaner collects nothing and sends nothing/);
    expect(readFileSync(join(ROOT, 'PRIVACY.md'), 'utf8')).toMatch(/nothing leaves your machine/);
  });
});
