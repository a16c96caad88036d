/** Small formatting helpers shared by the popup's views. */

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}
