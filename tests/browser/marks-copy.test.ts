/**
 * The second copy of the user's marks, in real Chromium: a library with saved, tagged, read and noted
 * papers; its database deleted behind the extension's back while the browser is closed (as Chromium's
 * recovery does); the browser started again: every mark is back, and the popup and the library page
 * say what happened until the user dismisses it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { axeInBothSchemes } from './axe';
import { type ExtensionHandle, fixtureSet, launchExtension, type Library, readLibrary, screenshot, serveFixtures, waitForLibrary } from './harness';
import { deleteExtensionDatabase, type Marks, markPapers, readMarksCopy } from './marks-copy';

const profile = mkdtempSync(path.join(os.tmpdir(), 'paperdex-marks-copy-'));
const hf = fixtureSet('hf');
let ext: ExtensionHandle | undefined;

afterAll(async () => {
  await ext?.close();
  rmSync(profile, { recursive: true, force: true });
});

async function launch(): Promise<ExtensionHandle> {
  const handle = await launchExtension({ userDataDir: profile });
  await serveFixtures(handle.context, hf.routes);
  return handle;
}

const marksOf = (library: Library, id: string): Marks => {
  const paper = library.papers.find((row) => row.id === id) ?? {};
  return { savedAt: paper.savedAt as number | undefined, readAt: paper.readAt as number | undefined, tags: paper.tags as string[] | undefined, note: paper.note as string | undefined };
};

describe('the copy of the marks', () => {
  it('brings every mark back after the browser deleted the database, and says so', async () => {
    ext = await launch();
    const listing = await ext.context.newPage();
    await listing.goto(hf.get('daily.html').url);
    const ids = hf.get('daily.html').expectedIds;
    await waitForLibrary(ext.context, ext.extensionId, (library) => ids.every((id) => library.papers.some((paper) => paper.id === id)));
    await listing.close();

    // Saved in the popup, as a user does; tagged, read and noted as the library page writes them.
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const save = popup.getByRole('list', { name: 'Papers' }).getByRole('button', { name: /^Save/ }).first();
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
    const savedId = (await waitForLibrary(ext.context, ext.extensionId, (library) => library.papers.some((paper) => paper.savedAt !== undefined))).papers.find((paper) => paper.savedAt !== undefined)!.id as string;
    const others = ids.filter((id) => id !== savedId);
    await markPapers(popup, {
      [others[0]!]: { tags: ['diffusion', 'to-read'] },
      [others[1]!]: { note: 'Section 4 has the ablation.\nCompare with [12].' },
      [others[2]!]: { readAt: Date.now(), savedAt: Date.now(), tags: ['diffusion'] },
    });
    await popup.close();
    const marked = [savedId, others[0]!, others[1]!, others[2]!];
    await expect.poll(async () => Object.keys(await readMarksCopy(ext!)).sort(), { timeout: 10_000 }).toEqual([...marked].sort());
    const before = await readLibrary(ext.context, ext.extensionId);

    await ext.close();
    expect(deleteExtensionDatabase(profile, ext.extensionId).length).toBeGreaterThan(0);
    ext = await launch();

    const after = await waitForLibrary(ext.context, ext.extensionId, (library) => marked.every((id) => library.papers.some((paper) => paper.id === id)));
    for (const id of marked) expect(marksOf(after, id), id).toEqual(marksOf(before, id));
    // Only the marked papers come back (the rest of the history is gone with the database), with their titles.
    expect(after.papers.map((paper) => paper.id).sort()).toEqual([...marked].sort());
    for (const id of marked) expect(after.papers.find((paper) => paper.id === id)!.title).toBe(before.papers.find((paper) => paper.id === id)!.title);

    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const notice = page.locator('.restore-notice');
    await expect.poll(() => notice.innerText(), { timeout: 10_000 }).toMatch(/^Paperdex restored 4 papers \(2 saved, 2 tagged, 1 read, 1 with notes\) from its backup copy after the browser deleted its database\./);
    await screenshot(page, 'marks-copy-popup');
    const popupAxe = await axeInBothSchemes(page);
    expect(popupAxe).toEqual({ light: [], dark: [] });

    await page.setViewportSize({ width: 1280, height: 700 });
    await page.goto(`chrome-extension://${ext.extensionId}/library.html`);
    await notice.waitFor();
    await screenshot(page, 'marks-copy-library');
    const libraryAxe = await axeInBothSchemes(page);
    expect(libraryAxe).toEqual({ light: [], dark: [] });
    // Dismissed once, gone everywhere.
    await page.getByRole('button', { name: 'Dismiss the restore notice' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await page.getByRole('searchbox', { name: 'Search papers' }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await notice.count()).toBe(0);
    await page.close();
  });
});
