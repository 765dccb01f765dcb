/**
 * Realistic changes a site makes to a page between two visits, for anchoring tests and benchmarks. Each takes a
 * root element and a seeded random source and mutates the DOM in place. Highlights are located by sentinel
 * elements (`gleaner-truth-start` / `-end`, no text) placed before mutating, which survive every change and
 * tell where the highlighted text really is afterwards.
 */
import { buildTextModel, modelOffset, toRange, type TextModel } from '../../utils/anchoring/text-model';

/** Deterministic pseudo-random numbers (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random integer in [min, max). */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min));
}

/**
 * Random highlight ranges as readers make them: whole words, 3 to 40 of them, inside one paragraph, list item,
 * quote, cell or heading. Returns [start, end) model offsets.
 */
export function randomSpans(
  model: TextModel,
  count: number,
  random: () => number,
): Array<{ start: number; end: number }> {
  const blocks = [...model.root.querySelectorAll('p, li, blockquote, dd, td, h1, h2, h3, h4, figcaption')]
    .map((block) => ({
      start: modelOffset(model, block, 0) ?? 0,
      end: modelOffset(model, block, block.childNodes.length, 'end') ?? 0,
    }))
    .filter((block) => block.end - block.start >= 40);
  const spans = [];
  for (let i = 0; i < count && blocks.length; i++) {
    const block = blocks[randomInt(random, 0, blocks.length)]!;
    const words = [...model.text.slice(block.start, block.end).matchAll(/\S+/g)].map((m) => ({
      start: block.start + m.index,
      end: block.start + m.index + m[0].length,
    }));
    if (words.length < 3) continue;
    const first = randomInt(random, 0, words.length - 2);
    const last = Math.min(words.length - 1, first + randomInt(random, 2, 40));
    spans.push({ start: words[first]!.start, end: words[last]!.end });
  }
  return spans;
}

const START = 'gleaner-truth-start';
const END = 'gleaner-truth-end';

/**
 * Places sentinels around model range `span` of `root`, for highlight `index`. Inserting them splits text
 * nodes, so the model is rebuilt from `model.root` first: the text is the same, the nodes are not.
 */
export function markTruth(model: TextModel, span: { start: number; end: number }, index: number): void {
  model = buildTextModel(model.root);
  const range = toRange(model, span.start, span.end);
  if (!range) throw new Error('span outside the text');
  const doc = model.root.ownerDocument;
  const end = doc.createElement(END);
  end.setAttribute('data-i', String(index));
  const endRange = range.cloneRange();
  endRange.collapse(false);
  endRange.insertNode(end);
  const start = doc.createElement(START);
  start.setAttribute('data-i', String(index));
  range.insertNode(start);
}

/** Where highlight `index` really is now, in the model of the (mutated) root. */
export function truthOf(model: TextModel, index: number): { start: number; end: number } | null {
  const start = model.root.querySelector(`${START}[data-i="${index}"]`);
  const end = model.root.querySelector(`${END}[data-i="${index}"]`);
  if (!start?.parentNode || !end?.parentNode) return null;
  const s = modelOffset(model, start.parentNode, [...start.parentNode.childNodes].indexOf(start));
  const e = modelOffset(model, end.parentNode, [...end.parentNode.childNodes].indexOf(end), 'end');
  return s === null || e === null ? null : { start: s, end: e };
}

/** Whether an element's text holds a truth sentinel (a highlighted passage). */
function holdsHighlight(element: Element): boolean {
  return !!element.querySelector(`${START}, ${END}`);
}

function blocks(root: Element): Element[] {
  return [...root.querySelectorAll('p, li, blockquote, h2, h3, pre, figure, table')];
}

const AD_TEXT = [
  'Advertisement. Subscribe now and save 50% on your first year of unlimited access.',
  'Sponsored: the one trick doctors do not want you to know about your morning coffee.',
  'Sign up for our newsletter to get the best stories of the week delivered to your inbox.',
];

