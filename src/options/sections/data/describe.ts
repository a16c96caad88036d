/** Counts and times as the Data section words them. */
import type { KindSummary, RecordCounts } from '../../../shared/messages';

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** "3 threads, 12 comments, 1 user and 5 tags". */
export function describeCounts(counts: RecordCounts): string {
  const parts = [
    plural(counts.threads, 'thread'),
    plural(counts.comments, 'comment'),
    plural(counts.users, 'user'),
    plural(counts.tags, 'tag'),
  ];
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** "300 new, 35 updated, 5 older ignored" — only what happens, or "nothing". */
export function describeKind(summary: KindSummary): string {
  const parts: string[] = [];
  if (summary.new) parts.push(`${summary.new.toLocaleString('en')} new`);
  if (summary.updated) parts.push(`${summary.updated.toLocaleString('en')} updated`);
  if (summary.unchanged) parts.push(`${summary.unchanged.toLocaleString('en')} already here`);
  if (summary.older) parts.push(`${summary.older.toLocaleString('en')} older ignored`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function percent({ done, total }: { done: number; total: number }): number | undefined {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : undefined;
}
