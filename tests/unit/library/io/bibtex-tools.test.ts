/**
 * The BibTeX export read by the tools people cite with: classic `bibtex` (TeX Live, style plain) and
 * `biber`. CI installs both (`.ci/run`, Debian's texlive-binaries, texlive-base and biber) and sets
 * `PAPERDEX_REQUIRE_BIB_TOOLS=1`, so there a missing tool fails the test; on a machine without them it
 * is skipped, saying so.
 */
import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperdexDB } from '@/utils/library/schema';
import { exportLibrary } from '@/utils/library/io';
import type { PaperRecord } from '@/utils/paper/record';
import { fillSampleLibrary, storedPaper, T0 } from '../../support/sample-library';

const installed = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
const required = process.env.PAPERDEX_REQUIRE_BIB_TOOLS === '1';
const tools = { bibtex: installed('bibtex'), biber: installed('biber') };
if (!required && !(tools.bibtex && tools.biber)) console.warn('[bibtex-tools] bibtex or biber is not installed: these tests are skipped');

let db: PaperdexDB;
let dir: string;
beforeEach(() => {
  db = new PaperdexDB(`bib-tools-${Math.random()}`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'paperdex-bib-'));
});
afterEach(async () => {
  await db.delete();
  rmSync(dir, { recursive: true, force: true });
});

/** Page text at its worst: unbalanced braces, TeX commands, comment and entry syntax, other scripts. */
const HOSTILE: PaperRecord[] = [
  storedPaper({ id: '2403.20001', title: 'Unbalanced {{{ braces } and \\input{/etc/passwd} 100% #1 $x_i^2$ ~ & _', authors: ['Ann {Brace', 'Bob} Close'], abstract: '}\n@misc{evil, title = {pwned}}\n% not a comment' }),
  storedPaper({ id: '2403.20002', title: 'Diffusion Models, Again', authors: ['Mei Tanaka'], publishedAt: '2024-03-02' }),
  storedPaper({ id: '2403.20003', title: 'Diffusion Models Revisited', authors: ['Mei Tanaka'], publishedAt: '2024-03-03' }),
  storedPaper({ id: '2403.20004', title: '拡散モデルの研究 🚀', authors: ['山田 太郎', 'Zoë Ñúñez-Ørsted'], tags: ['日本語', 'to-read'] }),
  storedPaper({ id: '2501.00099' }), // saved by id: no title, no author
];

async function exportBib(): Promise<{ file: string; count: number }> {
  await fillSampleLibrary(db);
  await db.papers.bulkPut(HOSTILE);
  const { blob, count } = await exportLibrary(db, { format: 'bibtex', now: T0 });
  const file = path.join(dir, 'library.bib');
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  return { file, count };
}

const run = (tool: string, args: string[]) => {
  const result = spawnSync(tool, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

// bibtex and biber are real processes: seconds each on a loaded machine, so past Vitest's 5 s default.
describe.runIf(required || (tools.bibtex && tools.biber))('the BibTeX export, read by bibtex and biber', { timeout: 60_000 }, () => {
  it('bibtex (style plain) reads every entry without an error or a warning', async () => {
    expect(tools.bibtex, 'bibtex is not installed').toBe(true);
    const { count } = await exportBib();
    expect(count).toBe(4 + HOSTILE.length);
    // What LaTeX writes for \nocite{*} with \bibliography{library} and \bibliographystyle{plain}.
    writeFileSync(path.join(dir, 'paper.aux'), '\\relax\n\\citation{*}\n\\bibdata{library}\n\\bibstyle{plain}\n');
    const { status, output } = run('bibtex', ['paper']);
    const log = readFileSync(path.join(dir, 'paper.blg'), 'utf8');
    expect({ status, warnings: log.match(/^Warning--.*$/gm) ?? [], errors: log.match(/error message/g) ?? [] }, output).toEqual({ status: 0, warnings: [], errors: [] });
    const bbl = readFileSync(path.join(dir, 'paper.bbl'), 'utf8');
    const keys = [...bbl.matchAll(/\\bibitem\{([^}]+)\}/g)].map((match) => match[1]);
    expect(keys).toHaveLength(count);
    expect(new Set(keys).size).toBe(count);
    // The two Tanaka 2024 "Diffusion" papers get distinct keys, the older id the plain one.
    expect(keys).toEqual(expect.arrayContaining(['tanaka2024diffusion', 'tanaka2024diffusionb']));
    // Hostile text stays text: the entry syntax in an abstract made no entry of its own.
    expect(keys).not.toContain('evil');
  });

  it('biber reads every entry without an error or a warning', async () => {
    expect(tools.biber, 'biber is not installed').toBe(true);
    const { file, count } = await exportBib();
    const out = path.join(dir, 'checked.bib');
    const { status, output } = run('biber', ['--tool', '--quiet', '--output-file', out, file]);
    expect({ status, problems: output.match(/^(?:WARN|ERROR) - .*$/gm) ?? [] }, output).toEqual({ status: 0, problems: [] });
    const entries = [...readFileSync(out, 'utf8').matchAll(/^@(\w+)\{([^,]+),/gm)].map((match) => [match[1]!.toLowerCase(), match[2]]);
    expect(entries).toHaveLength(count);
    expect(new Set(entries.map(([, key]) => key)).size).toBe(count);
    expect(entries.every(([type]) => type === 'misc')).toBe(true);
  });
});
