/** The popup's writes: one `change-paper` message to the background, its answer read back. */
import { describe, expect, it } from 'vitest';
import { RecordedWriteFailure, writeThroughBackground } from '@/entrypoints/popup/write-paper';

describe('writeThroughBackground', () => {
  it('sends one change-paper message and gives back what the background wrote', async () => {
    const sent: unknown[] = [];
    const write = writeThroughBackground(async (message) => (sent.push(message), { ok: true, found: true, title: 'T-JEPA' }));
    expect(await write('2403.10001', { addTag: 'to-read' })).toEqual({ title: 'T-JEPA' });
    expect(sent).toEqual([{ type: 'change-paper', id: '2403.10001', change: { addTag: 'to-read' } }]);
  });

  it('a paper the library no longer has: undefined (the popup drops it from its list)', async () => {
    expect(await writeThroughBackground(async () => ({ ok: true, found: false }))('2403.10001', { saved: true })).toBeUndefined();
  });

  it('fails with the background’s reason, or says the background did not answer', async () => {
    await expect(writeThroughBackground(async () => ({ ok: false, error: 'the disk is full. Free some space on it, then try again' }))('2403.10001', { saved: true })).rejects.toThrow(
      'the disk is full. Free some space on it, then try again',
    );
    await expect(writeThroughBackground(async () => undefined)('2403.10001', { read: true })).rejects.toThrow(/did not answer/);
  });

  it('marks a failure the background answered with as recorded there; one with no answer is not', async () => {
    const refused = writeThroughBackground(async () => ({ ok: false, error: 'the disk is full. Free some space on it, then try again' }));
    await expect(refused('2403.10001', { saved: true })).rejects.toBeInstanceOf(RecordedWriteFailure);
    await expect(writeThroughBackground(async () => undefined)('2403.10001', { read: true })).rejects.not.toBeInstanceOf(RecordedWriteFailure);
  });
});
