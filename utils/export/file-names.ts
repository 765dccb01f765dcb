/**
 * File names for exported articles that every system accepts (Windows is the strictest: no `<>:"/\|?*`,
 * no control characters, no trailing dot or space, no reserved device names such as CON or COM1, whatever
 * extensions follow them: `nul.txt.md` and `CON .md` are devices too) and that show what they are (no
 * direction overrides or invisible characters that make `invoice` + U+202E + `gnp.exe` read as `invoiceexe.png`), unique
 * within one export, case-insensitively (macOS and Windows disks ignore case).
 */

import { INVISIBLE_CONTROLS } from '../records/tags';

/** Characters no file name may hold on Windows, macOS or Linux; also `#^[]` that Obsidian links cannot hold. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name may not hold
const FORBIDDEN = /[<>:"/\\|?*#^[\]\u0000-\u001f\u007f]/g;

/** Windows device names: the part of a name before its first dot, trailing spaces ignored, must not be one. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$) *$/i;
/** Longest name kept, before the extension: characters, and UTF-8 bytes (every system allows 255 bytes a
 * name; the rest is room for " (2).md"). */
const MAX_CHARS = 120;
const MAX_BYTES = 200;
const encoder = new TextEncoder();

/** A safe base name for `title` (no extension), never empty. */
export function safeBaseName(title: string): string {
  let name = title.normalize('NFC').replace(INVISIBLE_CONTROLS, '').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
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
  const device = name.split('.')[0]!;
  if (RESERVED.test(device)) name = `${device.trimEnd()} (article)${name.slice(device.length)}`;
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
