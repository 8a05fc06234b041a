import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCaptureSession, runInTasks } from '@/utils/capture/session';
import type { PageParse } from '@/utils/capture/sites/site-adapter';
import type { CaptureMessage, CaptureResponse } from '@/utils/messaging/messages';
import type { CapturedPaper, Listing } from '@/utils/paper/record';

const listing: Listing = { site: 'hf', kind: 'daily', label: 'Daily', url: 'https://huggingface.co/papers/date/2026-03-11' };
const paper = (n: number, extra: Partial<CapturedPaper> = {}): CapturedPaper => ({ id: `2403.1000${n}`, title: `Paper ${n}`, links: {}, ...extra });

function setup(initial: PageParse) {
  let page = initial;
  const sent: CaptureMessage[] = [];
  let reply: (message: CaptureMessage) => CaptureResponse = () => ({ ok: true, accepted: 1, skipped: 0 });
  document.body.innerHTML = '<main><div id="list"></div></main>';
  const session = createCaptureSession({
    document,
    location: () => page.listing?.url ?? 'https://huggingface.co/',
    parse: (_doc, _url, options) => (options.acceptMismatch && page.stale ? { ...page, stale: false } : page),
    send: async (message) => {
      sent.push(message);
      return reply(message);
    },
    setTimeout: (callback, ms) => window.setTimeout(callback, ms) as unknown as number,
    clearTimeout: (id) => window.clearTimeout(id),
    debounceMs: 50,
    settleMs: 500,
  });
  return {
    session,
    sent,
    setPage: (next: PageParse) => (page = next),
    setReply: (next: typeof reply) => (reply = next),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('capture session', () => {
  it('sends every card once per page view, and changed cards again', async () => {
    const { session, sent, setPage } = setup({ listing, papers: [paper(1), paper(2)], problems: [], stale: false });
    await session.scan();
    await session.scan();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.papers.map((p) => p.id)).toEqual(['2403.10001', '2403.10002']);

    setPage({ listing, papers: [paper(1), paper(2, { upvotes: 5 }), paper(3)], problems: [], stale: false });
    await session.scan();
    expect(sent[1]!.papers.map((p) => p.id)).toEqual(['2403.10002', '2403.10003']);
    session.stop();
  });

  it('starts a new page view when the URL changes, even before the navigation event', async () => {
    const weekly = { ...listing, url: 'https://huggingface.co/papers/week/2026-W11' };
    const { session, sent, setPage } = setup({ listing, papers: [paper(1), paper(2)], problems: [], stale: false });
    await session.scan();
    setPage({ listing: weekly, papers: [paper(2), paper(3)], problems: [], stale: false });
    await session.scan();
    expect(sent.map((message) => message.papers.map((p) => p.id))).toEqual([
      ['2403.10001', '2403.10002'],
      ['2403.10002', '2403.10003'],
    ]);
    session.navigated();
    await vi.advanceTimersByTimeAsync(60);
    expect(sent).toHaveLength(2);
    session.stop();
  });

  it('a fragment change is the same page view', async () => {
    const { session, sent, setPage } = setup({ listing, papers: [paper(1)], problems: [], stale: false });
    await session.scan();
    setPage({ listing: { ...listing, url: `${listing.url}#community` }, papers: [paper(1)], problems: [], stale: false });
    await session.scan();
    expect(sent).toHaveLength(1);
    session.stop();
  });

  it('rescans (debounced) when the page changed', async () => {
    const { session, sent, setPage } = setup({ listing, papers: [paper(1)], problems: [], stale: false });
    await session.scan();
    setPage({ listing, papers: [paper(1), paper(2)], problems: [], stale: false });
    // Five changes reported by the page watch, each before the quiet time (50 ms) ends: one rescan.
    for (let i = 0; i < 5; i++) {
      session.schedule();
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.papers.map((p) => p.id)).toEqual(['2403.10002']);
    session.stop();
  });

  it('does nothing after stop', async () => {
    const { session, sent } = setup({ listing, papers: [paper(1)], problems: [], stale: false });
    await session.scan();
    session.stop();
    session.navigated();
    document.getElementById('list')!.append(document.createElement('article'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(1);
  });

  it('waits for a lagging island, then trusts it if it never catches up', async () => {
    const { session, sent } = setup({ listing, papers: [paper(1)], problems: [], stale: true });
    await session.scan();
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(sent).toHaveLength(1);
    session.stop();
  });

  it('tries again later when the background could not store the batch', async () => {
    const { session, sent, setReply } = setup({ listing, papers: [paper(1)], problems: [], stale: false });
    setReply(() => ({ ok: false, error: 'disk full' }));
    await session.scan();
    setReply(() => ({ ok: true, accepted: 1, skipped: 0 }));
    await session.scan();
    await session.scan();
    expect(sent).toHaveLength(2);
    session.stop();
  });

  it('re-sends on its own, with backoff, when the message could not be delivered (extension still starting)', async () => {
    const problems = [{ reason: 'no-cards' as const, count: 1 }];
    const { session, sent, setReply } = setup({ listing, papers: [paper(1)], problems, stale: false });
    setReply(() => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await session.scan();
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(2);
    setReply(() => ({ ok: true, accepted: 1, skipped: 0 }));
    await vi.advanceTimersByTimeAsync(1_000);
    // The third attempt lands: the cards and the problem, as in the first message.
    expect(sent).toHaveLength(3);
    expect(sent[2]!.papers.map((p) => p.id)).toEqual(['2403.10001']);
    expect(sent[2]!.problems).toEqual(problems);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sent).toHaveLength(3);
    session.stop();
  });

  it('stops retrying after a few failures, and after stop', async () => {
    const { session, sent, setReply } = setup({ listing, papers: [paper(1)], problems: [], stale: false });
    setReply(() => ({ ok: false, error: 'disk full' }));
    await session.scan();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(6); // the first send and 5 retries
    const again = setup({ listing, papers: [paper(2)], problems: [], stale: false });
    again.setReply(() => ({ ok: false, error: 'disk full' }));
    await again.session.scan();
    again.session.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(again.sent).toHaveLength(1);
    session.stop();
  });

  it('reports each kind of problem once per page view', async () => {
    const problems = [{ reason: 'island-missing' as const, count: 1 }];
    const { session, sent } = setup({ listing, papers: [paper(1)], problems, stale: false });
    await session.scan();
    await session.scan();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.problems).toEqual(problems);
    session.stop();
  });

  it('ignores pages the adapter does not read', async () => {
    const { session, sent } = setup({ listing: undefined, papers: [], problems: [], stale: false });
    await session.scan();
    expect(sent).toHaveLength(0);
    session.stop();
  });

  it('a parse spread over tasks is sent once it ends, and dropped when the session stopped meanwhile', async () => {
    const page: PageParse = { listing, papers: [paper(1)], problems: [], stale: false };
    const sent: CaptureMessage[] = [];
    let finish!: (result: PageParse) => void;
    const session = createCaptureSession({
      document,
      location: () => listing.url,
      parse: () => new Promise<PageParse>((resolve) => (finish = resolve)),
      send: async (message) => {
        sent.push(message);
        return { ok: true, accepted: 1, skipped: 0 };
      },
      setTimeout: (callback, ms) => window.setTimeout(callback, ms) as unknown as number,
      clearTimeout: (id) => window.clearTimeout(id),
    });
    const scanned = session.scan();
    expect(sent).toHaveLength(0);
    finish(page);
    await scanned;
    expect(sent.map((message) => message.papers.map((p) => p.id))).toEqual([[paper(1).id]]);

    const again = session.scan();
    session.stop();
    finish({ ...page, papers: [paper(2)] });
    await again;
    expect(sent).toHaveLength(1);
  });
});

describe('runInTasks', () => {
  it('runs one step per deferred task and resolves with the result', async () => {
    const log: string[] = [];
    function* steps(): Generator<void, number> {
      log.push('a');
      yield;
      log.push('b');
      yield;
      log.push('c');
      return 42;
    }
    const deferred: (() => void)[] = [];
    const result = runInTasks(steps(), (next) => deferred.push(next));
    expect(log).toEqual(['a']);
    deferred.shift()!();
    expect(log).toEqual(['a', 'b']);
    deferred.shift()!();
    await expect(result).resolves.toBe(42);
    expect(deferred).toEqual([]);
  });

  it('a step that throws rejects', async () => {
    function* steps(): Generator<void, number> {
      throw new Error('drift');
    }
    await expect(runInTasks(steps(), () => {})).rejects.toThrow('drift');
  });
});
