// Opens the HTML report in headless Chromium with the network cut off, as a reader would offline.
// Run by ReportBrowserIT; every input comes from the environment, the verdict is the exit code.
// Writes every figure the page shows (data-testid → data-value and the text shown) to VALUES_FILE,
// for the test to compare with the query API's answers.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const report = resolve(required('REPORT_FILE'));
const valuesFile = required('VALUES_FILE');
const screenshot = required('SCREENSHOT');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const timeout = Number(process.env.STEP_TIMEOUT_MS || 30000);

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
}

function step(text) {
  console.log(`[report-test] ${text}`);
}

/** The number a text shows ("1,284", "-1,182.5", "9.8 %"), and how many decimals it shows. */
function shown(text) {
  const match = text.replace(/[,\u00a0\s]/g, '').match(/^-?\d+(\.\d+)?/);
  if (!match) { return null; }
  return { number: Number(match[0]), decimals: match[1] ? match[1].length - 1 : 0, percent: text.includes('%') };
}

mkdirSync(dirname(screenshot), { recursive: true });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
  const url = pathToFileURL(report).href;
  // Whatever the page would fetch is refused and noted; only the report file itself may load.
  const requests = [];
  await context.route('**/*', (route) => {
    const asked = route.request().url();
    if (asked === url) { return route.continue(); }
    requests.push(asked);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => { if (r.url() !== url) { requests.push(r.url()); } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') { problems.push(`console error: ${m.text()}`); } });
  page.setDefaultTimeout(timeout);

  step(`open ${url} offline`);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  if (requests.length) { problems.push(`the page asked the network for: ${[...new Set(requests)].join(', ')}`); }
  step(`network requests attempted: ${requests.length}`);

  const title = await page.title();
  step(`title: ${title}`);
  for (const id of ['headline', 'trend', 'kinds', 'segments', 'incidents', 'promises', 'win-back']) {
    if (!(await page.locator(`section#${id}`).isVisible())) { problems.push(`section ${id} not shown`); }
  }
  const chart = await page.locator('#trend svg.chart').boundingBox();
  if (!chart || chart.width < 600 || chart.height < 150) {
    problems.push(`the daily chart is drawn ${JSON.stringify(chart)}, expected at least 600×150`);
  }
  const points = await page.locator('#trend svg.chart circle.mean').count();
  step(`chart ${Math.round(chart?.width)}×${Math.round(chart?.height)} with ${points} days`);
  const bars = await page.locator('#kinds svg.bar rect.lost').count();
  if (bars === 0) { problems.push('no bar of points lost drawn'); }

  const figures = await page.locator('[data-testid][data-value]').evaluateAll((nodes) => nodes.map((n) => ({
    id: n.getAttribute('data-testid'),
    value: n.getAttribute('data-value'),
    text: n.tagName.toLowerCase() === 'span' ? n.textContent.trim() : null,
    visible: n.getClientRects().length > 0,
  })));
  const values = {};
  for (const f of figures) {
    if (f.id in values) { problems.push(`test id ${f.id} appears twice`); }
    values[f.id] = { value: Number(f.value), text: f.text };
    if (!f.visible) { problems.push(`${f.id} is not shown`); }
    if (f.text !== null) {
      const s = shown(f.text);
      const expected = Number(f.value) * (s?.percent ? 100 : 1);
      if (!s || Math.abs(s.number - expected) > 0.5 * 10 ** -s.decimals + 1e-9) {
        problems.push(`${f.id} shows "${f.text}" for ${f.value}`);
      }
    }
  }
  writeFileSync(valuesFile, JSON.stringify(values, null, 1));
  step(`figures read: ${figures.length}`);

  await page.screenshot({ path: screenshot, fullPage: true });
  step(`screenshot ${screenshot}`);

  if (problems.length) { throw new Error(problems.join('\n')); }
  step('PASS');
} catch (e) {
  console.error(`[report-test] FAIL: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
