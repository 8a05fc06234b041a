/**
 * Mount/unmount bookkeeping of the on-page controls on happy-dom documents built from the HF fixtures,
 * with the real adapter (`listCardElements`) and a scripted background.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonLabel, CONTROL_TAG, controlRoot, labelOf } from '@/utils/ui/card-controls/card-control';
import { createPageControls, PAGE_STYLE_ID, type PageControls, type Requester } from '@/utils/ui/card-controls/page-controls';
import { DIM_ATTRIBUTE } from '@/utils/ui/card-controls/style';
import type { Message, PaperState } from '@/utils/messaging/messages';
import { listCardElements } from '@/utils/capture/sites/huggingface';
import { listCardElements as listArxivCards } from '@/utils/capture/sites/arxiv';
import type { NearWatch } from '@/utils/ui/card-controls/near-viewport';
import fixtures from '../../../fixtures/hf/index.json';
import spa from '../../../fixtures/hf/weekly-spa-fragment.json';
import { fixtureText } from '../../support/load-fixture';

const entries = fixtures as { file: string; url: string; expectedIds: string[] }[];
const fixture = (file: string) => entries.find((entry) => entry.file === file)!;

function loadPage(file: string, url = fixture(file).url) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  const html = fixtureText(`hf/${file}`);
  document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)![1]!;
}

interface Harness {
  controls: PageControls;
  sent: Message[];
  idle: (() => void)[];
  runIdle(): void;
  errors: unknown[];
}

const state = (fields: Partial<PaperState> = {}): PaperState => ({
  saved: false, tags: [], read: false, seenCount: 2, firstSeenAt: new Date(2026, 10, 12).getTime(), lastSeenAt: new Date(2026, 10, 20).getTime(), ...fields,
});

function start(options: { known?: Record<string, PaperState>; dimSeen?: boolean; sliceMs?: number; listCards?: typeof listCardElements; refuseSave?: string; trustEvent?: (event: Event) => boolean; near?: NearWatch } = {}): Harness {
  const sent: Message[] = [];
  const idle: (() => void)[] = [];
  const errors: unknown[] = [];
  const known = options.known ?? {}; // shared: a test may change it as another tab would
  const request = (async (message: Message) => {
    sent.push(message);
    if (message.type === 'paper-states') {
      const states = Object.fromEntries(message.ids.filter((id) => known[id]).map((id) => [id, known[id]!]));
      return { ok: true, states, dimSeen: options.dimSeen ?? false, ...(message.withTags ? { tags: ['to-read', 'diffusion'] } : {}) };
    }
    if (message.type === 'set-saved') {
      if (options.refuseSave) return { ok: false, error: options.refuseSave };
      known[message.id] = { ...(known[message.id] ?? state({ seenCount: 1 })), saved: message.saved };
      return { ok: true, state: known[message.id] };
    }
    return { ok: false, error: 'not scripted' };
  }) as Requester;
  const controls = createPageControls({
    document,
    listCards: options.listCards ?? listCardElements,
    theme: () => 'light',
    request,
    cardData: (id) => ({ paper: { id, title: `Paper ${id}`, links: {} }, listing: { site: 'hf', kind: 'daily', label: 'Daily', url: location.href } }),
    setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    requestIdle: (work) => idle.push(() => work(() => 50)),
    now: () => new Date(2026, 10, 27).getTime(),
    sliceMs: options.sliceMs ?? 1_000,
    near: options.near,
    onError: (error) => errors.push(error),
    // happy-dom's events are all synthetic; the rule that only a user's events act is tested on its own.
    trustEvent: options.trustEvent ?? (() => true),
  });
  return {
    controls,
    sent,
    idle,
    errors,
    runIdle() {
      while (idle.length) idle.shift()!();
    },
  };
}

const hosts = () => [...document.querySelectorAll<HTMLElement>(CONTROL_TAG)];
const hostIds = () => hosts().map((host) => host.dataset.paper);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const markOf = (id: string) => labelOf(controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${id}"]`)!)!.querySelector('.mark'));

let harness: Harness | undefined;
beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  harness?.controls.stop();
  harness = undefined;
});

describe('page controls on HF fixtures', () => {
  it.each(['daily.html', 'weekly.html', 'search.html', 'trending.html', 'no-island.html', 'hostile.html'])('%s: one control per card, in page order, over the top corner of the card (no new row) and outside links', (file) => {
    loadPage(file);
    harness = start();
    harness.controls.sync();
    harness.runIdle();
    expect(hostIds()).toEqual(fixture(file).expectedIds);
    for (const host of hosts()) {
      expect(host.closest('a')).toBeNull();
      // An overlay in the article's own space (its last child, positioned), so the card keeps its height.
      expect(host.parentElement!.tagName).toBe('ARTICLE');
      expect(host.nextElementSibling).toBeNull();
      expect(host.parentElement!.getAttribute('data-paperdex-card')).toBe('overlay');
      const links = [...host.closest('article')!.querySelectorAll('a[href^="/papers/"]')].map((a) => a.getAttribute('href')!.replace(/#.*$/, '').replace(/^\/papers\/|v\d+$/g, ''));
      expect(new Set(links)).toEqual(new Set([host.dataset.paper]));
    }
    // Listing again (a re-render that changed nothing) mounts nothing more.
    harness.controls.sync();
    harness.runIdle();
    expect(hostIds()).toEqual(fixture(file).expectedIds);
  });

  it.each(['paper.html', 'empty.html'])('%s: no controls', (file) => {
    loadPage(file);
    harness = start();
    harness.controls.sync();
    harness.runIdle();
    expect(hosts()).toEqual([]);
  });

  it('mounts in slices: the first in the same task, the rest at idle time', () => {
    loadPage('daily-100.html');
    harness = start({ sliceMs: 0 }); // every slice mounts one card
    harness.controls.sync();
    expect(harness.controls.mountedCount()).toBe(1);
    expect(harness.controls.pendingCount()).toBe(99);
    harness.idle.shift()!();
    expect(harness.controls.mountedCount()).toBe(2);
    harness.runIdle();
    expect(harness.controls.mountedCount()).toBe(100);
    expect(hosts()).toHaveLength(100);
  });

  it('with a viewport watch, an overlay control (HF) mounts at once: it changes no line of the page', () => {
    loadPage('daily.html');
    const near = scriptedNearWatch();
    harness = start({ near });
    harness.controls.sync();
    harness.runIdle();
    expect(hostIds()).toEqual(fixture('daily.html').expectedIds);
    expect(near.watched.size).toBe(0);
  });

  it('asks the state of every card once, before mounting, and shows it', async () => {
    const daily = fixture('daily.html');
    const [seen, saved] = daily.expectedIds as [string, string];
    loadPage('daily.html');
    harness = start({ known: { [seen]: state({ seenCount: 3 }), [saved]: state({ seenCount: 1, saved: true, tags: ['to-read'] }) } });
    harness.controls.sync();
    expect(harness.sent).toEqual([{ type: 'paper-states', ids: daily.expectedIds }]);
    harness.runIdle();
    await flush();
    expect(markOf(seen)).toBe('seen Nov 20 · 3×');
    const savedRoot = controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${saved}"]`)!)!;
    expect(savedRoot.querySelector('.save')!.getAttribute('aria-pressed')).toBe('true');
    expect([...savedRoot.querySelectorAll('.chip > span')].map((chip) => labelOf(chip))).toEqual(['to-read']);
    // A tag chip is isolated: a right-to-left tag can't reorder the control's other labels.
    expect(labelOf(savedRoot.querySelector('.chip > span[dir="auto"]'))).toBe('to-read');
    expect(markOf(daily.expectedIds[2]!)).toBe('');
    harness.controls.sync();
    expect(harness.sent).toHaveLength(1);
  });

  it('dim-seen marks only cards seen before, and unmarks them when turned off', async () => {
    const daily = fixture('daily.html');
    const [seen] = daily.expectedIds as [string];
    loadPage('daily.html');
    harness = start({ known: { [seen]: state() }, dimSeen: true });
    harness.controls.sync();
    harness.runIdle();
    await flush();
    expect([...document.querySelectorAll(`[${DIM_ATTRIBUTE}]`)].map((card) => card.querySelector('h3 a')!.getAttribute('href'))).toEqual([`/papers/${seen}`]);
    expect(document.getElementById(PAGE_STYLE_ID)).not.toBeNull();
    harness.controls.stop();
    expect(document.querySelectorAll(`[${DIM_ATTRIBUTE}]`)).toHaveLength(0);
    expect(hosts()).toHaveLength(0);
    expect(document.querySelectorAll('[data-paperdex-card]')).toHaveLength(0);
    expect(document.getElementById(PAGE_STYLE_ID)).toBeNull();
  });

  it('dim-seen spares saved and tagged papers, and a faded card darkens its control\'s mark', async () => {
    const [seen, saved, tagged] = fixture('daily.html').expectedIds as [string, string, string];
    loadPage('daily.html');
    harness = start({ known: { [seen]: state(), [saved]: state({ saved: true }), [tagged]: state({ tags: ['to-read'] }) }, dimSeen: true });
    harness.controls.sync();
    harness.runIdle();
    await flush();
    const dimmed = [...document.querySelectorAll(`[${DIM_ATTRIBUTE}]`)].map((card) => card.querySelector(CONTROL_TAG)!.getAttribute('data-paper'));
    expect(dimmed).toEqual([seen]);
    const bar = (id: string) => controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${id}"]`)!)!.querySelector('.bar')!;
    expect(bar(seen).hasAttribute('data-dimmed')).toBe(true);
    expect(bar(saved).hasAttribute('data-dimmed')).toBe(false);
  });

  it('the site settings: controls hidden by one page rule, seen marks hidden, both live', async () => {
    const [seen] = fixture('daily.html').expectedIds as [string];
    loadPage('daily.html');
    let cardControls = { hf: { controls: false, seenMarks: true }, arxiv: { controls: true, seenMarks: true } };
    // The shared harness answers dim-seen only: this background also answers the site settings.
    const sent: Message[] = [];
    const controls = createPageControls({
      document,
      site: 'hf',
      listCards: listCardElements,
      theme: () => 'light',
      request: (async (message: Message) => {
        sent.push(message);
        return { ok: true, states: message.type === 'paper-states' ? { [seen]: state() } : {}, dimSeen: false, cardControls };
      }) as Requester,
      setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as number,
      clearTimeout: (id) => clearTimeout(id),
      requestIdle: (work) => work(() => 50),
      now: () => new Date(2026, 10, 27).getTime(),
      sliceMs: 1_000,
    });
    harness = { controls, sent, idle: [], errors: [], runIdle() {} };
    controls.sync();
    await flush();
    expect(document.getElementById('paperdex-controls-off')).not.toBeNull();
    expect(markOf(seen)).toBe('seen Nov 20 · 2×');
    cardControls = { hf: { controls: true, seenMarks: false }, arxiv: { controls: true, seenMarks: true } };
    controls.settingsChanged();
    await flush();
    expect(document.getElementById('paperdex-controls-off')).toBeNull();
    expect(markOf(seen)).toBe('');
    expect(hosts().every((host) => host.getAttributeNames().sort().join() === 'data-paper,data-theme')).toBe(true);
  });

  it('a client-side tab switch: controls of cards that left are removed, new cards get one each, states asked afresh', async () => {
    const daily = fixture('daily.html');
    loadPage('daily.html');
    harness = start();
    harness.controls.sync();
    harness.runIdle();
    const before = new Map(hosts().map((host) => [host.dataset.paper, host]));
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(spa.url);
    document.querySelector('[data-target="DailyPapers"] article')!.parentElement!.innerHTML = spa.cardsHtml;
    harness.controls.sync();
    harness.runIdle();
    expect(hostIds()).toEqual(spa.expectedIds);
    for (const host of hosts()) expect(before.get(host.dataset.paper)).not.toBe(host);
    expect([...before.values()].every((host) => !host.isConnected)).toBe(true);
    expect(harness.controls.mountedCount()).toBe(spa.expectedIds.length);
    // A new page view: every card's "seen before" is asked again (a paper of both lists was seen on the daily one).
    expect(harness.sent.at(-1)).toEqual({ type: 'paper-states', ids: spa.expectedIds });
    expect(daily.expectedIds.some((id) => spa.expectedIds.includes(id))).toBe(true);
  });

  it('a card removed, or re-rendered in place for another paper, loses its control; an appended card gets one', () => {
    const daily = fixture('daily.html');
    loadPage('daily.html');
    harness = start();
    harness.controls.sync();
    harness.runIdle();
    const articles = [...document.querySelectorAll('article')];
    articles[0]!.remove();
    // The page reuses the second card's element for a paper not on the page yet.
    const reused = articles[1]!;
    const newId = spa.expectedIds.find((id) => !daily.expectedIds.includes(id))!;
    for (const link of reused.querySelectorAll('a[href^="/papers/"]')) link.setAttribute('href', `/papers/${newId}`);
    const clone = articles[2]!.cloneNode(true) as Element; // a copy would carry our host along: it must not count
    const appendedId = spa.expectedIds.filter((id) => !daily.expectedIds.includes(id))[1]!;
    for (const link of clone.querySelectorAll('a[href^="/papers/"]')) link.setAttribute('href', `/papers/${appendedId}`);
    articles.at(-1)!.after(clone);
    harness.controls.sync();
    harness.runIdle();
    expect(hostIds()).toEqual([newId, ...daily.expectedIds.slice(2), appendedId]);
    expect(reused.querySelectorAll(CONTROL_TAG)).toHaveLength(1);
    expect(clone.querySelectorAll(CONTROL_TAG)).toHaveLength(1);
  });

  it('schedule (cards came or went) lists the cards once after the quiet time, not per change; nothing after stop', async () => {
    loadPage('daily.html');
    let listed = 0;
    harness = start({ listCards: (doc) => (listed++, listCardElements(doc)) });
    harness.controls.sync();
    expect(listed).toBe(1);
    for (let i = 0; i < 5; i++) harness.controls.schedule();
    expect(listed).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(listed).toBe(2);
    harness.controls.schedule();
    harness.controls.stop();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(listed).toBe(2);
  });

  it('controls left by an earlier copy of the script are replaced, not doubled', () => {
    loadPage('daily.html');
    const old = start();
    old.controls.sync();
    old.runIdle();
    // The extension was reloaded: the old script's context died without cleaning up.
    harness = start();
    harness.controls.sync();
    harness.runIdle();
    expect(hostIds()).toEqual(fixture('daily.html').expectedIds);
  });

  it('markup drift: an adapter that throws gives no controls and a reported error, and the page is untouched', () => {
    loadPage('daily.html');
    const before = document.body.innerHTML;
    harness = start({
      listCards: () => {
        throw new Error('drift');
      },
    });
    harness.controls.sync();
    harness.runIdle();
    expect(hosts()).toEqual([]);
    expect(harness.errors).toHaveLength(1);
    expect(document.body.innerHTML).toBe(before);
  });

  it('a click on Save reaches neither the page nor the card link, and sends the card as captured', async () => {
    const id = fixture('daily.html').expectedIds[0]!;
    loadPage('daily.html');
    harness = start();
    harness.controls.sync();
    harness.runIdle();
    const seenByPage: string[] = [];
    document.addEventListener('click', (event) => seenByPage.push((event.target as Element).tagName));
    const save = controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${id}"]`)!)!.querySelector<HTMLButtonElement>('.save')!;
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    save.dispatchEvent(click);
    expect(seenByPage).toEqual([]);
    expect(click.defaultPrevented).toBe(true);
    expect(save.getAttribute('aria-pressed')).toBe('true'); // at once, before the answer
    await flush();
    expect(harness.sent.at(-1)).toMatchObject({ type: 'set-saved', id, saved: true, paper: { id }, listing: { site: 'hf' } });
    expect(buttonLabel(save)).toBe('Saved');
    expect(save.getAttribute('aria-label')).toBe('Saved'); // the name is the label
  });

  it('a Save the library refuses flips back and says why on the card, until the next click', async () => {
    const id = fixture('daily.html').expectedIds[0]!;
    loadPage('daily.html');
    harness = start({ refuseSave: 'The library is being upgraded; try again in a moment.' });
    harness.controls.sync();
    harness.runIdle();
    await flush();
    const root = controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${id}"]`)!)!;
    const save = root.querySelector<HTMLButtonElement>('.save')!;
    save.click();
    expect(save.getAttribute('aria-pressed')).toBe('true'); // optimistic, at once
    await flush();
    expect(save.getAttribute('aria-pressed')).toBe('false');
    expect(buttonLabel(save)).toBe('Save');
    const notice = root.querySelector('[role=status]')!;
    expect(labelOf(notice)).toBe('Not saved: The library is being upgraded; try again in a moment.');
    expect(harness.errors).toHaveLength(1);
    // Other cards say nothing; the next click on this one clears the message.
    const other = controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${fixture('daily.html').expectedIds[1]}"]`)!)!;
    expect(other.querySelector('[role=status]')).toBeNull();
    root.querySelector<HTMLButtonElement>('.tag')!.click();
    expect(labelOf(notice)).toBe('');
  });

  it('the tag entry offers the library tags the card lacks', async () => {
    const id = fixture('daily.html').expectedIds[0]!;
    loadPage('daily.html');
    harness = start({ known: { [id]: state({ tags: ['to-read'] }) } });
    harness.controls.sync();
    harness.runIdle();
    await flush();
    const root = controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${id}"]`)!)!;
    root.querySelector<HTMLButtonElement>('.tag')!.click();
    await flush();
    await flush();
    expect(root.querySelector('.tag')!.getAttribute('aria-expanded')).toBe('true');
    expect([...root.querySelectorAll('[role=option]')].map((option) => labelOf(option))).toEqual(['diffusion']);
    expect(harness.sent.at(-1)).toEqual({ type: 'paper-states', ids: [id], withTags: true });
  });

  it('a card follows its paper through changes made elsewhere: saved, tagged, untagged, unsaved', async () => {
    const [id, other] = fixture('daily.html').expectedIds as [string, string];
    loadPage('daily.html');
    const known: Record<string, PaperState> = {};
    harness = start({ known });
    harness.controls.sync();
    harness.runIdle();
    await flush();
    const root = controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${id}"]`)!)!;
    const shown = () => ({
      pressed: root.querySelector('.save')!.getAttribute('aria-pressed'),
      label: buttonLabel(root.querySelector('.save')),
      chips: [...root.querySelectorAll('.chip > span')].map((chip) => labelOf(chip)),
      mark: markOf(id),
    });
    expect(shown()).toEqual({ pressed: 'false', label: 'Save', chips: [], mark: '' });
    // The harness's background answers from `known`, which the popup or another tab would have changed.
    // The paper was new on this visit: no "seen" mark, whatever the later answers say.
    const steps: [Partial<PaperState>, ReturnType<typeof shown>][] = [
      [{ saved: true }, { pressed: 'true', label: 'Saved', chips: [], mark: '' }],
      [{ saved: true, tags: ['to-read', 'rl'] }, { pressed: 'true', label: 'Saved', chips: ['to-read', 'rl'], mark: '' }],
      [{ saved: true, tags: ['rl'] }, { pressed: 'true', label: 'Saved', chips: ['rl'], mark: '' }],
      [{ saved: false, tags: ['rl'] }, { pressed: 'false', label: 'Save', chips: ['rl'], mark: '' }],
      [{ saved: false, tags: [] }, { pressed: 'false', label: 'Save', chips: [], mark: '' }],
    ];
    for (const [fields, expected] of steps) {
      known[id] = state(fields);
      harness.controls.refresh([id, other]);
      await flush();
      expect(shown()).toEqual(expected);
    }
  });

  describe('the page itself can read or trigger nothing', () => {
    /** Every text node under a node (what `window.find` and a selection could read). */
    const textNodes = (node: Node): string[] => [...node.childNodes].flatMap((child) => (child.nodeType === 3 ? [child.nodeValue ?? ''] : textNodes(child)));

    it('the control is a closed root; saved, tags, seen and messages are not text in it', async () => {
      const [id, seen] = fixture('daily.html').expectedIds as [string, string];
      loadPage('daily.html');
      harness = start({ known: { [id]: state({ saved: true, tags: ['job-search'] }), [seen]: state() }, refuseSave: 'disk full' });
      harness.controls.sync();
      harness.runIdle();
      await flush();
      const host = document.querySelector(`${CONTROL_TAG}[data-paper="${id}"]`)!;
      expect(host.shadowRoot).toBeNull(); // what page script gets
      const root = controlRoot(host)!;
      // Shown, as the user sees it...
      expect(buttonLabel(root.querySelector('.save'))).toBe('Saved');
      expect(labelOf(root.querySelector('.chip > span'))).toBe('job-search');
      expect(markOf(seen)).toBe('seen Nov 20 · 2×');
      root.querySelector<HTMLButtonElement>('.save')!.click();
      await flush();
      expect(labelOf(root.querySelector('[role=status]'))).toContain('disk full');
      // ...but no text node says any of it.
      const text = [...document.querySelectorAll(CONTROL_TAG)].flatMap((control) => textNodes(controlRoot(control)!)).join(' ');
      expect(text).not.toMatch(/Save|job-search|seen|disk full/);
    });

    it("a script's click or key does nothing; the user's does", async () => {
      const id = fixture('daily.html').expectedIds[0]!;
      loadPage('daily.html');
      harness = start({ trustEvent: (event) => event.isTrusted }); // the content script's own rule
      harness.controls.sync();
      harness.runIdle();
      await flush();
      const root = controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${id}"]`)!)!;
      const sentBefore = harness.sent.length;
      root.querySelector<HTMLButtonElement>('.save')!.click();
      root.querySelector<HTMLButtonElement>('.save')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      root.querySelector<HTMLButtonElement>('.tag')!.click();
      await flush();
      expect(harness.sent.length).toBe(sentBefore);
      expect(root.querySelector('.save')!.getAttribute('aria-pressed')).toBe('false');
      expect(root.querySelector('.tag')!.getAttribute('aria-expanded')).toBe('false');
    });

    it('a card action the background refuses as not captured here sends the capture, then acts', async () => {
      const id = fixture('daily.html').expectedIds[0]!;
      loadPage('daily.html');
      const sent: string[] = [];
      let captured = false;
      const controls = createPageControls({
        document,
        listCards: listCardElements,
        theme: () => 'light',
        request: (async (message: Message) => {
          sent.push(message.type);
          if (message.type === 'paper-states') return { ok: true, states: {}, dimSeen: false };
          if (!captured) return { ok: false, error: 'not captured', notOnPage: true };
          return { ok: true, state: state({ saved: true }) };
        }) as Requester,
        captureNow: async () => {
          sent.push('capture');
          captured = true;
        },
        setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as number,
        clearTimeout: (timer) => clearTimeout(timer),
        requestIdle: (work) => work(() => 50),
        trustEvent: () => true,
      });
      try {
        controls.sync();
        await flush();
        const root = controlRoot(document.querySelector(`${CONTROL_TAG}[data-paper="${id}"]`)!)!;
        root.querySelector<HTMLButtonElement>('.save')!.click();
        await flush();
        await flush();
        expect(sent).toEqual(['paper-states', 'set-saved', 'capture', 'set-saved']);
        expect(root.querySelector('.save')!.getAttribute('aria-pressed')).toBe('true');
        expect(root.querySelector('[role=status]')).toBeNull();
      } finally {
        controls.stop();
      }
    });
  });
});

