// Drives the ops console like an on-call lead would: watch the live feed, open the subject, then
// look at the experience index over time (index-view-test.mjs).
// Run by ConsoleBrowserIT; every input comes from the environment, the verdict is the exit code.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkIndexView } from './index-view-test.mjs';

const url = required('CONSOLE_URL');
const subject = required('SUBJECT_ID');
const alertType = required('ALERT_TYPE');
const shots = required('SCREENSHOT_DIR');
const apiKey = required('API_KEY');
const historyPoints = Number(required('HISTORY_POINTS'));
const subjectTrend = Number(required('SUBJECT_TREND'));
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const timeout = Number(process.env.STEP_TIMEOUT_MS || 60000);

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
}

function step(text) {
  console.log(`[console-test] ${text}`);
}

mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Before signing in the data is refused (401), as it should be, and the browser logs each refusal,
  // sometimes late; refusals are judged by the responses instead: none once signed in.
  let signedIn = false;
  // Refusals a step provokes on purpose (a bad parameter: 400) are allowed from then on.
  const expected = ['status of 401'];
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.some((e) => m.text().includes(e))) { problems.push(`console error: ${m.text()}`); }
  });
  page.on('response', (r) => {
    if (signedIn && (r.status() === 401 || r.status() === 403)) { problems.push(`refused after signing in: ${r.status()} ${r.url()}`); }
  });
  page.setDefaultTimeout(timeout);

  step(`open ${url}`);
  await page.goto(url);
  await page.locator('[data-testid="login"]').waitFor();
  step('asked for an API key');
  await page.locator('[data-testid="api-key"]').fill(apiKey);
  await page.locator('[data-testid="sign-in"]').click();
  await page.locator('[data-testid="login"]').waitFor({ state: 'hidden' });
  step('signed in');
  await page.locator('#live[data-state="live"]').waitFor();
  signedIn = true;
  step('live stream connected');

  const card = page.locator(`[data-testid="alert-feed"] li[data-subject="${subject}"][data-type="${alertType}"]`).first();
  await card.waitFor();
  const why = (await card.locator('.why').textContent()).trim();
  const next = (await card.locator('.next').textContent()).trim();
  const severity = await card.getAttribute('data-severity');
  if (!why || !next) { throw new Error(`alert card lacks why/next step: "${why}" / "${next}"`); }
  step(`alert in feed: ${severity} "${why}" / next: "${next}"`);

  await page.locator('[data-testid="incident"]').first().waitFor();
  const incident = (await page.locator('[data-testid="incident"]').first().textContent()).trim();
  step(`incident banner: ${incident}`);

  await page.locator('#stats-summary', { hasText: 'subjects' }).waitFor();
  await page.locator('[data-testid="histogram"] svg').waitFor();
  await page.locator('[data-testid="at-risk"] tbody tr').first().waitFor();
  step('at-risk table and histogram drawn');
  // The trend as the console writes it: the engine's number, to one decimal, with its arrow.
  const trendText = (subjectTrend > 0 ? '▲ ' : subjectTrend < 0 ? '▼ ' : '') + Math.abs(subjectTrend).toFixed(1);
  const trendCell = page.locator(`[data-testid="at-risk"] tr[data-subject="${subject}"] [data-testid="at-risk-trend"]`);
  await trendCell.waitFor();
  const shownTrend = (await trendCell.textContent()).trim();
  if (shownTrend !== trendText) { throw new Error(`at-risk trend of ${subject} is "${shownTrend}", the API says ${subjectTrend}`); }
  const young = page.locator(`[data-testid="at-risk"] tr:not([data-subject="${subject}"]) [data-testid="at-risk-trend"]`).first();
  const youngText = (await young.textContent()).trim();
  const youngTitle = (await young.getAttribute('title')) || '';
  if (youngText !== 'new' || !youngTitle.includes('30 days')) {
    throw new Error(`a customer met today shows trend "${youngText}" (title "${youngTitle}"), expected "new" with a tooltip`);
  }
  const youngSubject = await young.locator('xpath=..').getAttribute('data-subject');
  step(`at-risk trend: ${subject} ${shownTrend}, customers met today "${youngText}"`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(shots, 'console-screenshot.png') });

  step('open the subject from the feed');
  await card.locator('[data-testid="alert-subject"]').click();
  await page.locator('[data-testid="subject-id"]', { hasText: subject }).waitFor();
  await page.locator(`[data-testid="subject-alerts"] li[data-type="${alertType}"]`).first().waitFor();
  const subjectWhy = (await page.locator(`[data-testid="subject-alerts"] li[data-type="${alertType}"] .why`).first().textContent()).trim();
  if (subjectWhy !== why) { throw new Error(`subject page shows "${subjectWhy}", feed showed "${why}"`); }
  const score = (await page.locator('[data-testid="subject-score"]').textContent()).trim();
  const clocks = (await page.locator('[data-testid="due-clocks"]').textContent()).trim();
  if (!/due in|overdue by/.test(clocks)) { throw new Error(`no due countdown on the subject page: "${clocks}"`); }
  const touchpoints = await page.locator('[data-testid="timeline"] li[data-kind="touchpoint"]').count();
  if (touchpoints < 3) { throw new Error(`timeline shows ${touchpoints} touchpoints, expected at least 3`); }
  step(`subject page: score ${score}, ${touchpoints} touchpoints, clocks "${clocks.replace(/\s+/g, ' ')}"`);
  const chart = page.locator('[data-testid="score-history"]');
  await chart.waitFor();
  const drawn = await chart.locator('circle.point').count();
  if (drawn !== historyPoints) { throw new Error(`score chart draws ${drawn} points, the API's history has ${historyPoints}`); }
  if ((await chart.locator('[data-testid="score-then"]').count()) !== 1) { throw new Error('score chart does not mark the score 30 days ago'); }
  const chartLabel = (await page.locator('[data-testid="score-history-label"]').textContent()).trim();
  if (!chartLabel.includes(`${historyPoints} known scores`) || !chartLabel.includes('30 days ago')) {
    throw new Error(`score chart label "${chartLabel}" does not name its points and the 30-day comparison`);
  }
  step(`score chart: ${drawn} points, "${chartLabel}"`);
  await page.screenshot({ path: join(shots, 'console-subject.png'), fullPage: true });

  step('act on the alert: acknowledge, assign, snooze, note');
  const open = `[data-testid="subject-alerts"] li[data-type="${alertType}"]`;
  const handling = page.locator(`${open} [data-testid="alert-handling"]`).first();
  await page.locator('[data-testid="operator"]').fill('Browser Test');
  await page.locator(`${open} [data-testid="action-ack"]`).first().click();
  await page.locator(`${open} [data-testid="alert-handling"]`, { hasText: 'Acknowledged by Browser Test' }).first().waitFor();
  await page.locator(`${open} [data-testid="action-text"]`).first().fill('jussi');
  await page.locator(`${open} [data-testid="action-assign"]`).first().click();
  await page.locator(`${open} [data-testid="alert-handling"]`, { hasText: 'Owner: jussi' }).first().waitFor();
  await page.locator(`${open} [data-testid="action-snooze"]`).first().click();
  await page.locator(`${open} [data-testid="alert-handling"]`, { hasText: 'Snoozed until' }).first().waitFor();
  await page.locator(`${open} [data-testid="action-text"]`).first().fill('Called, no answer');
  await page.locator(`${open} [data-testid="action-note"]`).first().click();
  await page.locator(`${open} [data-testid="alert-handling"]`, { hasText: 'Called, no answer' }).first().waitFor();
  step('reload: what ops did comes from the engine');
  await page.reload();
  await page.locator(`${open} [data-testid="alert-handling"]`, { hasText: 'Owner: jussi' }).first().waitFor();
  const shown = (await handling.textContent()).trim();
  for (const part of ['Acknowledged by Browser Test', 'Owner: jussi', 'Snoozed until', 'Called, no answer']) {
    if (!shown.includes(part)) { throw new Error(`after a reload the alert shows "${shown}", missing "${part}"`); }
  }
  step(`alert handling: ${shown}`);
  await page.screenshot({ path: join(shots, 'console-actions.png'), fullPage: true });

  step(`open ${youngSubject}, met today`);
  await page.goto(`${url}#/subjects/${encodeURIComponent(youngSubject)}`);
  await page.locator('[data-testid="subject-id"]', { hasText: youngSubject }).waitFor();
  const youngChart = page.locator('[data-testid="score-history"]');
  await youngChart.waitFor();
  const known = await page.evaluate(async (id) => {
    const r = await fetch(`/v1/subjects/${encodeURIComponent(id)}`,
      { headers: { 'X-Api-Key': sessionStorage.getItem('touchpoints.apiKey') } });
    return (await r.json()).history.length;
  }, youngSubject);
  const youngPoints = await youngChart.locator('circle.point').count();
  const youngLabel = (await page.locator('[data-testid="score-history-label"]').textContent()).trim();
  if (youngPoints !== known || (await youngChart.locator('[data-testid="score-then"]').count()) !== 0
    || !youngLabel.includes('no score from 30 days ago yet')) {
    throw new Error(`${youngSubject}: chart draws ${youngPoints} points (history has ${known}), label "${youngLabel}"`);
  }
  step(`young score chart: ${youngPoints} point(s), "${youngLabel}"`);

  await checkIndexView(page, { shots, step, expectRefusal: (status) => expected.push(`status of ${status}`) });

  if (problems.length) { throw new Error(problems.join('\n')); }
  step('PASS');
} catch (e) {
  console.error(`[console-test] FAIL: ${e.message}`);
  problems.forEach((p) => console.error(`[console-test] ${p}`));
  process.exitCode = 1;
} finally {
  await browser.close();
}
