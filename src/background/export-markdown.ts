/**
 * Markdown for reading, on GitHub, in Obsidian or any CommonMark viewer. Everything the reader or
 * a forum wrote is escaped, so a note or a quote shows as the text it is and can never become a
 * link, an image, HTML, a heading, a table or an Obsidian tag, comment or highlight.
 */
import type { CommentAnnotation, ExportedThread, UserAnnotation } from '../shared/model';

/** CommonMark's backslash escapes, for every character that means something inline. */
const INLINE_SPECIAL = /[\\`*_[\]<>&|~#=$%]/g;

function escapeLine(line: string): string {
  const escaped = line.replace(INLINE_SPECIAL, (char) => `\\${char}`);
  // Leading blanks would make an indented code block: keep them visible but inert.
  const indented = escaped.replace(/^[ \t]+/, (blanks) => '\u00a0'.repeat(blanks.length));
  return indented.replace(/^([+-])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** One line of text inside a heading or a sentence: whitespace runs become single spaces. */
export function escapeInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(INLINE_SPECIAL, (char) => `\\${char}`);
}

/**
 * A block of text as paragraphs: blank lines separate them, and single line breaks stay line
 * breaks (a trailing backslash, CommonMark's hard break) rather than joining into one line.
 */
export function escapeBlock(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (out.length > 0 && out.at(-1) !== '') out.push('');
      continue;
    }
    const previous = out.length - 1;
    if (previous >= 0 && out[previous] !== '') out[previous] += '\\';
    out.push(escapeLine(line));
  }
  if (out.at(-1) === '') out.pop();
  return out;
}

/** Inline code that holds any text, backticks included. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A link only for http(s) URLs; the angle-bracket form keeps parentheses in URLs intact. */
export function link(label: string, url: string): string {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return label;
  return `[${label}](<${new URL(url).href}>)`;
}

/** `2026-11-29 10:00 UTC`: the same everywhere, whatever the reader's time zone. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

function tagList(tags: readonly string[]): string {
  return tags.map(codeSpan).join(' ');
}

export function markdownHeader(
  exportedAt: string,
  counts: { threads: number; comments: number; users: number },
): string {
  const parts = [
    `Exported ${formatTime(exportedAt)}`,
    plural(counts.threads, 'thread'),
    plural(counts.comments, 'annotated comment'),
    plural(counts.users, 'user'),
  ];
  const empty = counts.comments + counts.users === 0 ? '\nNothing is annotated yet.\n' : '';
  return `# Threadnote export\n\n${parts.join(' · ')}\n${empty}`;
}

export function markdownThread(thread: ExportedThread, siteName: string): string {
  const title = escapeInline(thread.title) || escapeInline(thread.key);
  const facts = [
    escapeInline(siteName),
    `first visited ${formatTime(thread.firstVisitedAt)}`,
    `last visited ${formatTime(thread.lastVisitedAt)}`,
  ];
  return `\n## ${link(title, thread.url)}\n\n${facts.join(' · ')}\n`;
}

export function markdownComment(comment: CommentAnnotation): string {
  const lines = [`### ${escapeInline(comment.author) || 'unknown author'}`, ''];
  const facts = [link('Comment', comment.url)];
  if (comment.tags.length > 0) facts.push(`tags ${tagList(comment.tags)}`);
  if (comment.fold !== 'none') facts.push(comment.fold);
  facts.push(`updated ${formatTime(comment.updatedAt)}`);
  lines.push(facts.join(' · '), '');
  const quote = escapeBlock(comment.quote);
  if (quote.length > 0) lines.push(...quote.map((line) => (line ? `> ${line}` : '>')), '');
  const note = escapeBlock(comment.note);
  if (note.length > 0) lines.push(...note, '');
  return `\n${lines.join('\n')}`;
}

export function markdownUsersHeading(): string {
  return '\n## Users\n';
}

export function markdownUser(user: UserAnnotation, siteName: string): string {
  const lines = [`### ${escapeInline(user.name) || escapeInline(user.key)}`, ''];
  const facts = [`${escapeInline(siteName)} user`];
  if (user.tags.length > 0) facts.push(`tags ${tagList(user.tags)}`);
  facts.push(`updated ${formatTime(user.updatedAt)}`);
  lines.push(facts.join(' · '), '');
  const note = escapeBlock(user.note);
  if (note.length > 0) lines.push(...note, '');
  return `\n${lines.join('\n')}`;
}