/** Whether a node lies between the sentinels of a highlight (inserting there would change the passage itself). */
function insideHighlight(root: Element, node: Node): boolean {
  const starts = [...root.querySelectorAll(START)];
  return starts.some((start) => {
    const end = root.querySelector(`${END}[data-i="${start.getAttribute('data-i')}"]`);
    return (
      !!end &&
      !!(start.compareDocumentPosition(node) & 4 /* FOLLOWING */) &&
      !!(end.compareDocumentPosition(node) & 2 /* PRECEDING */)
    );
  });
}

/** Inserts 3 to 6 ad and newsletter blocks between paragraphs, never inside a highlighted passage. */
export function insertAds(root: Element, random: () => number): void {
  const doc = root.ownerDocument;
  const candidates = blocks(root).filter((block) => !holdsHighlight(block) && !insideHighlight(root, block));
  const n = randomInt(random, 3, 7);
  for (let i = 0; i < n && candidates.length; i++) {
    const target = candidates[randomInt(random, 0, candidates.length)]!;
    const ad = doc.createElement('div');
    ad.className = 'ad-slot';
    ad.innerHTML = `<p>${AD_TEXT[i % AD_TEXT.length]}</p>`;
    target.parentNode?.insertBefore(ad, random() < 0.5 ? target : target.nextSibling);
  }
}

/** Removes up to 3 paragraphs that hold no highlight. */
export function removeParagraphs(root: Element, random: () => number): void {
  const candidates = [...root.querySelectorAll('p')].filter((p) => !holdsHighlight(p));
  for (let i = 0; i < 3 && candidates.length; i++) {
    candidates.splice(randomInt(random, 0, candidates.length), 1)[0]!.remove();
  }
}

/** Re-flows white space and changes inline markup: indentation, `<b>`→`<strong>`, words wrapped in spans. */
export function reflowMarkup(root: Element, random: () => number): void {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 0x4);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const text of texts) {
    const parent = text.parentElement;
    if (!parent || /^(SCRIPT|STYLE|PRE|CODE|TEXTAREA)$/.test(parent.nodeName)) continue;
    if (random() < 0.3) text.data = text.data.replace(/ /g, () => (random() < 0.2 ? '\n      ' : ' '));
    if (random() < 0.15 && text.data.length > 20) {
      // Wrap a middle chunk in a span, as a redesign adding inline styling would.
      const cut = text.data.indexOf(' ', Math.floor(text.data.length / 2));
      if (cut > 0) {
        const rest = text.splitText(cut);
        const span = doc.createElement('span');
        span.className = 'x-wrap';
        rest.parentNode!.insertBefore(span, rest);
        span.appendChild(rest);
      }
    }
  }
  for (const bold of [...root.querySelectorAll('b')]) {
    const strong = doc.createElement('strong');
    while (bold.firstChild) strong.appendChild(bold.firstChild);
    bold.replaceWith(strong);
  }
}

/** Small edits inside highlighted text: a typo fixed, a word changed, punctuation altered (one per passage). */
export function editQuotes(root: Element, random: () => number): void {
  const doc = root.ownerDocument;
  const starts = [...root.querySelectorAll(START)];
  for (const start of starts) {
    if (random() < 0.5) continue;
    // The first text node after the start sentinel that is still inside the highlight.
    const walker = doc.createTreeWalker(root, 0x4);
    walker.currentNode = start;
    const text = walker.nextNode() as Text | null;
    if (!text || text.data.length < 8) continue;
    const at = randomInt(random, 1, text.data.length - 2);
    const kind = randomInt(random, 0, 3);
    text.data =
      kind === 0
        ? text.data.slice(0, at) + text.data.slice(at + 1) // a deleted character
        : kind === 1
          ? text.data.slice(0, at) + 'x' + text.data.slice(at + 1) // a changed character
          : text.data.slice(0, at) + ',' + text.data.slice(at); // inserted punctuation
  }
}

/** The named mutations, each a realistic change between two visits. */
export const MUTATIONS = { insertAds, removeParagraphs, reflowMarkup, editQuotes } as const;

/** Intersection over union of two ranges: 1 is the same text, 0 is none shared. */
export function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const shared = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return shared / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}
