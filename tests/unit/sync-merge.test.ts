// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { editComments } from '../../src/background/edits';
import { mergePayloads } from '../../src/background/sync/merge';
import { toRecord, type CommentPayload } from '../../src/background/sync/payload';
import type { CommentOp } from '../../src/shared/operations';
import { commentRef } from './helpers';
import { createDatabase, device, serverForSuite, tick, type Device } from './sync-kit';

vi.setConfig({ testTimeout: 600_000 });

const server = serverForSuite();

const info = { thread: 'hn:1', author: 'a', url: 'u', quote: 'q', createdAt: 't0' };
function comment(partial: Partial<CommentPayload>): CommentPayload {
  return {
    kind: 'comment',
    key: 'hn:2',
    info,
    tags: {},
    note: { text: '', at: 't0', baseAt: null },
    fold: { value: 'none', at: 't0' },
    conflicts: [],
    ...partial,
  };
}

describe('merge of conflicting revisions', () => {
  it('unites tags by their newest change, keeps the older note as a version, takes the newer fold', () => {
    const a = comment({
      tags: { kept: ['t1', true], dropped: ['t3', false] },
      note: { text: 'from a', at: 't2', baseAt: null },
      fold: { value: 'collapsed', at: 't2' },
    });
    const b = comment({
      tags: { dropped: ['t2', true], added: ['t2', true] },
      note: { text: 'from b', at: 't3', baseAt: null },
      fold: { value: 'hidden', at: 't1' },
    });
    for (const merged of [mergePayloads([a, b]), mergePayloads([b, a])]) {
      expect(toRecord(merged)).toMatchObject({
        tags: ['kept', 'added'],
        note: 'from b',
        fold: 'collapsed',
        conflicts: [{ note: 'from a', updatedAt: 't2' }],
      });
    }
  });

  it('keeps a version dismissed on one side dismissed, whatever the other side still had', () => {
    const kept = { note: 'old', updatedAt: 't1' };
    const dismissing = comment({
      note: { text: 'new', at: 't2', baseAt: null },
      dismissed: { old: 't3' },
    });
    const stale = comment({
      tags: { later: ['t4', true] },
      note: { text: 'new', at: 't2', baseAt: null },
      conflicts: [kept],
    });
    for (const merged of [mergePayloads([dismissing, stale]), mergePayloads([stale, dismissing])]) {
      expect(toRecord(merged)).not.toHaveProperty('conflicts');
      expect(toRecord(merged)).toMatchObject({ tags: ['later'], note: 'new' });
      expect(merged).toMatchObject({ dismissed: { old: 't3' } });
    }
    // The same text written again after its dismissal is a new version, and is kept.
    const rewritten = comment({
      note: { text: 'newest', at: 't6', baseAt: 't2' },
      conflicts: [{ note: 'old', updatedAt: 't5' }],
    });
    expect(toRecord(mergePayloads([dismissing, rewritten]))).toMatchObject({
      note: 'newest',
      conflicts: [{ note: 'old', updatedAt: 't5' }],
    });
  });

  it('does not keep a text that the newer writer replaced having seen it', () => {
    const a = comment({ note: { text: 'old', at: 't1', baseAt: null } });
    const b = comment({ note: { text: 'new', at: 't2', baseAt: 't1' } });
    expect(toRecord(mergePayloads([a, b]))).not.toHaveProperty('conflicts');
  });
});

const KEYS = ['1', '2'] as const;
type Command =
  | {
      type: 'edit';
      replica: number;
      comment: number;
      op: 'add' | 'remove' | 'note' | 'fold' | 'dismiss';
      value: number;
    }
  | { type: 'sync'; replica: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    type: fc.constant('edit' as const),
    replica: fc.nat(2),
    comment: fc.nat(1),
    op: fc.constantFrom(
      'add' as const,
      'remove' as const,
      'note' as const,
      'fold' as const,
      'dismiss' as const,
    ),
    value: fc.nat(2),
  }),
  fc.record({ type: fc.constant('sync' as const), replica: fc.nat(2) }),
);

describe('three replicas, any interleaving of edits and syncs', () => {
  it('converge; no saved note text is lost unless a writer replaced it having seen it or dismissed it; a dismissed version stays dismissed', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
        const target = await createDatabase(server, `property-${run++}`);
        const first = await device(target, 'three replicas');
        const replicas: Device[] = [first, await device(target, 'three replicas', first.keys)];
        replicas.push(await device(target, 'three replicas', first.keys));
        const saved = new Set<string>();
        const replaced = new Set<string>();
        const dismissed = new Set<string>();
        let texts = 0;
        // A start where every replica keeps a version of comment 1's note, so that dismissals
        // have something to dismiss: replicas 0 and 1 write it without seeing each other.
        for (const [index, replica] of replicas.slice(0, 2).entries()) {
          const note = `first text on replica ${index}`;
          saved.add(note);
          await editComments(
            replica.db,
            [{ comment: commentRef('1'), ops: [{ op: 'note.set', note, base: '' }] }],
            tick(),
          );
        }
        for (let round = 0; round < 2; round++)
          for (const replica of replicas) await replica.sync();
        for (const step of commands) {
          const replica = replicas[step.replica] as Device;
          if (step.type === 'sync') {
            await replica.sync();
            continue;
          }
          const id = KEYS[step.comment] ?? '1';
          const key = `hn:${id}`;
          const stored = await replica.db.get('comments', key);
          let op: CommentOp;
          if (step.op === 'add') op = { op: 'tag.add', tag: `tag-${step.value}` };
          else if (step.op === 'remove') op = { op: 'tag.remove', tag: `tag-${step.value}` };
          else if (step.op === 'fold')
            op = {
              op: 'fold.set',
              fold: (['none', 'collapsed', 'hidden'] as const)[step.value] ?? 'none',
            };
          else if (step.op === 'dismiss') {
            // Dismisses one of the versions this replica keeps, as the note's “dismiss” does.
            const conflicts = stored?.conflicts ?? [];
            const version = conflicts[step.value % Math.max(1, conflicts.length)];
            if (!version) continue;
            dismissed.add(version.note);
            op = { op: 'note.dismiss', version: version.updatedAt };
          } else {
            const note = `text ${texts++} on replica ${step.replica}`;
            saved.add(note);
            if (stored?.note) replaced.add(stored.note);
            op = { op: 'note.set', note, base: stored?.note ?? '' };
          }
          await editComments(replica.db, [{ comment: commentRef(id), ops: [op] }], tick());
        }
        // Two rounds: every replica's changes reach the server, then every replica reads them all.
        for (let round = 0; round < 2; round++)
          for (const replica of replicas) await replica.sync();
        const states = await Promise.all(replicas.map((replica) => replica.db.getAll('comments')));
        expect(states[1]).toEqual(states[0]);
        expect(states[2]).toEqual(states[0]);
        const kept = new Set(
          (states[0] ?? []).flatMap((record) => [
            record.note,
            ...(record.conflicts ?? []).map((v) => v.note),
          ]),
        );
        for (const text of saved) {
          if (!replaced.has(text) && !dismissed.has(text)) expect(kept).toContain(text);
        }
        // Every text is written once, so a dismissed one never comes back as a kept version.
        const versions = (states[0] ?? []).flatMap((record) => record.conflicts ?? []);
        for (const version of versions) expect(dismissed).not.toContain(version.note);
      }),
      { numRuns: 25 },
    );
  });
});
