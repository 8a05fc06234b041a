/**
 * The library's Stats view, a grid of cards that says what matters first: papers seen this week (and how
 * that compares with last week), the library's totals, storage health, papers seen over time (per day
 * for a young library, per week up to half a year; a bar chart with its numbers as a table), reading
 * lists (tags with their counts) and capture problems in plain words. Everything but capture problems is
 * computed from the rows the library page already holds (`utils/ui/library-page/stats.ts`, a few ms at
 * 50k), so it shows as soon as the page has loaded the library and follows every change with it.
 */
import { useMemo } from 'preact/hooks';
import type { CaptureProblemRecord } from '@/utils/library/schema';
import { describeProblems } from '@/utils/ui/library-page/capture-problems';
import type { LoadedRows } from '@/utils/ui/library-page/loaded-rows';
import {
  type LibraryTotals,
  type SeenChart,
  type TagCount,
  type WeekCount,
  seenChart,
  tagCounts,
  totalsOf,
  weeklySeen,
} from '@/utils/ui/library-page/stats';
import { calendarDate, formatDayTime } from '@/utils/ui/shared/seen-time';
import { StorageSetting } from './settings/StorageSetting';
import { SyncIgnoredNote } from './SyncIgnoredNote';
import './panels.css';

type CaptureProblems = readonly CaptureProblemRecord[];

const number = (value: number) => value.toLocaleString('en-US');
const papers = (count: number) => `${number(count)} ${count === 1 ? 'paper' : 'papers'}`;
/** Reading lists shown; the rest are counted. */
const SHOWN_LISTS = 12;

export interface StatsPanelProps {
  library: LoadedRows;
  /** The capture problems recorded; `undefined` until read. */
  problems: CaptureProblems | undefined;
}

export function StatsPanel({ library, problems }: StatsPanelProps) {
  const { rows, version, complete, loaded } = library;
  // Figures of a half-loaded library would be wrong, not early: shown once every row is in.
  const figures = useMemo(() => {
    if (!complete) return undefined;
    const now = Date.now();
    const all = [...rows.values()];
    const [lastWeek, thisWeek] = weeklySeen(all, now, 2).weeks as [WeekCount, WeekCount];
    return { totals: totalsOf(all), chart: seenChart(all, now), lists: tagCounts(all), thisWeek, lastWeek, now };
  }, [rows, version, complete]);
  return (
    <div class="pd-panel pd-stats">
      <section class="pd-card pd-area-week" aria-labelledby="pd-stats-week">
        <h2 id="pd-stats-week">This week</h2>
        {figures ? (
          <ThisWeek thisWeek={figures.thisWeek} lastWeek={figures.lastWeek} />
        ) : (
          <p class="pd-note" role="status">
            Loading the library… {number(loaded)} papers so far
          </p>
        )}
      </section>
      <section class="pd-card pd-area-library" aria-labelledby="pd-stats-totals">
        <h2 id="pd-stats-totals">Your library</h2>
        <Totals totals={figures?.totals} />
      </section>
      <section class="pd-card pd-area-storage" aria-labelledby="pd-stats-storage">
        <h2 id="pd-stats-storage">Storage</h2>
        <StorageSetting />
        <SyncIgnoredNote />
      </section>
      <section class="pd-card pd-area-chart" aria-labelledby="pd-stats-chart">
        <h2 id="pd-stats-chart">{figures?.chart.unit === 'day' ? 'Papers seen per day' : 'Papers seen per week'}</h2>
        {figures ? <Chart chart={figures.chart} now={figures.now} /> : <p class="pd-note" aria-busy="true">Counting…</p>}
      </section>
      <section class="pd-card pd-area-lists" aria-labelledby="pd-stats-lists">
        <h2 id="pd-stats-lists">Reading lists</h2>
        {figures ? <ReadingLists lists={figures.lists} /> : <p class="pd-note" aria-busy="true">Counting…</p>}
      </section>
      <section class="pd-card pd-area-problems" aria-labelledby="pd-stats-problems">
        <h2 id="pd-stats-problems">Capture problems</h2>
        <Problems problems={problems} />
      </section>
    </div>
  );
}

/** "12 more than last week (30)", "3 fewer than last week (15)", "as many as last week", "none last week". */
export function weekTrend(thisWeek: number, lastWeek: number): string {
  if (lastWeek === 0) return thisWeek ? 'none last week' : 'none last week either';
  if (thisWeek === lastWeek) return 'as many as last week';
  const than = `than last week (${number(lastWeek)})`;
  return thisWeek > lastWeek ? `${number(thisWeek - lastWeek)} more ${than}` : `${number(lastWeek - thisWeek)} fewer ${than}`;
}

