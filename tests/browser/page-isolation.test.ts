/**
 * A listing page's own scripts (the main world, where any site script, ad or injected code runs) against
 * the built extension in Chromium: they can read nothing of the user's library from Paperdex's controls,
 * trigger none of them, and can't switch Paperdex off.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTagOnCard, clickControl, readControls, waitForControl } from './control-driver';
import { type ExtensionHandle, fixtureSet, launchExtension, type Library, readLibrary, serveFixtures, waitForLibrary } from './harness';
import { hfSpaFragment, switchHfListing } from './harness';

const hfPages = fixtureSet('hf');
const fixture = hfPages.get;
const spa = hfSpaFragment;

let ext: ExtensionHandle;
beforeEach(async () => {
  ext = await launchExtension();
  await serveFixtures(ext.context, hfPages.routes);
});
afterEach(async () => {
  await ext?.close();
});

const row = (library: Library, id: string) => library.papers.find((paper) => paper.id === id);

async function openDaily(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(fixture('daily.html').url);
  await page.waitForFunction((n) => document.querySelectorAll('paperdex-control').length === n, fixture('daily.html').expectedIds.length);
  await waitForLibrary(ext.context, ext.extensionId, (library) => fixture('daily.html').expectedIds.every((id) => row(library, id)));
  return page;
}

/** Each control's box, as page script measures it. */
const boxes = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('paperdex-control')].map((host) => {
        const box = host.getBoundingClientRect();
        return [host.dataset.paper, { width: box.width, height: box.height }];
      }),
    ),
  );

