/** Builders and a canonical form of marks for the sync tests. */
import fc from 'fast-check';
import { HybridClock, type Stamp } from '@/utils/sync/hlc';
import { type MarkOp, mergeMarks, NO_MARKS, type PaperMarks, stampOps, stampsOf } from '@/utils/sync/marks';
import { marksToJson } from '@/utils/sync/state-json';

export const BASE_WALL = Date.UTC(2026, 10, 1) / 1000;

export function stamp(offset: number, device = 'aaaa', counter = 0): Stamp {
  return { wall: BASE_WALL + offset, counter, device };
}

/** JSON of marks with tags and note versions in a fixed order, for equality. */
export function canonical(marks: PaperMarks): unknown {
  const json = marksToJson(marks);
  json.t?.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return json;
}

const devices = ['aaaa', 'bbbb', 'cccc'];

type Op = MarkOp;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('saved' as const), value: fc.option(fc.constant(BASE_WALL * 1000), { nil: null }) }),
  fc.record({ kind: fc.constant('read' as const), value: fc.option(fc.constant(BASE_WALL * 1000), { nil: null }) }),
  fc.record({ kind: fc.constant('tag' as const), tag: fc.constantFrom('ml', 'vision', 'to-read'), present: fc.boolean() }),
  fc.record({ kind: fc.constant('note' as const), text: fc.option(fc.constantFrom('one', 'two', 'three'), { nil: null }) }),
  fc.constant({ kind: 'delete' as const }),
);

/**
 * Marks as devices really make them: three devices editing one paper with their own clocks (stamps and
 * what a note replaces come from what each has seen), merging each other's state now and then. Gives
 * three snapshots taken along the way.
 */
export const historiesArb: fc.Arbitrary<[PaperMarks, PaperMarks, PaperMarks]> = fc
  .array(fc.oneof(fc.record({ device: fc.nat(2), op: opArb, advance: fc.nat(3) }), fc.record({ device: fc.nat(2), from: fc.nat(2) }), fc.record({ snapshot: fc.nat(2) })), { maxLength: 30 })
  .map((steps) => {
    const clocks = devices.map((device) => new HybridClock(device));
    const states: PaperMarks[] = devices.map(() => NO_MARKS);
    const snapshots: PaperMarks[] = [NO_MARKS, NO_MARKS, NO_MARKS];
    let now = BASE_WALL * 1000;
    for (const step of steps) {
      if ('op' in step) {
        now += step.advance * 1000;
        states[step.device] = mergeMarks(states[step.device]!, stampOps([step.op], clocks[step.device]!.tick(now), states[step.device]!));
      } else if ('from' in step) {
        for (const stamp of stampsOf(states[step.from]!)) clocks[step.device]!.receive(stamp, now);
        states[step.device] = mergeMarks(states[step.device]!, states[step.from]!);
      } else snapshots[step.snapshot] = states[step.snapshot]!;
    }
    return [mergeMarks(snapshots[0]!, states[0]!), states[1]!, snapshots[2] === NO_MARKS ? states[2]! : snapshots[2]!] as [PaperMarks, PaperMarks, PaperMarks];
  });
