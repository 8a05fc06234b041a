/**
 * The library's Stats view: totals, papers seen per week, new ones marked (a bar chart with its numbers
 * as a table), papers per source, and capture problems in plain words. The totals and the chart are computed
 * from the rows the library page already holds (`utils/ui/library-page/stats.ts`, a few ms at 50k), so they show
 * as soon as the page has loaded the library and follow every change with it; only capture problems (a
 * handful of records) are read apart, by the page, and handed in.
 */
import { useMemo } from 'preact/hooks';
import type { CaptureProblemRecord } from '@/utils/library/schema';
import { describeProblems, shortDate } from '@/utils/ui/library-page/capture-problems';
import type { LoadedRows } from '@/utils/ui/library-page/loaded-rows';
import { CHART_WEEKS, type LibraryTotals, totalsOf, type WeekCount, type WeeklySeen, weeklySeen } from '@/utils/ui/library-page/stats';
import './panels.css';

type CaptureProblems = readonly CaptureProblemRecord[];

const number = (value: number) => value.toLocaleString('en-US');
const dateTime = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit' });

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
    return { totals: totalsOf(rows.values()), weekly: weeklySeen(rows.values(), now), now };
  }, [rows, version, complete]);
  return (
    <div class="pd-panel pd-stats">
      <section class="pd-section" aria-labelledby="pd-stats-totals">
        <h2 id="pd-stats-totals">Your library</h2>
        {!figures && (
          <p class="pd-note" role="status">
            Loading the library… {number(loaded)} papers so far
          </p>
        )}
        <Totals totals={figures?.totals} />
      </section>
      <section class="pd-section" aria-labelledby="pd-stats-weeks">
        <h2 id="pd-stats-weeks">Papers seen per week</h2>
        <WeeklyChart weekly={figures?.weekly} now={figures?.now ?? 0} />
      </section>
      <section class="pd-section" aria-labelledby="pd-stats-problems">
        <h2 id="pd-stats-problems">Capture problems</h2>
        <Problems problems={problems} />
      </section>
    </div>
  );
}

function Figure({ label, value, hint }: { label: string; value: number | undefined; hint?: string }) {
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
        <Figure label="Seen" value={seen} hint="papers in the library" />
        <Figure label="Saved" value={saved} hint={share(saved)} />
        <Figure label="Read" value={read} hint={share(read)} />
        <Figure label="Tagged" value={tagged} hint={share(tagged)} />
      </dl>
      <h3 class="pd-subhead">By source</h3>
      <dl class="pd-figures" aria-label="By source">
        <Figure label="Hugging Face" value={hf} hint={share(hf)} />
        <Figure label="arXiv" value={arxiv} hint={share(arxiv)} />
      </dl>
      <p class="pd-note">A paper seen on both sites counts in each.</p>
    </>
  );
}

const BAR_WIDTH = 10;
const BAR_GAP = 4;
const CHART_HEIGHT = 120;

function weekLabel(week: WeekCount, now: number): string {
  return `Week of ${shortDate(week.start, now)}`;
}

function WeeklyChart({ weekly, now }: { weekly: WeeklySeen | undefined; now: number }) {
  if (!weekly) {
    return (
      <p class="pd-note" aria-busy="true">
        Counting…
      </p>
    );
  }
  const { weeks } = weekly;
  const max = Math.max(1, ...weeks.map((week) => week.seen));
  const busiest = weeks.reduce((best, week) => (week.seen > best.seen ? week : best), weeks[0]!);
  const thisWeek = weeks.at(-1)!;
  const width = weeks.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
  const summary =
    weekly.seen === 0
      ? `No papers seen in the last ${weeks.length} weeks.`
      : `${number(weekly.seen)} papers seen in the last ${weeks.length} weeks, ${number(weekly.firstSeen)} of them new; ` +
        `${number(thisWeek.seen)} this week (${number(thisWeek.firstSeen)} new); ` +
        `the most, ${number(busiest.seen)}, in the week of ${shortDate(busiest.start, now)}.`;
  const barHeight = (count: number) => (count ? Math.max(2, (count / max) * CHART_HEIGHT) : 0);
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
          aria-label={`Bar chart of papers seen per week over the last ${weeks.length} weeks, the part seen for the first time darker. ${summary}`}
        >
          {weeks.map((week, index) => {
            const x = index * (BAR_WIDTH + BAR_GAP);
            const seen = barHeight(week.seen);
            const firstSeen = barHeight(week.firstSeen);
            return (
              <g key={week.start}>
                {/* A full-height hit area, so every week has a tooltip, empty ones too. */}
                <rect class="pd-bar-track" x={x} y={0} width={BAR_WIDTH} height={CHART_HEIGHT}>
                  <title>{`${weekLabel(week, now)}: ${number(week.seen)} seen, ${number(week.firstSeen)} new`}</title>
                </rect>
                <rect class="pd-bar" x={x} y={CHART_HEIGHT - seen} width={BAR_WIDTH} height={seen} />
                <rect class="pd-bar pd-bar-new" x={x} y={CHART_HEIGHT - firstSeen} width={BAR_WIDTH} height={firstSeen} />
              </g>
            );
          })}
        </svg>
        <div class="pd-chart-axis" aria-hidden="true">
          <span>{shortDate(weeks[0]!.start, now)}</span>
          <span>This week</span>
        </div>
      </div>
      <details class="pd-details">
        <summary>Show as a table</summary>
        <table class="pd-table">
          <caption class="pd-visually-hidden">Papers seen per week, last {CHART_WEEKS} weeks</caption>
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Papers seen</th>
              <th scope="col">Seen for the first time</th>
            </tr>
          </thead>
          <tbody>
            {[...weeks].reverse().map((week) => (
              <tr key={week.start}>
                <th scope="row">{weekLabel(week, now)}</th>
                <td>{number(week.seen)}</td>
                <td>{number(week.firstSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
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
              Last on {dateTime.format(problem.lastAt)}
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
