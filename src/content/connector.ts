/**
 * The content script's only way to the worker: every call it makes, by name. The session takes a
 * ContentConnector, so unit tests hand it a fake worker instead of mocking the messaging module.
 */
import type { WorkerInput, WorkerOutput } from '../shared/messages';
import { callWorker } from '../shared/messaging';

export interface ContentConnector {
  /** Before the page is parsed: how many folds the thread has, and whether the site is off. */
  early(input: WorkerInput<'page.early'>): Promise<WorkerOutput<'page.early'>>;
  /** The stored state of the page's threads and users; records the visit when one is given. */
  openPage(input: WorkerInput<'page.open'>): Promise<WorkerOutput<'page.open'>>;
  editComments(input: WorkerInput<'comments.edit'>): Promise<WorkerOutput<'comments.edit'>>;
  editUser(input: WorkerInput<'user.edit'>): Promise<WorkerOutput<'user.edit'>>;
  getDraft(key: string): Promise<WorkerOutput<'draft.get'>>;
  saveDraft(key: string, text: string): Promise<void>;
  deleteDraft(key: string): Promise<void>;
  /** Has the worker inject the UI script into this frame (./lazy/load.ts waits for it). */
  loadUi(): Promise<void>;
  /** The first-run hint was dismissed: no page shows it again. */
  dismissHint(): Promise<void>;
}

export const workerConnector: ContentConnector = {
  early: (input) => callWorker('page.early', input),
  openPage: (input) => callWorker('page.open', input),
  editComments: (input) => callWorker('comments.edit', input),
  editUser: (input) => callWorker('user.edit', input),
  getDraft: (key) => callWorker('draft.get', { key }),
  saveDraft: async (key, text) => {
    await callWorker('draft.save', { key, text });
  },
  deleteDraft: async (key) => {
    await callWorker('draft.delete', { key });
  },
  loadUi: async () => {
    await callWorker('ui.load', {});
  },
  dismissHint: async () => {
    await callWorker('hint.dismiss', {});
  },
};
