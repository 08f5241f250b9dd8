// The console's "Over time" view against the query API it reads: the chart's points, the comparison
// cards, the kind hurting most and the customers it hit. Called by console-test.mjs once signed in.
import { join } from 'node:path';

const WHICH = ['current', 'previous', 'yearAgo'];
const NAMES = {
  week: { previous: 'last week', yearAgo: 'a year ago' },
  day: { previous: 'the day before', yearAgo: 'a year ago' },
};

/** The figures as the cards write them: the API's numbers, to the digits it gives. */
const FORMAT = {
  customers: (r) => String(r.customers),
  meanScore: (r) => r.meanScore.toFixed(2),
  medianScore: (r) => r.medianScore.toFixed(1),
  atRiskShare: (r) => `${(r.atRiskShare * 100).toFixed(2)} %`,
  alertsRaised: (r) => String(alerts(r)),
};

function alerts(row) {
  return Object.values(row.alertsRaised).reduce((n, c) => n + c, 0);
}

function value(row, field) {
  return field === 'alertsRaised' ? alerts(row) : row[field];
}

export async function checkIndexView(page, { shots, step, expectRefusal }) {
  const api = (path) => page.evaluate(async (p) => {
    const r = await fetch(p, { headers: { 'X-Api-Key': sessionStorage.getItem('touchpoints.apiKey') } });
    return { status: r.status, body: await r.json() };
  }, path);

  /** The view refreshes every 30 s: on a difference (the engine still moving), reload and look again. */
  async function eventually(what, check) {
    let difference = null;
    for (let attempt = 0; attempt < 6; attempt++) {
      difference = await check();
      if (!difference) { return; }
      await page.waitForTimeout(1000);
      await page.reload();
      await page.locator('[data-testid="index-chart"] svg').waitFor();
    }
    throw new Error(`${what}: ${difference}`);
  }

  step('open "Over time" from the top bar');
  await page.locator('[data-testid="nav-index"]').click();
  await page.locator('[data-testid="index-view"]').waitFor();
  await page.locator('[data-testid="index-period-week"].on').waitFor();

  for (const period of ['day', 'week']) {
    await page.locator(`[data-testid="index-period-${period}"]`).click();
    await page.locator(`[data-testid="index-period-${period}"].on`).waitFor();
    await page.locator('[data-testid="index-chart"] svg').waitFor();
    let rows = [];
    await eventually(`${period} chart`, async () => {
      rows = (await api(`/v1/index?period=${period}&days=90`)).body.rows;
      const drawn = await page.locator('[data-testid="index-chart"] circle.point.mean').count();
      const starts = await page.locator('[data-testid="index-chart"] circle.point.mean')
        .evaluateAll((points) => points.map((p) => p.getAttribute('data-start')));
      return drawn === rows.length && starts.join() === rows.map((r) => r.start).join() ? null
        : `draws ${drawn} points (${starts.join()}), /v1/index has ${rows.length} rows (${rows.map((r) => r.start).join()})`;
    });
    if (rows.length < 2) { throw new Error(`the story should give the ${period} index two rows or more, it has ${rows.length}`); }
    step(`index chart: ${rows.length} ${period}s`);

    const last = rows[rows.length - 1];
    await page.locator('[data-testid="index-chart"] rect.hit').last().hover();
    const tip = page.locator('[data-testid="index-tooltip"]');
    await tip.waitFor();
    const tipText = (await tip.innerText()).trim().replace(/\s*\n\s*/g, ' · ');
    if (!tipText.includes(`${last.customers} customers`) || !tipText.includes(last.meanScore.toFixed(2))) {
      throw new Error(`tooltip of the latest ${period} reads "${tipText}", /v1/index has ${JSON.stringify(last)}`);
    }
    step(`tooltip: ${tipText}`);

    let compare = null;
    await eventually(`${period} comparison cards`, async () => {
      compare = (await api(`/v1/index/compare?period=${period}`)).body;
      return cardsDiffer(await shownCards(page), compare, NAMES[period]);
    });
    step(`comparison cards (${period} of ${compare.start}): ${WHICH.map((w) => `${w} `
      + (compare[w] ? `${compare[w].customers} customers, mean ${compare[w].meanScore}` : 'no data')).join('; ')}`);
  }

  // The week is shown: the kind that hurt most this week, and the customers it hit.
  let compare = null;
  await eventually('hurting table', async () => {
    compare = (await api('/v1/index/compare?period=week')).body;
    if (!compare.hurting.length) { return 'the API lists no kind hurting this week'; }
    const first = page.locator('[data-testid="index-hurting"] [data-testid="kind-row"]').first();
    const key = await first.getAttribute('data-key');
    const points = (await first.locator('[data-testid="kind-points"]').textContent()).trim();
    const top = compare.hurting[0];
    return key === top.key && points === top.pointsLost.toFixed(2) ? null
      : `first row ${key} ${points}, the API's ${top.key} ${top.pointsLost}`;
  });
  const top = compare.hurting[0];
  step(`hurting first: ${top.key} (${top.label}) ${top.pointsLost} points, ${top.customers} customers`);

  await page.locator(`[data-testid="index-hurting"] [data-testid="kind-row"][data-key="${top.key}"] [data-testid="kind-points"]`).click();
  const drill = page.locator(`[data-testid="index-drilldown"][data-kind="${top.key}"][data-loaded="true"]`);
  await drill.waitFor();
  let listed = [];
  await eventually('drill-down', async () => {
    await drill.waitFor();
    const hit = (await api(`/v1/index/kinds/${encodeURIComponent(top.key)}/customers?period=week&start=${compare.start}&limit=50`)).body;
    listed = await page.locator('[data-testid="drill-rows"] tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-subject')));
    const expected = hit.map((r) => r.subjectId);
    if (!expected.length) {
      return (await page.locator('[data-testid="drill-empty"]').count()) === 1 ? null : 'the API lists nobody, the view does not say so';
    }
    return listed.join() === expected.join() ? null : `lists ${listed.join()}, the API ${expected.join()}`;
  });
  if (!listed.length) { throw new Error(`nobody listed as hit by ${top.key} this week: the drill-down reaches back 7 days`); }
  const reach = (await page.locator('[data-testid="drill-reach"]').textContent()).trim();
  if (!reach.includes('last 7 days')) { throw new Error(`the drill-down does not say how far back it reaches: "${reach}"`); }
  step(`drill-down: ${listed.length} customers hit by ${top.key}: ${listed.join(', ')}`);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('[data-testid="index-chart"] rect.hit').last().hover();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'console-index.png'), fullPage: true });

  await page.locator('[data-testid="drill-subject"]').first().click();
  await page.locator('[data-testid="subject-id"]', { hasText: listed[0] }).waitFor();
  step(`opened ${listed[0]} from the drill-down`);

  expectRefusal(400);
  await page.goto(`${page.url().split('#')[0]}#/index/week/2026-02-30`);
  const refused = page.locator('[data-testid="index-error"]');
  await refused.waitFor();
  const refusal = (await refused.textContent()).trim();
  if (!refusal.includes('(start)')) { throw new Error(`a bad date shows "${refusal}", not the field the API named`); }
  step(`refused period: ${refusal}`);
}

