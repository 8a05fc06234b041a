// Bundled by the bench into an IIFE and run in a fixture page's main world: the content script's own
// pipeline (parse, the capture message as sent, list cards, mount every control, render the library's
// answer) with the shipped modules, timed step by step. Messaging is replaced by a scripted answer.
import { createPageControls } from '@/utils/ui/card-controls/page-controls';
import type { Message, PaperState } from '@/utils/messaging/messages';
import { listCardElements as listArxivCards, parseArxivPageSteps } from '@/utils/capture/sites/arxiv';
import { listCardElements as listHfCards, parseHfPage } from '@/utils/capture/sites/huggingface';

export interface PipelineRun {
  cards: number;
  /** Parse + building and serialising the capture message (as runtime.sendMessage does, JSON). */
  capture: number;
  /** The capture's tasks: HF parses in one; arXiv in steps of 100 entries, the message sent in the last. */
  captureTasks: number[];
  /** sync(): list the cards and mount the first slice, in the same task as capture. */
  firstTask: number;
  /** Every idle slice that mounted the rest. */
  slices: number[];
  /** Rendering the library's answer (every card seen before, a tenth saved and tagged). */
  stateRender: number;
  /** Style and layout of the page with the controls in it (forced once at the end). */
  layout: number;
  /** Pre-paint and paint of the next frame (the page's own cost mostly: see the bench's report). */
  frame: number;
  total: number;
}

let previous: { stop(): void } | undefined;

/**
 * Called before each run: removes the last run's controls and waits until the page without them has been
 * rendered (two frames), so no rendering of the removal falls into the next run.
 */
async function reset(): Promise<void> {
  previous?.stop();
  previous = undefined;
  document.querySelectorAll('paperdex-control').forEach((host) => host.remove());
  document.body.offsetHeight;
  for (let frame = 0; frame < 2; frame++) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function run(site: 'hf' | 'arxiv', sliceMs = 8): Promise<PipelineRun> {
  // Marks for a Chromium trace (the bench's thread-time figure): every task from here to the end mark.
  console.timeStamp('paperdex-run-start');
  const listCards = site === 'hf' ? listHfCards : listArxivCards;

  // As the content scripts parse: HF in one task, arXiv in steps (each its own task there).
  const captureTasks: number[] = [];
  let start = performance.now();
  let result;
  if (site === 'hf') {
    result = parseHfPage(document, location.href);
  } else {
    const steps = parseArxivPageSteps(document, location.href);
    for (let next = steps.next(); ; next = steps.next()) {
      if (next.done) {
        result = next.value;
        break;
      }
      captureTasks.push(performance.now() - start);
      start = performance.now();
    }
  }
  JSON.stringify({ type: 'capture', listing: result.listing, papers: result.papers, problems: result.problems });
  captureTasks.push(performance.now() - start);
  const capture = captureTasks.reduce((sum, ms) => sum + ms, 0);

  const slices: number[] = [];
  let stateRender = 0;
  let answered!: () => void;
  const rendered = new Promise<void>((resolve) => (answered = resolve));
  const firstSeenAt = Date.now() - 14 * 86_400_000;
  const request = (message: Message) =>
    new Promise((resolve) => {
      if (message.type !== 'paper-states') return resolve({ ok: false, error: 'bench' });
      const states: Record<string, PaperState> = {};
      message.ids.forEach((id, at) => {
        states[id] = { saved: at % 10 === 0, tags: at % 10 === 0 ? ['to-read'] : [], read: false, seenCount: 3, firstSeenAt, lastSeenAt: firstSeenAt };
      });
      // Answered in a later task, as the background's reply is; timed to the end of its microtasks.
      setTimeout(() => {
        const began = performance.now();
        resolve({ ok: true, states, dimSeen: true });
        void Promise.resolve().then(() => Promise.resolve()).then(() => {
          stateRender = performance.now() - began;
          answered();
        });
      }, 0);
    });
  let idleDone!: () => void;
  const mounted = new Promise<void>((resolve) => (idleDone = resolve));
  const controls = createPageControls({
    document,
    listCards,
    theme: () => 'light',
    request: request as never,
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (id) => window.clearTimeout(id),
    requestIdle: (work) =>
      requestIdleCallback(
        (deadline) => {
          const began = performance.now();
          work(() => deadline.timeRemaining());
          slices.push(performance.now() - began);
          if (!controls.pendingCount()) idleDone();
        },
        { timeout: 300 },
      ),
    sliceMs,
  });
  start = performance.now();
  controls.sync();
  const firstTask = performance.now() - start;
  if (!controls.pendingCount()) idleDone();
  await Promise.all([mounted, rendered]);
  start = performance.now();
  document.body.offsetHeight;
  const layout = performance.now() - start;
  // The rest of the first frame with the controls: pre-paint and paint (style and layout were just
  // forced). Timed from its animation-frame callback, which runs before them, to the first task after.
  const frame = await new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const began = performance.now();
      setTimeout(() => resolve(performance.now() - began), 0);
    }),
  );
  console.timeStamp('paperdex-run-end');
  const cards = controls.mountedCount();
  previous = controls; // stopped by the next reset(), outside the measured tasks
  const total = capture + firstTask + slices.reduce((sum, ms) => sum + ms, 0) + stateRender + layout;
  return { cards, capture, captureTasks, firstTask, slices, stateRender, layout, frame, total };
}

(globalThis as unknown as { paperdexControlsBench: unknown }).paperdexControlsBench = { reset, run };
