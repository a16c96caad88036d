/**
 * The options page's only way to the extension. Sections take an OptionsConnector, so tests can
 * hand them a mock instead of a browser.
 */
import type { TagChange } from '../shared/messages';
import { callWorker } from '../shared/messaging';
import type { Settings, Tag, TagUsage } from '../shared/model';

export interface OptionsConnector {
  tags(): Promise<Tag[]>;
  usage(): Promise<TagUsage[]>;
  settings(): Promise<Settings>;
  updateTag(name: string, patch: { color?: string; description?: string }): Promise<Tag>;
  renameTag(from: string, to: string): Promise<TagChange>;
  mergeTags(from: string[], into: string): Promise<TagChange>;
  deleteTag(name: string): Promise<TagChange>;
  setQuickTags(quickTags: string[]): Promise<Settings>;
}

export const extensionConnector: OptionsConnector = {
  tags: () => callWorker('tags.list', {}),
  usage: () => callWorker('tags.usage', {}),
  settings: () => callWorker('settings.get', {}),
  updateTag: (name, patch) => callWorker('tags.update', { name, patch }),
  renameTag: (from, to) => callWorker('tags.rename', { from, to }),
  mergeTags: (from, into) => callWorker('tags.merge', { from, into }),
  deleteTag: (name) => callWorker('tags.delete', { name }),
  setQuickTags: (quickTags) => callWorker('settings.update', { quickTags }),
};
