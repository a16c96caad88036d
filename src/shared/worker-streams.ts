/**
 * Messages that extension pages send over a long-lived port (`runtime.connect`), for transfers too
 * big for one message. Each port carries one stream, named `threadnote:<stream>`, declared here
 * once: the schema of what the page sends and who may open it. What the worker sends back is typed
 * in `StreamOutputs` (messages.ts). As with worker-calls.ts, pages import only the types.
 */
import * as v from 'valibot';
import { MAX_IMPORT_CHUNK, type StreamOutputs } from './messages';
import { EXPORT_FORMATS } from './model';
import { key, tagName } from './field-schemas';
import type { CallerKind } from './worker-calls';

/** A stream as the router uses it, for page messages of type `I` (once parsed). */
export interface WorkerStreamSpec<I> {
  schema: v.GenericSchema<unknown, I>;
  callers: readonly CallerKind[];
}

function defineStream<S extends v.GenericSchema>(definition: {
  schema: S;
  callers: readonly CallerKind[];
}): WorkerStreamSpec<v.InferOutput<S>> {
  return definition;
}

const MAX_SELECTED = 100_000;

const exportSelectionSchema = v.strictObject({
  threads: v.pipe(v.array(key), v.maxLength(MAX_SELECTED)),
  tags: v.pipe(v.array(tagName), v.maxLength(MAX_SELECTED)),
});

// Both streams carry everything stored, so only the extension's own pages open them.
export const workerStreams = {
  /** `start` once, then `next` after each chunk, so the worker never runs ahead of the page. */
  export: defineStream({
    schema: v.variant('kind', [
      v.strictObject({
        kind: v.literal('start'),
        format: v.picklist(EXPORT_FORMATS),
        selection: v.nullable(exportSelectionSchema),
      }),
      v.strictObject({ kind: v.literal('next') }),
    ]),
    callers: ['extension'],
  }),
  /** The file's text in chunks, each acknowledged, then `end` with what to do with it. */
  import: defineStream({
    schema: v.variant('kind', [
      v.strictObject({
        kind: v.literal('chunk'),
        text: v.pipe(v.string(), v.maxLength(MAX_IMPORT_CHUNK)),
      }),
      v.strictObject({ kind: v.literal('end'), mode: v.picklist(['preview', 'apply']) }),
    ]),
    callers: ['extension'],
  }),
};

export type WorkerStream = keyof typeof workerStreams;
export type StreamInputs = {
  [K in WorkerStream]: (typeof workerStreams)[K] extends WorkerStreamSpec<infer I> ? I : never;
};
export type StreamInput<K extends WorkerStream> = StreamInputs[K];
export type StreamOutput<K extends WorkerStream> = StreamOutputs[K];
/** Threads and tags to export; a null selection means everything. */
export type ExportSelection = v.InferOutput<typeof exportSelectionSchema>;
