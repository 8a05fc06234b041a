import { describe, expect, it } from 'vitest';
import { type LocalRecord, NOTE_CONFLICT_SEPARATOR, opsFromRecord, planApply, showMarks } from '@/utils/sync/local-edits';
import { mergeMarks, NO_MARKS, type PaperMarks, stampOps } from '@/utils/sync/marks';
import { stamp } from './marks-support';

const ID = '2501.01234';
const record = (fields: Partial<LocalRecord> = {}): LocalRecord => ({ title: 'Attention', authors: ['A. One', 'B. Two', 'C. Three', 'D. Four'], publishedAt: '2025-01-02T00:00:00.000Z', tags: [], ...fields });
const withOps = (marks: PaperMarks | undefined, local: LocalRecord | undefined, at: number) => mergeMarks(marks ?? NO_MARKS, stampOps(opsFromRecord(local, marks), stamp(at), marks));

describe('local edits → operations', () => {
  it('a paper never marked never enters the marks', () => {
    expect(opsFromRecord(record(), undefined)).toEqual([]);
    expect(opsFromRecord(undefined, undefined)).toEqual([]);
  });

  it('a newly marked paper gives its marks and its metadata (first three authors, year)', () => {
    const ops = opsFromRecord(record({ savedAt: 5_000, tags: ['ml'], note: 'good' }), undefined);
    expect(ops).toEqual([
      { kind: 'saved', value: 5_000 },
      { kind: 'tag', tag: 'ml', present: true },
      { kind: 'note', text: 'good' },
      { kind: 'meta', meta: { title: 'Attention', authors: ['A. One', 'B. Two', 'C. Three'], year: 2025 } },
    ]);
  });

  it('gives only what differs from the marks, and a delete only for a marked paper', () => {
    const marks = withOps(undefined, record({ savedAt: 5_000, tags: ['ml'] }), 0);
    expect(opsFromRecord(record({ savedAt: 9_000, tags: ['ml'] }), marks)).toEqual([]);
    expect(opsFromRecord(record({ savedAt: 5_000, tags: ['vision'] }), marks)).toEqual([
      { kind: 'tag', tag: 'vision', present: true },
      { kind: 'tag', tag: 'ml', present: false },
    ]);
    expect(opsFromRecord(undefined, marks)).toEqual([{ kind: 'delete' }]);
    const unmarked = withOps(marks, record(), 1);
    expect(opsFromRecord(undefined, unmarked)).toEqual([]);
  });
});

describe('merged marks → library changes', () => {
  it('applying the plan leaves nothing to send back (no echo)', () => {
    const marks = withOps(undefined, record({ savedAt: 5_000, readAt: 6_000, tags: ['ml', 'vision'], note: 'n' }), 0);
    const local = record({ tags: ['ml'] });
    const apply = planApply(ID, marks, local);
    expect(apply).toEqual({ kind: 'update', id: ID, changes: { savedAt: 5_000, readAt: 6_000, tags: ['ml', 'vision'], note: 'n' } });
    const applied = { ...local, ...(apply as { changes: Partial<LocalRecord> }).changes };
    expect(opsFromRecord(applied, marks)).toEqual([]);
    expect(planApply(ID, marks, applied)).toBeUndefined();
  });

  it('changes only what the marks hold a register for: a missing one is "not known", not "removed"', () => {
    const marks = withOps(withOps(undefined, record({ tags: ['ml', 'gone'] }), 0), record({ tags: ['ml'] }), 1);
    const apply = planApply(ID, marks, record({ savedAt: 7_000, note: 'mine', tags: ['gone', 'local-only'] }));
    // 'gone' was removed elsewhere; 'local-only', the save and the note were never synced: kept (the next local change sends them).
    expect(apply).toEqual({ kind: 'update', id: ID, changes: { tags: ['local-only', 'ml'] } });
  });

  it('keeps the local date of a mark both sides have', () => {
    const marks = withOps(undefined, record({ savedAt: 5_000 }), 0);
    expect(planApply(ID, marks, record({ savedAt: 1 }))).toBeUndefined();
  });

  it('creates a paper the library lacks from the metadata that travelled', () => {
    const marks = withOps(undefined, record({ tags: ['ml'] }), 0);
    expect(planApply(ID, marks, undefined)).toEqual({ kind: 'create', id: ID, meta: { title: 'Attention', authors: ['A. One', 'B. Two', 'C. Three'], year: 2025 }, changes: { tags: ['ml'] } });
  });

  it('a remote deletion removes a marked paper, and leaves a paper only seen here', () => {
    const marks = withOps(undefined, record({ savedAt: 5_000 }), 0);
    const deleted = mergeMarks(marks, stampOps([{ kind: 'delete' }], stamp(3, 'bbbb')));
    expect(planApply(ID, deleted, record({ savedAt: 5_000 }))).toEqual({ kind: 'delete', id: ID });
    expect(planApply(ID, deleted, record())).toBeUndefined();
  });

  it('shows a note conflict as both versions, and editing that text resolves it', () => {
    const start = stampOps([{ kind: 'note', text: 'draft' }], stamp(0, 'aaaa'));
    const both = mergeMarks(mergeMarks(start, stampOps([{ kind: 'note', text: 'A' }], stamp(5, 'aaaa'), start)), stampOps([{ kind: 'note', text: 'B' }], stamp(5, 'bbbb'), start));
    const shown = showMarks(both);
    expect(shown.note).toBe(`A${NOTE_CONFLICT_SEPARATOR}B`);
    expect(shown.noteConflict).toBe(true);
    expect(opsFromRecord(record({ note: shown.note }), both)).toEqual([]);
    const edited = withOps(both, record({ note: 'A and B' }), 9);
    expect(showMarks(edited)).toMatchObject({ note: 'A and B', noteConflict: false });
  });
});
