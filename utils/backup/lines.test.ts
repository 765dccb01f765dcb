import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileLines, LineTooLong } from './lines';

/** A file whose stream hands its bytes over in chunks of `size` (a multi-byte character may be split). */
function chunked(text: string, size: number): Blob {
  const bytes = new TextEncoder().encode(text);
  return {
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
          controller.close();
        },
      }),
  } as unknown as Blob;
}

async function linesOf(file: Blob, maxLine = 1_000) {
  const out: string[] = [];
  for await (const { line, number } of fileLines(file, maxLine)) {
    expect(number).toBe(out.length + 1);
    out.push(line);
  }
  return out;
}

describe('fileLines', () => {
  it('gives the lines of a file in any chunking, \\n or \\r\\n, with or without a final line end (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 30 }).map((line) => line.replace(/[\r\n]/g, '')),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        fc.boolean(),
        async (lines, size, crlf, finalEnd) => {
          const end = crlf ? '\r\n' : '\n';
          const text = lines.join(end) + (finalEnd ? end : '');
          const expected = finalEnd || lines.at(-1) !== '' ? lines : lines.slice(0, -1);
          expect(await linesOf(chunked(text, size))).toEqual(expected);
        },
      ),
    );
  });

  it('refuses a line longer than the limit before holding it whole, ended or not', async () => {
    await expect(linesOf(chunked(`short\n${'x'.repeat(50)}\nshort`, 7), 20)).rejects.toThrow(LineTooLong);
    await expect(linesOf(chunked(`short\n${'x'.repeat(50)}`, 7), 20)).rejects.toThrow('line 2 is too long');
    expect(await linesOf(chunked(`${'x'.repeat(20)}\n`, 7), 20)).toEqual(['x'.repeat(20)]);
  });
});
