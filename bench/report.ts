import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One row of the table: a scenario, the figure of issue 10 ("before"), this run's, a peer's. */
export interface Row {
  scenario: string;
  before: string;
  now: string;
  peer?: string;
  /** Requests per second, for the chart (HTTP scenarios only). */
  chart?: { now: number; peer?: number };
}

/** The figures issue 10 recorded before this work, on the same kind of machine. */
export const BEFORE: Record<string, string> = {
  'storefront page 20': '202 req/s, p99 271 ms (Hive Gateway 187)',
  'storefront page 20, anonymous (response cache)': 'not cached (202 req/s)',
  'storefront page 100': '73 req/s (Hive Gateway 64)',
  'storefront page 20, one process': '116 req/s',
  'storefront page 100, one process': '47 req/s',
  'catalog subgraph alone, page 20': '445 req/s',
  checkout: '72 orders/s reach AWAITING_PAYMENT, p99 5.4 s',
  'fan-out, distinct orders': 'p50 27 ms, p99 154 ms; +150 KB per subscription',
  'fan-out, shared orders': 'p50 394 ms, p99 611 ms',
  'resident memory at rest, after seeding': '105-185 MB a process, gateway 184 (sampled at once)',
};

function markdown(rows: Row[], heading: string): string {
  const lines = [
    heading,
    '',
    '| scenario | issue 10 (before) | this run | Hive Gateway (ratio) |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.scenario} | ${row.before} | ${row.now} | ${row.peer ?? '—'} |`),
    '',
    'Reads are signed in (never cached) unless the row says anonymous; Hive Gateway gets them',
    'without the token, its merging of identical in-flight subgraph requests off. 32 connections.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Horizontal bars of req/s: this run beside the peer where there is one. */
function svg(rows: Row[]): string {
  const charted = rows.filter((row) => row.chart);
  const max = Math.max(1, ...charted.flatMap((row) => [row.chart!.now, row.chart!.peer ?? 0]));
  const width = 640;
  const bar = (value: number) => Math.round((value / max) * 300);
  const parts = charted.flatMap((row, index) => {
    const y = 20 + index * 44;
    const chart = row.chart!;
    return [
      `<text x="0" y="${y + 12}" font-size="12">${escape(row.scenario)}</text>`,
      `<rect x="250" y="${y}" width="${bar(chart.now)}" height="14" fill="#2b6cb0"/>`,
      `<text x="${255 + bar(chart.now)}" y="${y + 12}" font-size="11">${chart.now} req/s</text>`,
      ...(chart.peer === undefined
        ? []
        : [
            `<rect x="250" y="${y + 16}" width="${bar(chart.peer)}" height="14" fill="#a0aec0"/>`,
            `<text x="${255 + bar(chart.peer)}" y="${y + 28}" font-size="11">${chart.peer} req/s (Hive Gateway)</text>`,
          ]),
    ];
  });
  const height = 30 + charted.length * 44;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">\n${parts.join('\n')}\n</svg>\n`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/**
 * Writes `.data/bench/<date>.json` (every figure), `<date>.md` (the table) and `<date>.svg` (the
 * chart), plus `latest.*` copies for the README to link. Returns the table.
 */
export function writeReport(root: string, rows: Row[], details: Record<string, unknown>): string {
  const dir = join(root, '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const table = markdown(rows, `Bazaar benchmark, ${new Date().toISOString()}`);
  for (const name of [stamp, 'latest']) {
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ rows, details }, null, 2)}\n`);
    writeFileSync(join(dir, `${name}.md`), table);
    writeFileSync(join(dir, `${name}.svg`), svg(rows));
  }
  return table;
}
