import type { DBSchema } from 'idb';
import type { Draft } from '../shared/messages';
import type { SearchEntry } from './search';
import type { ThreadStats } from './thread-stats';
import type {
  CommentAnnotation,
  Settings,
  Tag,
  ThreadRecord,
  UserAnnotation,
} from '../shared/model';

/** The current shape of the database, as the last migration leaves it. */
export interface ThreadnoteSchema extends DBSchema {
  comments: {
    key: string;
    value: CommentAnnotation;
    indexes: { thread: string; tags: string; author: string; updatedAt: string };
  };
  users: {
    key: string;
    value: UserAnnotation;
    indexes: { tags: string; name: string; updatedAt: string };
  };
  tags: { key: string; value: Tag };
  settings: { key: 'settings'; value: Settings };
  search: {
    key: string;
    value: SearchEntry;
    indexes: { timedTerms: string; updatedAt: string };
  };
  drafts: { key: string; value: Draft };
  threads: {
    key: string;
    value: ThreadRecord;
    indexes: { lastVisitedAt: string };
  };
  threadStats: {
    key: string;
    value: ThreadStats;
    indexes: {
      activity: [string, string];
      site: [string, string, string];
      tagActivity: string;
      siteTagActivity: string;
    };
  };
}
