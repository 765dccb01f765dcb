// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { documentOf, pageNames, readPage } from '@/tests/support/fixtures';
import { markTruth, MUTATIONS, overlap, randomSpans, seededRandom, truthOf } from '@/tests/support/mutations';
import { anchor, describeRange, locate, selectorsAt } from './selectors';
import { buildTextModel, toRange } from './text-model';

function rootOf(html: string): Element {
  return documentOf(`<body>${html}</body>`).body;
}

describe('selectors', () => {
  it('describe a selection with exact text, context and position', () => {
    const model = buildTextModel(rootOf('<p>The committee met on Tuesday.</p><p>It voted to approve the budget.</p>'));
    const start = model.text.indexOf('voted');
    const selectors = describeRange(model, toRange(model, start, start + 'voted to approve'.length)!)!;
    expect(selectors).toEqual({
      quote: {
        type: 'TextQuoteSelector',
        exact: 'voted to approve',
        prefix: 'he committee met on Tuesday. It ',
        suffix: ' the budget.',
      },
      position: { type: 'TextPositionSelector', start, end: start + 16 },
    });
  });

  it('keep more context for a quote repeated with its context (a list shown twice), until its place is told apart', () => {
    const list = Array.from({ length: 12 }, (_, i) => `<li>Weekly notes: issue ${40 - i}</li>`).join('');
    const model = buildTextModel(
      rootOf(`<p>Recent posts</p><ul>${list}</ul><p>Archive of all posts</p><ul>${list}</ul>`),
    );
    const second = model.text.lastIndexOf('Weekly notes: issue 35');
    const { quote } = selectorsAt(model, second, second + 'Weekly notes: issue 35'.length);
    // 32 characters each side are the same at both places; more tell them apart ("Archive of all posts").
    expect(quote.prefix.length).toBeGreaterThan(32);
    const whole = quote.prefix + quote.exact + quote.suffix;
    expect(model.text.indexOf(whole)).toBe(model.text.lastIndexOf(whole));
    // A quote that is not repeated keeps 32.
    const once = model.text.indexOf('Recent');
    expect(selectorsAt(model, once, once + 6).quote.suffix).toHaveLength(32);
  });

  it('find the text by position when nothing changed', () => {
    const model = buildTextModel(rootOf('<p>alpha beta gamma</p>'));
    expect(locate(model, selectorsAt(model, 6, 10))).toEqual({ start: 6, end: 10, method: 'position' });
  });

  it('choose the right one of repeated phrases by context after the text moved', () => {
    const before = buildTextModel(rootOf('<p>First, the cat sat.</p><p>Later, the cat sat again.</p>'));
    const second = before.text.lastIndexOf('the cat sat');
    const selectors = selectorsAt(before, second, second + 11);
    const after = buildTextModel(
      rootOf('<p>New intro paragraph.</p><p>First, the cat sat.</p><p>Later, the cat sat again.</p>'),
    );
    const found = locate(after, selectors)!;
    expect(found.method).toBe('quote');
    expect(after.text.slice(found.start - 7, found.end)).toBe('Later, the cat sat');
  });

  it('find edited text approximately', () => {
    const before = buildTextModel(
      rootOf('<p>Governments must work together to stop all cyberattacks on hospitals.</p>'),
    );
    const selectors = selectorsAt(before, 0, before.text.length);
    const after = buildTextModel(
      rootOf('<p>Governments must work together to stop all cyber-attacks on hospitals!</p>'),
    );
    expect(locate(after, selectors)).toMatchObject({ start: 0, method: 'fuzzy' });
  });

  it('find a quote known without its position (an import) by its quote and context', () => {
    const model = buildTextModel(rootOf('<p>First, the cat sat.</p><p>Later, the cat sat again.</p>'));
    const quote = { type: 'TextQuoteSelector' as const, exact: 'the cat sat', prefix: 'Later, ', suffix: ' again.' };
    const found = locate(model, { quote })!;
    expect(found).toMatchObject({ method: 'quote', start: model.text.lastIndexOf('the cat sat') });
    expect(locate(model, { quote: { ...quote, prefix: '', suffix: '' } })).toBeNull(); // two places, no way to tell
  });

  it('orphan a highlight whose text is gone rather than draw it elsewhere', () => {
    const before = buildTextModel(rootOf('<p>The minister resigned on Friday after the report.</p><p>Other news.</p>'));
    const start = before.text.indexOf('minister resigned');
    const selectors = selectorsAt(before, start, start + 'minister resigned on Friday'.length);
    const after = buildTextModel(
      rootOf('<p>Weather: sunny with light winds across the region on Friday.</p><p>Other news.</p>'),
    );
    expect(anchor(after, selectors)).toBeNull();
  });
});

describe('re-anchoring on real pages', () => {
  const names = pageNames().slice(0, 6);

  it.each(names)(
    '%s: random highlights come back on the same text after realistic changes, never on other text',
    (name) => {
      const { html } = readPage(name);
      const random = seededRandom(name.length * 7919);
      for (const [mutationName, mutate] of [['none', null], ...Object.entries(MUTATIONS)] as const) {
        const doc = documentOf(html);
        const model = buildTextModel(doc.body);
        const spans = randomSpans(model, 12, random);
        const selectors = spans.map((span) => selectorsAt(model, span.start, span.end));
        spans.forEach((span, i) => markTruth(model, span, i));
        if (mutate) mutate(doc.body, random);
        const after = buildTextModel(doc.body);
        let found = 0;
        selectors.forEach((selector, i) => {
          const truth = truthOf(after, i)!;
          const where = locate(after, selector);
          if (!where) return; // orphaned: allowed within the recall asked below, never drawn elsewhere
          found += 1;
          expect(
            overlap(where, truth),
            `${mutationName} #${i} on other text: ${selector.quote.exact.slice(0, 40)}`,
          ).toBeGreaterThanOrEqual(mutationName === 'editQuotes' ? 0.9 : 1);
        });
        expect(found / selectors.length, `${mutationName}: share found`).toBeGreaterThanOrEqual(
          mutationName === 'none' ? 1 : 0.9,
        );
      }
    },
    30_000,
  );

  it('orphans a phrase repeated word for word when the page shifted, rather than guess', () => {
    const para = '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.</p>';
    const before = buildTextModel(rootOf(para + para));
    const second = before.text.lastIndexOf('consectetur adipiscing');
    const selectors = selectorsAt(before, second, second + 22);
    const shifted = buildTextModel(rootOf(`<p>${'An inserted advertisement block. '.repeat(5)}</p>` + para + para));
    expect(locate(shifted, selectors)).toBeNull();
    // Where nothing moved, the position decides.
    expect(locate(buildTextModel(rootOf(para + para)), selectors)).toMatchObject({ start: second, method: 'position' });
  });
});
