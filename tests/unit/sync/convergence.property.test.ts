/**
 * Property tests of the whole core: random edits on 2–4 simulated devices with skewed clocks, items
 * delivered in random order, duplicated, delayed (older values delivered after newer ones too); then
 * everything is delivered. Every device must show the same marks, and every edit that no later edit to
 * the same field (or a later deletion) overwrote must be there. Time sometimes jumps past the tombstones'
 * minimum age (every device's items delivered meanwhile), so clean-up happens mid-scenario too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOMBSTONE_MIN_AGE_MS } from '@/utils/sync/engine';
import { compareStamps, type Stamp } from '@/utils/sync/hlc';
import { type LocalRecord, opsFromRecord } from '@/utils/sync/local-edits';
import type { MarkOp } from '@/utils/sync/marks';
import { type Delivery, deliverAll, SimDevice, settle, userView } from './simulation';

const IDS = ['2501.00001', '2501.00002', '2502.10003', 'hep-th/9901001'];
const TAGS = ['ml', 'to-read', 'vision'];
const START = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;
/** Past the tombstones' minimum age: clean-up may happen mid-scenario. */
const JUMP = TOMBSTONE_MIN_AGE_MS + 24 * HOUR;

type Edit =
  | { kind: 'saved'; on: boolean }
  | { kind: 'read'; on: boolean }
  | { kind: 'tag'; tag: string; on: boolean }
  | { kind: 'note'; text: string | undefined }
  | { kind: 'delete' };

type Step =
  | { kind: 'edit'; device: number; paper: number; edit: Edit; advance: number }
  | { kind: 'write'; device: number }
  | { kind: 'deliver'; pick: number; duplicate: boolean; keep: boolean }
  | { kind: 'sync'; device: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('saved' as const), on: fc.boolean() }),
  fc.record({ kind: fc.constant('read' as const), on: fc.boolean() }),
  fc.record({ kind: fc.constant('tag' as const), tag: fc.constantFrom(...TAGS), on: fc.boolean() }),
  fc.record({ kind: fc.constant('note' as const), text: fc.option(fc.constantFrom('alpha', 'beta', 'gamma note'), { nil: undefined }) }),
  fc.constant({ kind: 'delete' as const }),
);

const step = (devices: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), device: fc.nat(devices - 1), paper: fc.nat(IDS.length - 1), edit, advance: fc.oneof({ weight: 9, arbitrary: fc.nat(90_000) }, { weight: 1, arbitrary: fc.constant(JUMP) }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('write' as const), device: fc.nat(devices - 1) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), duplicate: fc.boolean(), keep: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), device: fc.nat(devices - 1) }) },
  );

const scenario = fc.integer({ min: 2, max: 4 }).chain((devices) =>
  fc.record({
    // Clocks up to 6 hours off either way (within the one-day bound of hlc.ts).
    skews: fc.array(fc.integer({ min: -6 * HOUR, max: 6 * HOUR }), { minLength: devices, maxLength: devices }),
    steps: fc.array(step(devices), { minLength: 20, maxLength: 80 }),
  }),
);

function applyEdit(record: LocalRecord | undefined, id: string, change: Edit, now: number): LocalRecord | undefined {
  if (change.kind === 'delete') return undefined;
  const base: LocalRecord = record ?? { title: `Paper ${id}`, tags: [] };
  const next: LocalRecord = { ...base, tags: [...base.tags] };
  if (change.kind === 'saved') change.on ? (next.savedAt ??= now) : delete next.savedAt;
  if (change.kind === 'read') change.on ? (next.readAt ??= now) : delete next.readAt;
  if (change.kind === 'tag') next.tags = change.on ? [...new Set([...next.tags, change.tag])] : next.tags.filter((tag) => tag !== change.tag);
  if (change.kind === 'note') change.text == null ? delete next.note : (next.note = change.text); // null: a replayed JSON counterexample's undefined
  return next;
}

/** An edit as it was stamped: the register it wrote and its value. */
interface Written {
  id: string;
  field: string;
  value: unknown;
  stamp: Stamp;
}