function ThisWeek({ thisWeek, lastWeek }: { thisWeek: WeekCount; lastWeek: WeekCount }) {
  const direction = thisWeek.seen > lastWeek.seen ? 'up' : thisWeek.seen < lastWeek.seen ? 'down' : 'flat';
  return (
    <>
      <dl class="pd-headline" aria-label="This week">
        <div>
          <dt>Papers seen</dt>
          <dd>{number(thisWeek.seen)}</dd>
        </div>
      </dl>
      <p class={`pd-trend pd-trend-${direction}`}>
        <span aria-hidden="true">{direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : ''}</span>
        {weekTrend(thisWeek.seen, lastWeek.seen)}
      </p>
      <p class="pd-note">{thisWeek.firstSeen ? `${papers(thisWeek.firstSeen)} new to your library.` : 'No new paper this week yet.'}</p>
    </>
  );
}

function Figure({ label, value, hint }: { label: string; value: number | undefined; hint?: string | undefined }) {
  return (
    <div class="pd-figure">
      <dt>{label}</dt>
      <dd aria-busy={value === undefined}>{value === undefined ? '…' : number(value)}</dd>
      {hint && <dd class="pd-figure-hint">{hint}</dd>}
    </div>
  );
}

function Totals({ totals }: { totals: LibraryTotals | undefined }) {
  const { seen, saved, read, tagged } = totals ?? {};
  const { hf, arxiv } = totals?.bySource ?? {};
  const share = (part: number | undefined) => (seen && part !== undefined ? `${Math.round((part / seen) * 100)}%` : undefined);
  return (
    <>
      <dl class="pd-figures" aria-label="Totals">
        <Figure label="Seen" value={seen} hint="in all" />
        <Figure label="Saved" value={saved} hint={share(saved)} />
        <Figure label="Read" value={read} hint={share(read)} />
        <Figure label="Tagged" value={tagged} hint={share(tagged)} />
      </dl>
      <h3 class="pd-subhead">By source</h3>
      <dl class="pd-facts" aria-label="By source">
        <div>
          <dt>Hugging Face</dt>
          <dd aria-busy={hf === undefined}>{hf === undefined ? '…' : number(hf)}</dd>
        </div>
        <div>
          <dt>arXiv</dt>
          <dd aria-busy={arxiv === undefined}>{arxiv === undefined ? '…' : number(arxiv)}</dd>
        </div>
      </dl>
      <p class="pd-note">A paper seen on both sites counts in each.</p>
    </>
  );
}

const BAR_WIDTH = 10;
const BAR_GAP = 4;
const CHART_HEIGHT = 120;

/** "Week of Dec 7" or "Dec 7", for a period of the chart. */
function periodLabel(unit: SeenChart['unit'], period: WeekCount, now: number): string {
  return unit === 'week' ? `Week of ${calendarDate(period.start, now)}` : calendarDate(period.start, now);
}

/** The chart's words: also its text alternative. */
export function chartSummary({ unit, periods, seen, firstSeen }: SeenChart, now: number): string {
  const span = `the last ${periods.length} ${unit === 'week' ? 'weeks' : 'days'}`;
  if (seen === 0) return `No papers seen in ${span}.`;
  const current = periods.at(-1)!;
  const busiest = periods.reduce((best, period) => (period.seen > best.seen ? period : best), periods[0]!);
  const when = unit === 'week' ? `in the week of ${calendarDate(busiest.start, now)}` : `on ${calendarDate(busiest.start, now)}`;
  return (
    `${number(seen)} papers seen in ${span}, ${number(firstSeen)} of them new; ` +
    `${number(current.seen)} ${unit === 'week' ? 'this week' : 'today'} (${number(current.firstSeen)} new); ` +
    `the most, ${number(busiest.seen)}, ${when}.`
  );
}

