/** The part of PouchDB 9's API that sync uses (the packages ship no types of their own). */
declare module 'pouchdb-core' {
  export interface PouchDoc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    _conflicts?: string[];
    [field: string]: unknown;
  }
  export interface PouchWriteResult {
    ok?: boolean;
    id: string;
    rev?: string;
    error?: string;
    status?: number;
    reason?: string;
  }
  export interface PouchChange {
    id: string;
    seq: number | string;
    deleted?: boolean;
    doc?: PouchDoc;
  }
  export interface PouchReplication extends Promise<{ ok: boolean; docs_written: number }> {
    on(event: 'change', listener: (info: { docs_written: number }) => void): this;
    cancel(): void;
  }
  export interface ReplicationOptions {
    batch_size?: number;
    batches_limit?: number;
    retry?: false;
    live?: false;
  }
  export interface PouchDatabase {
    name: string;
    get(id: string, options?: { conflicts?: boolean; rev?: string }): Promise<PouchDoc>;
    put(doc: PouchDoc): Promise<PouchWriteResult>;
    allDocs(options: {
      keys?: string[];
      include_docs?: boolean;
      conflicts?: boolean;
    }): Promise<{ rows: { id: string; key: string; doc?: PouchDoc | null; error?: string }[] }>;
    bulkDocs(docs: PouchDoc[]): Promise<PouchWriteResult[]>;
    changes(options: {
      since: number | string;
      limit?: number;
      include_docs?: boolean;
      conflicts?: boolean;
    }): Promise<{ results: PouchChange[]; last_seq: number | string }>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    compact(): Promise<unknown>;
    close(): Promise<void>;
    destroy(): Promise<void>;
    replicate: {
      to(target: PouchDatabase, options?: ReplicationOptions): PouchReplication;
      from(source: PouchDatabase, options?: ReplicationOptions): PouchReplication;
    };
  }
  export interface PouchOptions {
    adapter?: string;
    auth?: { username: string; password: string };
    skip_setup?: boolean;
    revs_limit?: number;
    auto_compaction?: boolean;
    fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
  }
  export interface PouchStatic {
    new (name: string, options?: PouchOptions): PouchDatabase;
    plugin(plugin: unknown): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-indexeddb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