/** What the three cards show: per figure its value and text, alerts by type; null for "no data". */
function shownCards(page) {
  return page.evaluate((which) => {
    const out = {};
    for (const w of which) {
      const c = document.querySelector(`[data-testid="compare-${w}"]`);
      if (!c) { out[w] = 'missing'; continue; }
      if (c.getAttribute('data-empty') === 'true') { out[w] = null; continue; }
      const figures = {};
      c.querySelectorAll('.figure').forEach((f) => {
        figures[f.dataset.field] = {
          value: f.dataset.value,
          text: f.querySelector('[data-testid="figure-value"]').textContent.trim(),
          deltas: [...f.querySelectorAll('.delta')].map((d) => d.textContent.trim()),
        };
      });
      const types = {};
      c.querySelectorAll('[data-testid="alerts-by-type"] li[data-type]').forEach((li) => {
        types[li.dataset.type] = Number(li.dataset.value);
      });
      out[w] = { start: c.dataset.start, figures, types };
    }
    return out;
  }, WHICH);
}

/** The first difference between the cards and /v1/index/compare, or null. */
function cardsDiffer(shown, compare, names) {
  for (const w of WHICH) {
    const row = compare[w];
    const card = shown[w];
    if (card === 'missing') { return `no ${w} card`; }
    if (!row) {
      if (card !== null) { return `${w}: the API has no data, the card shows ${JSON.stringify(card)}`; }
      continue;
    }
    if (!card) { return `${w}: the card shows no data, the API has ${JSON.stringify(row)}`; }
    if (card.start !== row.start) { return `${w}: card of ${card.start}, the API's ${row.start}`; }
    for (const field of Object.keys(FORMAT)) {
      const f = card.figures[field];
      if (!f) { return `${w}: no ${field}`; }
      if (Number(f.value) !== value(row, field) || f.text !== FORMAT[field](row)) {
        return `${w} ${field}: shows ${f.text} (${f.value}), the API ${value(row, field)}`;
      }
      if (w === 'current') {
        const arrows = ['previous', 'yearAgo'].map((other) => {
          if (!compare[other]) { return `no data ${names[other]}`; }
          const d = Math.round((value(row, field) - value(compare[other], field)) * 10000) / 10000;
          return d > 0 ? '▲' : d < 0 ? '▼' : 'same';
        });
        if (!f.deltas.every((text, i) => text.startsWith(arrows[i])) || f.deltas.length !== 2) {
          return `current ${field}: deltas ${JSON.stringify(f.deltas)}, expected ${JSON.stringify(arrows)}`;
        }
      }
    }
    if (JSON.stringify(card.types) !== JSON.stringify(row.alertsRaised)) {
      return `${w} alerts by type: shows ${JSON.stringify(card.types)}, the API ${JSON.stringify(row.alertsRaised)}`;
    }
  }
  return null;
}