function Chart({ chart, now }: { chart: SeenChart; now: number }) {
  const { unit, periods } = chart;
  const max = Math.max(1, ...periods.map((period) => period.seen));
  const width = periods.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
  const summary = chartSummary(chart, now);
  const barHeight = (count: number) => (count ? Math.max(2, (count / max) * CHART_HEIGHT) : 0);
  const per = unit === 'week' ? 'week' : 'day';
  return (
    <figure class="pd-chart">
      <figcaption class="pd-note">{summary}</figcaption>
      <div class="pd-chart-area">
        <span class="pd-chart-max" aria-hidden="true">
          {number(max)}
        </span>
        <svg
          class="pd-chart-svg"
          viewBox={`0 0 ${width} ${CHART_HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Bar chart of papers seen per ${per} over the last ${periods.length} ${per}s, the part seen for the first time darker. ${summary}`}
        >
          {periods.map((period, index) => {
            const x = index * (BAR_WIDTH + BAR_GAP);
            const seen = barHeight(period.seen);
            const firstSeen = barHeight(period.firstSeen);
            return (
              <g key={period.start}>
                {/* A full-height hit area, so every period has a tooltip, empty ones too. */}
                <rect class="pd-bar-track" x={x} y={0} width={BAR_WIDTH} height={CHART_HEIGHT}>
                  <title>{`${periodLabel(unit, period, now)}: ${number(period.seen)} seen, ${number(period.firstSeen)} new`}</title>
                </rect>
                <rect class="pd-bar" x={x} y={CHART_HEIGHT - seen} width={BAR_WIDTH} height={seen} />
                <rect class="pd-bar pd-bar-new" x={x} y={CHART_HEIGHT - firstSeen} width={BAR_WIDTH} height={firstSeen} />
              </g>
            );
          })}
        </svg>
        <div class="pd-chart-axis" aria-hidden="true">
          <span>{calendarDate(periods[0]!.start, now)}</span>
          <span>{unit === 'week' ? 'This week' : 'Today'}</span>
        </div>
      </div>
      <p class="pd-legend" aria-hidden="true">
        <span class="pd-swatch pd-swatch-new" /> new to your library <span class="pd-swatch" /> seen again
      </p>
      <details class="pd-details">
        <summary>Show as a table</summary>
        <table class="pd-table">
          <caption class="pd-visually-hidden">
            Papers seen per {per}, last {periods.length} {per}s
          </caption>
          <thead>
            <tr>
              <th scope="col">{unit === 'week' ? 'Week' : 'Day'}</th>
              <th scope="col">Papers seen</th>
              <th scope="col">Seen for the first time</th>
            </tr>
          </thead>
          <tbody>
            {[...periods].reverse().map((period) => (
              <tr key={period.start}>
                <th scope="row">{periodLabel(unit, period, now)}</th>
                <td>{number(period.seen)}</td>
                <td>{number(period.firstSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function ReadingLists({ lists }: { lists: readonly TagCount[] }) {
  if (!lists.length) {
    return <p class="pd-note">No reading lists yet. Tag a paper (in the popup, on a listing or here) and each tag becomes a list.</p>;
  }
  const shown = lists.slice(0, SHOWN_LISTS);
  const more = lists.length - shown.length;
  return (
    <>
      <ul class="pd-lists" aria-label="Reading lists">
        {shown.map(({ tag, count }) => (
          <li key={tag}>
            <span class="tag-chip pd-list-tag">#{tag}</span>
            <span class="pd-list-count">{papers(count)}</span>
          </li>
        ))}
      </ul>
      {more > 0 && <p class="pd-note">and {number(more)} more {more === 1 ? 'tag' : 'tags'} (all in the library's sidebar).</p>}
    </>
  );
}

function Problems({ problems }: { problems: CaptureProblems | undefined }) {
  const now = Date.now();
  if (!problems) {
    return (
      <p class="pd-note" aria-busy="true">
        Reading…
      </p>
    );
  }
  if (!problems.length) {
    return <p class="pd-note">None: every page Paperdex read looked the way it expects.</p>;
  }
  return (
    <>
      <p class="pd-note">
        These usually mean a site changed how its pages are built. Paperdex keeps working with what it can read; an update of
        Paperdex fixes the rest.
      </p>
      <ul class="pd-problems" aria-label="Capture problems">
        {describeProblems(problems, now).map((problem) => (
          <li key={problem.key} class="pd-problem">
            <p class="pd-problem-headline">{problem.headline}</p>
            {problem.consequence && <p class="pd-problem-text">{problem.consequence}</p>}
            <p class="pd-problem-meta">
              Last on {formatDayTime(problem.lastAt)}
              {problem.lastUrl && (
                <>
                  {' '}
                  at <span class="pd-url">{problem.lastUrl}</span>
                </>
              )}
            </p>
            {problem.lastDetail && (
              <p class="pd-problem-meta">
                Detail: <bdi>{problem.lastDetail}</bdi>
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
