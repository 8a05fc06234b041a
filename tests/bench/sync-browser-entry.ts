// Bundled by the bench and run in an extension page (real IndexedDB, the shipped sync runner): the time for a
// device to apply a full remote state of 3,000 papers (another device's items: read, decode, merge, and the
// 3,000 papers written into the library through writeLibrary), then the catch-up that reads them back (the
// change feed's cursor passes them; no echo is proven by the unit tests). Its own database; storage areas in memory (the extension's background,
// which follows the real storage.local and storage.sync, is not involved).
import { createSyncRunner, type SyncArea } from '@/utils/library/sync/sync-runner';
import { SYNC_SETTINGS_KEY, type SyncLocalArea } from '@/utils/library/sync/sync-store';
import { PaperdexDB } from '@/utils/library/schema';
import { SyncEngine } from '@/utils/sync/engine';
import { marksToJson } from '@/utils/sync/state-json';
import { SAMPLE_NOW, sampleMarks } from '../unit/sync/sample-marks';

class MemoryArea implements SyncLocalArea, SyncArea {
  items: Record<string, unknown> = {};
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    if (keys === null) return { ...this.items };
    return Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((key) => key in this.items).map((key) => [key, structuredClone(this.items[key])]));
  }
  async set(items: Record<string, unknown>): Promise<void> {
    Object.assign(this.items, structuredClone(items));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const key of Array.isArray(keys) ? keys : [keys]) delete this.items[key];
  }
}

const A = 'aaaa0001';
const B = 'bbbb0002';

async function applyOnce(run: number): Promise<{ applyMs: number; catchUpMs: number; papers: number }> {
  const now = () => Math.max(Date.now(), SAMPLE_NOW + 60_000);
  const marks = [...sampleMarks({ count: 3_000, device: A, titles: true })].map(([id, paper]) => [id, marksToJson(paper)]);
  const a = SyncEngine.restore({ v: 1, device: A, clock: { wall: SAMPLE_NOW / 1000, counter: 0 }, marks, acks: [], layout: [] })!;
  const sync = new MemoryArea();
  const local = new MemoryArea();
  const name = `paperdex-sync-bench-${run}`;
  await new PaperdexDB(name).delete();
  const db = new PaperdexDB(name);
  const runner = createSyncRunner({ db, local, sync, now, newDevice: () => B, flushDelayMs: 3_600_000 });
  try {
    await local.set({ [SYNC_SETTINGS_KEY]: { enabled: true } });
    await runner.start();
    await runner.flush();
    // A writes its head first, then reads B's: its items list B, so B merges them.
    const keys = new Set<string>();
    for (let round = 0; round < 2; round++) {
      await a.readRemote(sync.items, now());
      const write = await a.itemsToWrite(now());
      if (!write) continue;
      await sync.set(write.set);
      await sync.remove(write.remove);
      a.markWritten(write);
      for (const key of Object.keys(write.set)) keys.add(key);
    }
    const started = performance.now();
    await runner.remoteChanged([...keys]);
    await runner.idle();
    const applied = performance.now();
    await runner.localChanged();
    await runner.idle();
    const caughtUp = performance.now();
    return { applyMs: applied - started, catchUpMs: caughtUp - applied, papers: await db.papers.count() };
  } finally {
    runner.stop();
    db.close();
    await db.delete();
  }
}

export const paperdexSyncBench = { applyOnce };
(globalThis as unknown as { paperdexSyncBench: typeof paperdexSyncBench }).paperdexSyncBench = paperdexSyncBench;
