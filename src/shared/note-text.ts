/**
 * How a note is shown: as text, with http(s) URLs as links and line breaks kept. Nothing in a
 * note is ever parsed as HTML, and characters that reorder text (bidi overrides, isolates) are
 * dropped from the display so a note cannot disguise itself or its links.
 */
export type NotePart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Closing punctuation that usually ends a sentence, not the URL. */
const TRAILING = /[.,;:!?)\]}'"]+$/;

export function displayText(note: string): string {
  return note.replace(BIDI_CONTROLS, '');
}

export function noteParts(note: string): NotePart[] {
  const text = displayText(note);
  const parts: NotePart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const raw = match[0];
    const trimmed = raw.replace(TRAILING, '');
    let href: string;
    try {
      const parsed = new URL(trimmed);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
      href = parsed.href;
    } catch {
      continue;
    }
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: trimmed, href });
    last = start + trimmed.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The first line of a note, for showing next to a user's name. */
export function firstLine(note: string): string {
  return displayText(note).split('\n', 1)[0]?.trim() ?? '';
}