/** The registers an edit wrote (what `opsFromRecord` said), with the stamp the device's clock gave it. */
function written(device: SimDevice, id: string, ops: readonly MarkOp[], before: Stamp): Written[] {
  const stamp = device.engine.latestStamp;
  if (!ops.length) return [];
  expect(compareStamps(stamp, before)).toBeGreaterThan(0);
  return ops.flatMap((op): Written[] => {
    if (op.kind === 'delete') return [{ id, field: 'deleted', value: true, stamp }];
    if (op.kind === 'saved' || op.kind === 'read') return [{ id, field: op.kind, value: op.value !== null, stamp }];
    if (op.kind === 'tag') return [{ id, field: `tag:${op.tag}`, value: op.present, stamp }];
    if (op.kind === 'note') return [{ id, field: 'note', value: op.text, stamp }];
    return [];
  });
}

/** Runs one scenario (`SYNC_SCENARIO=<counterexample JSON> npx vitest run <this file>` replays one). */
async function run({ skews, steps }: { skews: number[]; steps: Step[] }): Promise<void> {
  const devices = skews.map((skew, at) => new SimDevice(`dev${at}aaaa`, skew));
  let now = START;
  const inFlight: Delivery[] = [];
  const edits: Written[] = [];
  for (const current of steps) {
    if (current.kind === 'edit') {
      // Weeks pass: every device comes online at some point and its items reach the others (a device
      // offline for good is tests/unit/sync/tombstones.test.ts's case).
      if (current.advance === JUMP) {
        for (const device of devices) await device.write(now);
        deliverAll(devices);
      }
      now += current.advance;
      const device = devices[current.device]!;
      const id = IDS[current.paper]!;
      const next = applyEdit(device.library.get(id), id, current.edit, now);
      const ops = opsFromRecord(next, device.engine.marksOf(id));
      const before = device.engine.latestStamp;
      device.edit(id, next, now);
      edits.push(...written(device, id, ops, before));
    } else if (current.kind === 'write') {
      const delivery = await devices[current.device]!.write(now);
      if (delivery) for (const device of devices) if (device.id !== delivery.from) inFlight.push({ ...delivery, to: device.id } as Delivery);
    } else if (current.kind === 'deliver' && inFlight.length) {
      const at = current.pick % inFlight.length;
      const delivery = inFlight[at] as Delivery & { to: string };
      devices.find((device) => device.id === delivery.to)!.receive(delivery);
      // Kept: delivered again later (a duplicate, or an old value arriving after a newer one).
      if (!(current.duplicate && current.keep)) inFlight.splice(at, 1);
    } else if (current.kind === 'sync') await devices[current.device]!.sync(now);
  }
  now += 1000;
  await settle(devices, now);

  const first = userView(devices[0]!.library);
  for (const device of devices) {
    expect(userView(device.library)).toEqual(first);
    expect(device.echoes).toBe(0);
  }
  // Each register ends at the value of its latest edit, unless a later deletion erased it.
  const latest = new Map<string, Written>();
  for (const write of edits) {
    const key = `${write.id}|${write.field}`;
    const held = latest.get(key);
    if (!held || compareStamps(write.stamp, held.stamp) > 0) latest.set(key, write);
  }
  const view = first as Record<string, { saved: boolean; read: boolean; tags: string[]; note?: string }>;
  for (const write of latest.values()) {
    if (write.field === 'deleted') continue;
    const deleted = latest.get(`${write.id}|deleted`);
    const erased = deleted !== undefined && compareStamps(deleted.stamp, write.stamp) > 0;
    const shown = view[write.id];
    if (write.field === 'saved') expect(shown?.saved ?? false).toBe(erased ? false : write.value);
    else if (write.field === 'read') expect(shown?.read ?? false).toBe(erased ? false : write.value);
    else if (write.field.startsWith('tag:')) expect(shown?.tags.includes(write.field.slice(4)) ?? false).toBe(erased ? false : write.value);
    else if (write.field === 'note' && !erased && write.value !== null) expect(shown?.note ?? '').toContain(write.value as string);
  }
}

describe('sync convergence (property)', () => {
  it('devices converge, and every edit not overwritten by a later one holds', async () => {
    await fc.assert(fc.asyncProperty(scenario, run), { numRuns: 150 });
  }, 120_000);

  it.skipIf(!process.env.SYNC_SCENARIO)('replays SYNC_SCENARIO', async () => {
    await run(JSON.parse(process.env.SYNC_SCENARIO!));
  });
});
