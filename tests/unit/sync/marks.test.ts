import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeMarks, NO_MARKS, type PaperMarks, stampOps } from '@/utils/sync/marks';
import { showMarks } from '@/utils/sync/local-edits';
import { canonical, historiesArb, stamp } from './marks-support';

const merge = (...all: PaperMarks[]) => all.reduce((a, b) => mergeMarks(a, b), NO_MARKS);

describe('merging marks', () => {
  it('is commutative, associative and idempotent (marks as devices make them)', () => {
    fc.assert(
      fc.property(historiesArb, ([a, b, c]) => {
        expect(canonical(merge(a, b))).toEqual(canonical(merge(b, a)));
        expect(canonical(mergeMarks(merge(a, b), c))).toEqual(canonical(mergeMarks(a, merge(b, c))));
        const ab = merge(a, b);
        expect(canonical(mergeMarks(ab, ab))).toEqual(canonical(ab));
        expect(canonical(mergeMarks(ab, a))).toEqual(canonical(ab));
      }),
      { numRuns: 500 },
    );
  });

  it('saved and read: the later stamp wins, the device id breaking a tie', () => {
    const a = stampOps([{ kind: 'saved', value: 1_000 }], stamp(1, 'aaaa'));
    const b = stampOps([{ kind: 'saved', value: null }], stamp(1, 'bbbb'));
    expect(merge(a, b).saved?.value).toBeNull();
    expect(merge(b, a).saved?.value).toBeNull();
    const later = stampOps([{ kind: 'saved', value: 5_000 }], stamp(2, 'aaaa'));
    expect(merge(a, b, later).saved?.value).toBe(5_000);
  });

  it('a tag added on one device and another removed on the other both hold', () => {
    const both = stampOps([{ kind: 'tag', tag: 'ml', present: true }, { kind: 'tag', tag: 'old', present: true }], stamp(0, 'aaaa'));
    const addOnA = stampOps([{ kind: 'tag', tag: 'vision', present: true }], stamp(5, 'aaaa'));
    const removeOnB = stampOps([{ kind: 'tag', tag: 'old', present: false }], stamp(5, 'bbbb'));
    expect(showMarks(merge(both, addOnA, removeOnB)).tags.sort()).toEqual(['ml', 'vision']);
  });

  it('a note edited on two devices at once keeps both versions; an edit that saw both resolves them', () => {
    const start = stampOps([{ kind: 'note', text: 'draft' }], stamp(0, 'aaaa'));
    const onA = stampOps([{ kind: 'note', text: 'from A' }], stamp(5, 'aaaa'), start);
    const onB = stampOps([{ kind: 'note', text: 'from B' }], stamp(5, 'bbbb'), start);
    const conflict = merge(start, onA, onB);
    expect(conflict.notes.map((version) => version.text)).toEqual(['from A', 'from B']);
    const shown = showMarks(conflict);
    expect(shown.noteConflict).toBe(true);
    expect(shown.note).toContain('from A');
    expect(shown.note).toContain('from B');
    const resolved = stampOps([{ kind: 'note', text: 'merged by hand' }], stamp(9, 'cccc'), conflict);
    expect(merge(conflict, resolved).notes.map((version) => version.text)).toEqual(['merged by hand']);
    // A device holding only the first version drops it on meeting the resolution (which saw it through B's).
    expect(merge(start, onA, resolved).notes.map((version) => version.text)).toEqual(['merged by hand']);
  });

  it('a version replaced through a chain of edits is dropped where only the end of the chain arrives', () => {
    const u = stampOps([{ kind: 'note', text: 'u' }], stamp(0, 'aaaa'));
    const v = stampOps([{ kind: 'note', text: 'v' }], stamp(1, 'bbbb'), u);
    const w = stampOps([{ kind: 'note', text: 'w' }], stamp(2, 'cccc'), v);
    expect(merge(u, w).notes.map((version) => version.text)).toEqual(['w']);
  });

  it('a deletion erases the marks stamped before it; marks stamped after it stand', () => {
    const marked = stampOps([{ kind: 'saved', value: 1_000 }, { kind: 'tag', tag: 'ml', present: true }, { kind: 'note', text: 'n' }], stamp(0, 'aaaa'));
    const deleted = stampOps([{ kind: 'delete' }], stamp(5, 'bbbb'));
    const taggedAfter = stampOps([{ kind: 'tag', tag: 'vision', present: true }], stamp(6, 'aaaa'));
    const merged = merge(marked, deleted, taggedAfter);
    expect(merged.saved).toBeUndefined();
    expect(merged.notes).toEqual([]);
    expect([...merged.tags.keys()]).toEqual(['vision']);
    expect(merge(taggedAfter, deleted, marked)).toEqual(merged);
  });

  it('dates travel in whole seconds', () => {
    expect(stampOps([{ kind: 'read', value: 1_234_567 }], stamp(0)).read?.value).toBe(1_234_000);
  });
});
