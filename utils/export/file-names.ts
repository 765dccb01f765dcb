/**
 * File names for exported articles that every system accepts (Windows is the strictest: no `<>:"/\|?*`,
 * no control characters, no trailing dot or space, no reserved device names such as CON or COM1) and that are
 * unique within one export, case-insensitively (macOS and Windows disks ignore case).
 */

/** Characters no file name may hold on Windows, macOS or Linux; also `#^[]` that Obsidian links cannot hold. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name may not hold
const FORBIDDEN = /[<>:"/\\|?*#^[\]\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Longest name kept, before the extension: characters, and UTF-8 bytes (every system allows 255 bytes a
 * name; the rest is room for " (2).md"). */
const MAX_CHARS = 120;
const MAX_BYTES = 200;
const encoder = new TextEncoder();

/** A safe base name for `title` (no extension), never empty. */
export function safeBaseName(title: string): string {
  let name = title.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  // Cut at a character boundary (never between the halves of a surrogate pair), at a space if one is near.
  if (name.length > MAX_CHARS || encoder.encode(name).length > MAX_BYTES) {
    let kept = '';
    let bytes = 0;
    for (const char of name) {
      bytes += encoder.encode(char).length;
      if (bytes > MAX_BYTES || kept.length + char.length > MAX_CHARS) break;
      kept += char;
    }
    const space = kept.lastIndexOf(' ');
    name = space > kept.length * 0.6 ? kept.slice(0, space) : kept;
  }
  name = name.replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  if (!name) name = 'Untitled';
  if (RESERVED.test(name.split('.')[0]!)) name = `${name} (article)`;
  return name;
}

/** Hands out unique file names within one export. */
export class FileNames {
  private readonly taken = new Set<string>();

  /** A name for `title` with `extension`, unique among the names handed out so far. */
  next(title: string, extension: string): string {
    const base = safeBaseName(title);
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${base}.${extension}` : `${base} (${n}).${extension}`;
      const key = name.toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return name;
      }
    }
  }
}