describe("a listing page's own scripts", () => {
  it('can read nothing of the library from the controls, and trigger none of them', async () => {
    const page = await openDaily();
    const [saved, untouched] = fixture('daily.html').expectedIds as [string, string];
    /** Each of the two controls' boxes, measured in view (off screen, an unrendered control has no height yet). */
    const atTop = async () => {
      const measured: Record<string, { width: number; height: number }> = {};
      for (const id of [saved, untouched]) {
        await page.evaluate((paper) => document.querySelector(`paperdex-control[data-paper="${paper}"]`)!.scrollIntoView({ block: 'center' }), id);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        measured[id] = (await boxes(page))[id]!;
      }
      return { saved: measured[saved], untouched: measured[untouched] };
    };
    const before = await atTop();
    expect(before.saved!.height).toBeGreaterThan(0); // rendered (in view)

    // The user saves one card and files it under a private list.
    await clickControl(page, saved, 'save');
    await addTagOnCard(page, saved, 'job-search');
    await waitForControl(page, saved, (control) => control.pressed === 'true' && control.chips.includes('job-search'));
    await clickControl(page, saved, 'tag'); // closes the entry again
    await waitForControl(page, saved, (control) => control.expanded === 'false');
    await page.screenshot({ path: 'tests/browser/.artifacts/page-isolation-saved-card.png', clip: { x: 0, y: 0, width: 1280, height: 700 } });
    // The other card's tag entry is open, offering the library's tags (job-search among them).
    await clickControl(page, untouched, 'tag');
    await waitForControl(page, untouched, (control) => control.options.includes('job-search'));

    // What page script can find out.
    const seen = await page.evaluate(() => {
      const hosts = [...document.querySelectorAll('paperdex-control')];
      const find = (text: string) => {
        getSelection()?.removeAllRanges();
        return (window as unknown as { find(text: string): boolean }).find(text);
      };
      return {
        roots: hosts.filter((host) => host.shadowRoot).length,
        text: hosts.map((host) => host.textContent).join(''),
        found: ['job-search', 'Saved', 'Save', 'seen'].filter(find),
        attributes: [...new Set(hosts.flatMap((host) => host.getAttributeNames()))].sort(),
      };
    });
    expect(seen).toEqual({ roots: 0, text: '', found: [], attributes: ['data-paper', 'data-theme'] });
    // The controls' boxes are as they were: saving and tagging changed no size.
    await clickControl(page, untouched, 'tag'); // closed again
    await waitForControl(page, untouched, (control) => control.expanded === 'false');
    const after = await atTop();
    expect(after).toEqual(before);
    expect(after.saved).toEqual(after.untouched);

    // Page script tries to act: clicks and keys on the hosts, focus and Enter, a click where Save is drawn.
    await page.evaluate(
      ([savedId, untouchedId]) => {
        for (const id of [savedId, untouchedId]) {
          const host = document.querySelector<HTMLElement>(`paperdex-control[data-paper="${id}"]`)!;
          host.click();
          host.focus();
          for (const type of ['keydown', 'keyup']) host.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', bubbles: true, composed: true }));
          // Save and Tag are drawn at the right end of the control's box (an overlay along the card's top).
          const box = host.getBoundingClientRect();
          const at = document.elementFromPoint(box.right - 20, box.top + box.height / 2);
          at?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: box.right - 20, clientY: box.top + box.height / 2 }));
          (at as HTMLElement | null)?.click?.();
        }
      },
      [saved, untouched],
    );
    await page.waitForTimeout(500);
    const library = await readLibrary(ext.context, ext.extensionId);
    expect(typeof row(library, saved)?.savedAt).toBe('number');
    expect(row(library, saved)?.tags).toEqual(['job-search']);
    expect(row(library, untouched)?.savedAt).toBeUndefined();
    const states = await readControls(page);
    expect(states.find((control) => control.id === untouched)).toMatchObject({ pressed: 'false', expanded: 'false' });
    // Every root is closed, and holds no text of the library (only generated content).
    expect(new Set(states.map((control) => control.rootType))).toEqual(new Set(['closed']));
    expect(states.flatMap((control) => control.text)).toEqual([]);
  });

  it("can't switch Paperdex off by firing WXT's script-started event", async () => {
    const page = await openDaily();
    // What a newer copy of the content script would send (the extension id is public once published).
    await page.evaluate((id) => {
      for (const name of ['huggingface', 'arxiv']) {
        const type = `${id}:${name}:wxt:content-script-started`;
        document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: name, messageId: 'forged' } }));
        window.postMessage({ type, contentScriptName: name, messageId: 'forged' }, '*');
      }
    }, ext.extensionId);
    // HF switches to another listing client-side: its cards are still captured and get controls.
    await switchHfListing(page);
    await waitForLibrary(ext.context, ext.extensionId, (library) => spa.expectedIds.every((id) => row(library, id)));
    await page.waitForFunction((n) => document.querySelectorAll('paperdex-control').length === n, spa.expectedIds.length);
    const fresh = spa.expectedIds.find((id) => !fixture('daily.html').expectedIds.includes(id))!;
    await clickControl(page, fresh, 'save');
    await waitForLibrary(ext.context, ext.extensionId, (library) => typeof row(library, fresh)?.savedAt === 'number');
  });

  it('can add at most 2,500 papers by appending cards; the rest are refused and shown as a capture problem', { timeout: 120_000 }, async () => {
    const page = await openDaily();
    // 500 cards a second, each with 10,000 characters of text, for 7 seconds.
    await page.evaluate(async () => {
      const list = document.querySelector('article')!.parentElement!;
      const filler = 'lorem ipsum '.repeat(834);
      for (let second = 0; second < 7; second++) {
        const batch = document.createDocumentFragment();
        for (let at = 0; at < 500; at++) {
          const n = String(second * 500 + at).padStart(5, '0');
          const card = document.createElement('article');
          card.innerHTML = `<h3><a href="/papers/2601.${n}">Flood paper ${n}</a></h3><p>${filler}</p>`;
          batch.append(card);
        }
        list.append(batch);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    });
    const library = await waitForLibrary(
      ext.context,
      ext.extensionId,
      (lib) => lib.problems.some((problem) => problem.key === 'hf:capture-limit' && Number(problem.count) >= 1_000),
      60_000,
    );
    await page.waitForTimeout(1_500);
    const settled = await readLibrary(ext.context, ext.extensionId);
    expect(settled.papers.length).toBe(2_500);
    expect(library.problems.find((problem) => problem.key === 'hf:capture-limit')?.lastDetail).toContain('2,500');
  });
});
