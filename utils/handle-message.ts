/**
 * The background's answer to every runtime message: validate, store, reply. Nothing here is kept in
 * memory between messages (the MV3 worker is stopped when idle).
 */
import { queueCapture } from './db/record-capture';
import type { PaperdexDB } from './db/schema';
import { type CaptureResponse, isTrustedCaptureSender, parseMessage, type SenderLike } from './messages';

export async function handleMessage(
  db: PaperdexDB,
  raw: unknown,
  sender: SenderLike,
  extensionId: string,
  now = Date.now(),
): Promise<CaptureResponse> {
  if (!isTrustedCaptureSender(sender, extensionId)) return { ok: false, error: 'untrusted sender' };
  const parsed = parseMessage(raw);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { message, invalidPapers } = parsed;
  const problems = invalidPapers
    ? [...message.problems, { reason: 'card-invalid' as const, count: invalidPapers, detail: 'rejected by the background' }]
    : message.problems;
  if (!message.papers.length && !problems.length) return { ok: true, accepted: 0, skipped: 0 };
  try {
    await queueCapture(db, { listing: message.listing, papers: message.papers, problems }, now);
    return { ok: true, accepted: message.papers.length, skipped: invalidPapers };
  } catch (error) {
    console.error('[Paperdex] could not store a capture', error);
    return { ok: false, error: error instanceof Error ? error.message : 'write failed' };
  }
}
