import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

/** Where each checked page's full axe results and the summary of all of them land. */
export const AXE_DIR = '.cache/axe';

/** WCAG 2.0 and 2.1, levels A and AA: what the portal promises. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The impacts that fail a journey; moderate and minor ones are reported only. */
type Impact = 'critical' | 'serious' | 'moderate' | 'minor';
const BLOCKING: Impact[] = ['critical', 'serious'];
const IMPACTS: Impact[] = ['critical', 'serious', 'moderate', 'minor'];

interface Scope {
  /** Check only these parts of the page (CSS selectors). */
  include?: string[];
  /** Leave these parts out, each with the reason in a comment where it is passed. */
  exclude?: string[];
}

interface PageRecord {
  name: string;
  url: string;
  checkedAt: string;
  scope: Scope;
  counts: Record<Impact, number>;
  results: AxeResults;
}

/**
 * Backstage's own chrome, on every page, that we cannot change. The sidebar's
 * notifications item (NotificationsSidebarItem of Backstage's notifications plugin)
 * names its link "Notifications" while it shows the unread count too, which axe reads
 * as a name that leaves out visible text (label-content-name-mismatch).
 */
const BACKSTAGE_CHROME = [
  'nav[aria-label="sidebar nav"] a[href="/notifications"]',
];

/** The finite, timed CSS transitions and animations running now, for a log line. */
function movingNow() {
  return document
    .getAnimations()
    .filter(
      a =>
        a.playState === 'running' &&
        a.effect?.getTiming().iterations !== Infinity &&
        // Scroll-driven ones (Backstage's card shadows) run as long as the page.
        a.timeline === document.timeline,
    )
    .map(a => {
      const name =
        (a as CSSAnimation).animationName ??
        (a as CSSTransition).transitionProperty ??
        'animation';
      const target = (a.effect as KeyframeEffect | null)?.target;
      return `${name} on ${target?.tagName.toLowerCase()}.${target?.className}`;
    });
}

/**
 * Waits a few seconds at most for finite transitions and animations to end: axe reads
 * colours as drawn, and a fading element would read as low contrast. Something that
 * keeps moving is named in the log and the page is checked as it is.
 */
async function settle(page: Page) {
  try {
    await expect
      .poll(() => page.evaluate(movingNow), { timeout: 5_000 })
      .toEqual([]);
  } catch {
    const moving = await page.evaluate(movingNow);
    // eslint-disable-next-line no-console
    console.log(`axe: still moving after 5 s: ${moving.join(', ')}`);
  }
}

function countByImpact(violations: Result[]) {
  const counts = Object.fromEntries(IMPACTS.map(i => [i, 0])) as Record<
    Impact,
    number
  >;
  for (const v of violations) {
    // One rule broken on five elements counts five times: each is a place to fix.
    if (v.impact) counts[v.impact as Impact] += v.nodes.length;
  }
  return counts;
}

function summaryLine(record: PageRecord) {
  const c = record.counts;
  const rules = record.results.violations.map(v => v.id).join(', ');
  return `${record.name}: ${c.critical} critical, ${c.serious} serious, ${
    c.moderate
  } moderate, ${c.minor} minor${rules ? ` (${rules})` : ''}; ${
    record.results.passes.length
  } rules passed, ${record.results.incomplete.length} to check by hand; ${
    new URL(record.url).pathname
  } at ${record.checkedAt}`;
}

/** Rewrites summary.txt from every page's results in {@link AXE_DIR}, one line a page. */
function writeSummary() {
  const lines = fs
    .readdirSync(AXE_DIR)
    .filter(file => file.endsWith('.json'))
    .sort()
    .map(file => {
      const record: PageRecord = JSON.parse(
        fs.readFileSync(path.join(AXE_DIR, file), 'utf8'),
      );
      return summaryLine(record);
    });
  fs.writeFileSync(path.join(AXE_DIR, 'summary.txt'), `${lines.join('\n')}\n`);
}

/** What a person fixing it needs: rule, impact, what it asks, where (first targets). */
export function describeViolation(v: Result) {
  const targets = v.nodes.slice(0, 3).map(n => n.target.join(' >> '));
  const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
  return `${v.id} (${v.impact}): ${v.help} at ${targets.join(' | ')}${more}`;
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now, saves the full results as
 * `.cache/axe/<name>.json`, rewrites `.cache/axe/summary.txt` and fails the test if
 * axe finds a serious or critical violation, naming each. The failure is soft: the
 * journey goes on and the pages after this one are still checked.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  name: string,
  scope: Scope = {},
) {
  await page.waitForLoadState('networkidle');
  await settle(page);
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  for (const selector of scope.include ?? [])
    builder = builder.include(selector);
  for (const selector of [...BACKSTAGE_CHROME, ...(scope.exclude ?? [])]) {
    builder = builder.exclude(selector);
  }
  const results = await builder.analyze();
  const record: PageRecord = {
    name,
    url: page.url(),
    checkedAt: new Date().toISOString(),
    scope,
    counts: countByImpact(results.violations),
    results,
  };
  fs.mkdirSync(AXE_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(AXE_DIR, `${name}.json`),
    JSON.stringify(record, null, 2),
  );
  writeSummary();
  // eslint-disable-next-line no-console
  console.log(`axe ${summaryLine(record)}`);
  const blocking = results.violations
    .filter(v => BLOCKING.includes(v.impact as Impact))
    .map(describeViolation);
  expect
    .soft(blocking, `serious or critical axe violations on ${name}`)
    .toEqual([]);
}