/** A viewport watch the test drives: `comeNear(element)` is the observer seeing it within reach. */
function scriptedNearWatch(): NearWatch & { watched: Map<Element, () => void>; comeNear(element: Element): void } {
  const watched = new Map<Element, () => void>();
  return {
    watched,
    watch: (element, near) => void watched.set(element, near),
    clear: () => watched.clear(),
    waiting: () => watched.size,
    comeNear(element) {
      const near = watched.get(element);
      watched.delete(element);
      near?.();
    },
  };
}

describe('inline controls on a big arXiv listing', () => {
  function loadArxiv(entries: number) {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://arxiv.org/list/cs.LG/recent?skip=0&show=2000');
    const items = Array.from({ length: entries }, (_, at) => {
      const id = `2601.${String(10_000 + at)}`;
      return `<dt><a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a></dt><dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Paper ${at}</div></div></dd>`;
    });
    document.body.innerHTML = `<dl id="articles">${items.join('')}</dl>`;
    return [...document.querySelectorAll('dd')];
  }

  it('mounts a control when its card comes near the viewport, not before; states are asked for all at once', async () => {
    const cards = loadArxiv(300);
    const near = scriptedNearWatch();
    harness = start({ near, listCards: listArxivCards });
    harness.controls.sync();
    harness.runIdle();
    expect(hosts()).toHaveLength(0);
    expect(harness.controls.pendingCount()).toBe(300);
    // The first screen is near at once (the observer's first callback), then the user scrolls.
    for (const card of cards.slice(0, 20)) near.comeNear(card);
    harness.runIdle();
    expect(hostIds()).toEqual(Array.from({ length: 20 }, (_, at) => `2601.${10_000 + at}`));
    expect(hosts().every((host) => host.parentElement!.matches('div.list-title'))).toBe(true);
    near.comeNear(cards[250]!);
    harness.runIdle();
    expect(hosts()).toHaveLength(21);
    expect(harness.controls.pendingCount()).toBe(279);
    await flush();
    const asked = harness.sent.filter((message) => message.type === 'paper-states').flatMap((message) => message.ids);
    expect(new Set(asked).size).toBe(300);
  });

  it('a card that left the page while waiting gets no control; stop forgets the waiting ones', () => {
    const cards = loadArxiv(30);
    const near = scriptedNearWatch();
    harness = start({ near, listCards: listArxivCards });
    harness.controls.sync();
    cards[5]!.previousElementSibling!.remove();
    cards[5]!.remove();
    harness.controls.sync();
    expect(near.watched.size).toBe(29);
    near.comeNear(cards[5]!);
    harness.runIdle();
    expect(hosts()).toHaveLength(0);
    harness.controls.stop();
    expect(near.watched.size).toBe(0);
  });
});
