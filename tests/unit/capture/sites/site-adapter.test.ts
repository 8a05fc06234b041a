/**
 * The site-adapter contract, checked the same way for every site: over each site's fixtures, the
 * adapter's URL matching agrees with its parse, its cards are the papers it parses, and its content
 * script's `matches` covers every page it reads (a page the adapter reads but the manifest doesn't
 * match would silently never be captured).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { arxiv } from '@/utils/capture/sites/arxiv';
import { huggingface } from '@/utils/capture/sites/huggingface';
import { countProblem, type SiteAdapter } from '@/utils/capture/sites/site-adapter';
import type { CaptureProblem } from '@/utils/messaging/messages';
import arxivFixtures from '../../../fixtures/arxiv/index.json';
import hfFixtures from '../../../fixtures/hf/index.json';
import { fixtureDocument } from '../../support/load-fixture';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/** The `matches` of a content script, read from its source (WXT reads them the same way at build). */
function contentScriptMatches(name: string): string[] {
  const source = readFileSync(path.join(ROOT, 'entrypoints', `${name}.content.ts`), 'utf8');
  const list = /matches:\s*\[([^\]]*)\]/.exec(source)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

/** A manifest match pattern (`https://host/path*`) as a test of a URL. */
function matchPattern(pattern: string): (url: string) => boolean {
  const [, scheme, host, pathPattern] = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  const pathRegex = new RegExp(`^${pathPattern!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return (raw) => {
    const url = new URL(raw);
    return url.protocol === `${scheme}:` && url.hostname === host && pathRegex.test(url.pathname + url.search);
  };
}

interface Fixture {
  file: string;
  url: string;
  expectedIds: string[];
}

const sites: [string, SiteAdapter, string, Fixture[]][] = [
  ['huggingface', huggingface, 'hf', hfFixtures as Fixture[]],
  ['arxiv', arxiv, 'arxiv', arxivFixtures as Fixture[]],
];

describe.each(sites)('%s adapter', (script, adapter, folder, fixtures) => {
  const matches = contentScriptMatches(script).map(matchPattern);

  it('has a content script whose matches cover every fixture page', () => {
    expect(matches.length).toBeGreaterThan(0);
    for (const fixture of fixtures) expect(matches.some((match) => match(fixture.url)), fixture.url).toBe(true);
  });

  it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))('%s: URL matching agrees with the parse; cards are parsed papers or counted', (_file, fixture) => {
    const doc = fixtureDocument(`${folder}/${fixture.file}`);
    const result = adapter.parse(doc, fixture.url, { acceptMismatch: true });
    const kind = adapter.listingKind(new URL(fixture.url));
    expect(kind).toBeDefined();
    expect(result.listing?.site).toBe(adapter.site);
    // HF's island may say a period page is weekly or monthly where the URL alone says daily.
    if (result.listing?.kind !== kind) expect([adapter.site, kind]).toEqual(['hf', 'daily']);
    // A card is a parsed paper, or a broken card the parse counted.
    const parsed = new Set(result.papers.map((paper) => paper.id));
    const unparsed = adapter.listCards(doc).filter((card) => !parsed.has(card.id));
    if (unparsed.length) expect(result.problems.map((problem) => problem.reason)).toContain('card-invalid');
    if (adapter.parseSteps) {
      const steps = adapter.parseSteps(doc, fixture.url);
      let next = steps.next();
      while (!next.done) next = steps.next();
      expect(next.value).toEqual(result);
    }
  });

  it('reads no page of another site', () => {
    expect(adapter.listingKind(new URL('https://example.com/list/cs.LG/new'))).toBeUndefined();
    expect(adapter.parse(fixtureDocument(`${folder}/${fixtures[0]!.file}`), 'https://example.com/papers').listing).toBeUndefined();
  });
});

describe('countProblem', () => {
  it('counts a problem kind once with its first detail, adding counts', () => {
    const problems: CaptureProblem[] = [];
    countProblem(problems, 'card-invalid', 'first');
    countProblem(problems, 'card-invalid', 'second', 3);
    countProblem(problems, 'no-cards', 'none');
    expect(problems).toEqual([
      { reason: 'card-invalid', count: 4, detail: 'first' },
      { reason: 'no-cards', count: 1, detail: 'none' },
    ]);
  });
});
