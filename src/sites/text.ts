/**
 * Reading text out of the forum's markup, within bounds: a page may hold a comment of 100,000
 * characters or of 100,000 nested elements, and Threadnote keeps at most a 280-character quote
 * and a one-line excerpt of it. The walk follows sibling and parent links, so it needs neither
 * recursion nor a stack however deep the markup goes, and stops after `NODE_BUDGET` nodes or
 * once it holds `TEXT_LIMIT` characters, so it never reads (nor asks the browser to gather, as
 * `textContent` or `innerText` would) more of a comment than is kept.
 */

/**
 * The most characters read from one element: several times the longest piece any caller keeps
 * (the 280-character quote), so a comment's marker or first paragraphs are always whole.
 */
export const TEXT_LIMIT = 2_000;

/**
 * The most nodes visited in one element. Real comments have a few hundred; the walk gives up on
 * markup that holds thousands of elements before its words.
 */
export const NODE_BUDGET = 5_000;

/** Raw characters taken in before whitespace is squeezed: runs of spaces count, up to this. */
const RAW_LIMIT = 8 * TEXT_LIMIT;

const BLOCKS = new Set([
  'P',
  'PRE',
  'DIV',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'TABLE',
  'TR',
  'ASIDE',
  'SECTION',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
]);

/** Elements whose text no reader sees. */
const UNREAD = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);

/** Paragraphs gathered with their whitespace squeezed, up to a number of characters. */
class Paragraphs {
  private readonly done: string[] = [];
  private current = '';
  private length = 0;
  private rawLeft = RAW_LIMIT;

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.length + this.current.length >= this.limit || this.rawLeft <= 0;
  }

  add(raw: string): void {
    const taken = raw.slice(0, this.rawLeft);
    this.rawLeft -= taken.length;
    const squeezed = taken.replace(/\s+/g, ' ');
    this.current +=
      this.current.endsWith(' ') && squeezed.startsWith(' ') ? squeezed.slice(1) : squeezed;
  }

  /** Ends the paragraph being read, if it has any words. */
  flush(): void {
    const text = this.current.trim();
    this.current = '';
    if (!text) return;
    this.length += text.length + (this.done.length > 0 ? 2 : 0);
    this.done.push(text);
  }

  text(): string {
    this.flush();
    return this.done.join('\n\n').slice(0, this.limit);
  }
}

function isBlock(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE && BLOCKS.has((node as Element).tagName);
}

/**
 * The text of a comment with its paragraphs kept, separated by blank lines, whatever the forum
 * wraps them in (HN leaves the first paragraph bare, others use <p>, quotes nest blocks), cut at
 * `limit` characters. Elements matching `skip` (controls inside the text) are left out.
 */
export function plainText(node: Element | null, skip?: string, limit = TEXT_LIMIT): string {
  if (!node) return '';
  const paragraphs = new Paragraphs(limit);
  let visited = 0;
  let current: Node | null = node.firstChild;
  while (current && visited < NODE_BUDGET && !paragraphs.full) {
    visited++;
    let enter = false;
    let skipped = false;
    if (current.nodeType === Node.TEXT_NODE) {
      paragraphs.add((current as Text).data);
    } else if (current.nodeType === Node.ELEMENT_NODE) {
      const element = current as Element;
      skipped = UNREAD.has(element.tagName) || (skip !== undefined && element.matches(skip));
      if (skipped) {
        // Left out whole, as if it were not there.
      } else if (element.tagName === 'BR') {
        paragraphs.add(' ');
      } else {
        if (BLOCKS.has(element.tagName)) paragraphs.flush();
        enter = true;
      }
    }
    const first = enter ? current.firstChild : null;
    if (first) {
      current = first;
      continue;
    }
    // Leave the node, and every element it closes, up to the next sibling: a block ends a
    // paragraph where it ends as where it starts.
    let next: Node | null = null;
    for (let leaving: Node | null = current; leaving && leaving !== node;) {
      if (!skipped && isBlock(leaving)) paragraphs.flush();
      skipped = false;
      next = leaving.nextSibling;
      if (next) break;
      leaving = leaving.parentNode;
    }
    current = next;
  }
  return paragraphs.text();
}

/** Trimmed text with whitespace squeezed, or null when there is none (names, titles). */
export function textOf(node: Element | null | undefined): string | null {
  const text = node ? plainText(node).replace(/\n\n/g, ' ') : '';
  return text ? text : null;
}
