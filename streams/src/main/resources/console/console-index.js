/*
 * The console's "Over time" view (#/index): the experience index over the last 90 days, a period
 * against the one before and a year ago, the touchpoint kinds hurting and helping most, and the
 * drill-down from a kind to the customers it hit. Plain JS; helpers come from console.js.
 * Route: #/index[/day|week[/YYYY-MM-DD][/kinds/<key>]] – no date: the latest period in the index.
 */
(function () {
  'use strict';

  var C = window.TouchpointsConsole;
  var $ = C.$, el = C.el, svg = C.svg;
  // The index moves by each task's flush (seconds) and is read for trends, not watched live.
  var REFRESH_MS = 30000;
  var DAYS = 90;
  var DAY_MS = 86400000;
  var DRILL_LIMIT = 50;
  var REACH = 'Customers are kept for drill-down for the last 7 days of corrections'
    + ' (policy.late.horizon); older periods keep only their figures.';

  var view = {
    shown: false,
    period: 'week', start: null, kind: null, // what the route asks for
    rows: [], compare: null,                 // what is shown
    loadedFor: null, loadedAt: 0, seq: 0, drillSeq: 0, timer: null
  };

  // ---------- dates: periods are UTC days and ISO weeks ----------
  function utc(day) { return Date.parse(day + 'T00:00:00Z'); }

  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }

  function fmtDay(t, withYear) {
    return new Date(t).toLocaleDateString([], { day: 'numeric', month: 'short', timeZone: 'UTC',
      year: withYear ? 'numeric' : undefined });
  }

  function periodMs(period) { return period === 'week' ? 7 * DAY_MS : DAY_MS; }

  /** "Nov 30, 2026" or "Nov 23 – Nov 29, 2026". */
  function periodText(period, start) {
    var t = utc(start);
    if (isNaN(t)) { return String(start); }
    if (period !== 'week') { return fmtDay(t, true); }
    return fmtDay(t, false) + ' – ' + fmtDay(t + 6 * DAY_MS, true);
  }

  /** The first day of the period before, or the same one a year before (as the engine counts). */
  function shifted(period, start, which) {
    var d = new Date(utc(start));
    if (which === 'previous') { return isoDay(d.getTime() - periodMs(period)); }
    if (period === 'week') { return isoDay(d.getTime() - 52 * 7 * DAY_MS); }
    d.setUTCFullYear(d.getUTCFullYear() - 1);
    return isoDay(d.getTime());
  }

  // ---------- numbers: as the API gives them ----------
  function fixed(digits) { return function (v) { return v === null || v === undefined ? '—' : v.toFixed(digits); }; }
  function whole(v) { return v === null || v === undefined ? '—' : String(v); }
  function percent(v) { return v === null || v === undefined ? '—' : (v * 100).toFixed(2) + ' %'; }
  function alertsTotal(row) {
    return Object.keys(row.alertsRaised || {}).reduce(function (n, t) { return n + row.alertsRaised[t]; }, 0);
  }

  /** The comparison's figures; better: +1 when up is good for customers, -1 when down is. */
  var FIGURES = [
    { field: 'customers', label: 'Customers', fmt: whole, delta: whole, better: 0 },
    { field: 'meanScore', label: 'Mean score', fmt: fixed(2), delta: fixed(2), better: 1 },
    { field: 'medianScore', label: 'Median score', fmt: fixed(1), delta: fixed(1), better: 1 },
    { field: 'atRiskShare', label: 'Share at risk', fmt: percent, better: -1,
      delta: function (d) { return (d * 100).toFixed(2) + ' pp'; },
      note: function (r) { return r.atRisk + ' of ' + r.customers + ' below the at-risk line'; } },
    { field: 'alertsRaised', label: 'Alerts raised', value: alertsTotal, fmt: whole, delta: whole, better: -1 }
  ];

  function figure(f, row) { return f.value ? f.value(row) : row[f.field]; }

  function names(period, pinned) {
    if (period === 'week') {
      return pinned ? { current: 'Selected week', previous: 'The week before', yearAgo: 'A year before' }
        : { current: 'This week', previous: 'Last week', yearAgo: 'A year ago' };
    }
    return pinned ? { current: 'Selected day', previous: 'The day before', yearAgo: 'A year before' }
      : { current: 'Latest day', previous: 'The day before', yearAgo: 'A year ago' };
  }

  function hash(period, start, kind) {
    return '#/index/' + period + (start ? '/' + start : '') + (kind ? '/kinds/' + encodeURIComponent(kind) : '');
  }

  // ---------- loading ----------
  function show(match) {
    var parts = (match[1] || '').split('/').filter(Boolean);
    var period = parts.shift() || 'week';
    var start = parts.length && parts[0] !== 'kinds' ? parts.shift() : null;
    var kind = parts[0] === 'kinds' && parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : null;
    var same = view.shown && view.period === period && view.start === start;
    view.shown = true;
    view.period = period;
    view.start = start;
    view.kind = kind;
    $('index').hidden = false;
    renderHead();
    if (same && view.compare && Date.now() - view.loadedAt < REFRESH_MS) {
      renderTables();
      loadDrill();
    } else {
      load();
    }
    clearInterval(view.timer);
    view.timer = setInterval(function () { if (!document.hidden) { load(); } }, REFRESH_MS);
  }

  function hide() {
    $('index').hidden = true;
    view.shown = false;
    clearInterval(view.timer);
  }

  function load() {
    var seq = ++view.seq;
    var period = encodeURIComponent(view.period);
    var start = view.start ? '&start=' + encodeURIComponent(view.start) : '';
    Promise.all([
      C.fetchJson('/v1/index?period=' + period + '&days=' + DAYS),
      C.fetchJson('/v1/index/compare?period=' + period + start)
    ]).then(function (answers) {
      if (seq !== view.seq || !view.shown) { return; }
      var refused = answers.filter(function (a) { return a.status !== 200; })[0];
      if (refused) { problem(refused); return; }
      problem(null);
      view.rows = answers[0].body.rows || [];
      view.compare = answers[1].body;
      view.loadedFor = view.period + '|' + view.start;
      view.loadedAt = Date.now();
      render();
      loadDrill();
    }).catch(function (e) {
      // 401/503 are told by the sign-in form and the notice; a dead connection here.
      if (e instanceof TypeError && seq === view.seq) {
        $('index-updated').textContent = 'not refreshed: the query API did not answer';
      }
    });
  }

  /** A refused parameter (400, naming the field), shown in the view: the dashboard's polls clear the notice. */
  function problem(answer) {
    var box = $('index-pinned');
    box.classList.toggle('error', !!answer);
    if (!answer) { renderPinned(); return; }
    var b = answer.body || {};
    view.compare = null;
    view.loadedFor = null;
    $('compare-cards').replaceChildren(el('p', { class: 'empty', text: 'Nothing to compare.' }));
    $('index-hurting').replaceChildren();
    $('index-helping').replaceChildren();
    $('index-drill').hidden = true;
    box.setAttribute('data-testid', 'index-error');
    box.replaceChildren(document.createTextNode('The query API refused this view: ' + (b.message || answer.status)
      + (b.field ? ' (' + b.field + ') ' : ' ')), el('a', { href: '#/index', text: 'show the latest week' }));
  }

  // ---------- rendering ----------
  function render() {
    var cmp = view.compare;
    var n = names(view.period, !!view.start);
    $('index-chart-title').textContent = 'Experience index, last ' + DAYS + ' days, by ' + view.period;
    $('index-chart').replaceChildren(indexChart(view.rows, view.period, cmp.start));
    $('index-chart-label').textContent = chartLabel(view.rows, view.period);
    $('compare-title').textContent = n.current + ' vs ' + n.previous.charAt(0).toLowerCase() + n.previous.slice(1)
      + ' vs ' + n.yearAgo.charAt(0).toLowerCase() + n.yearAgo.slice(1);
    var cards = $('compare-cards');
    if (!cmp.current && !cmp.start) {
      cards.replaceChildren(el('p', { class: 'empty', text: 'No customers in the index yet.' }));
    } else {
      cards.replaceChildren.apply(cards, ['current', 'previous', 'yearAgo'].map(function (which) {
        return card(which, n, cmp);
      }));
    }
    renderTables();
    renderPinned();
    $('index-updated').textContent = 'refreshed ' + new Date(view.loadedAt).toLocaleTimeString()
      + ' · every ' + REFRESH_MS / 1000 + ' s while shown';
  }

  function renderHead() {
    document.querySelectorAll('#index-period a').forEach(function (a) {
      a.classList.toggle('on', a.getAttribute('data-period') === view.period);
    });
    if (view.loadedFor !== view.period + '|' + view.start) {
      $('compare-cards').replaceChildren(el('p', { class: 'empty', text: 'Loading…' }));
    }
    renderPinned();
  }

  function renderPinned() {
    var box = $('index-pinned');
    box.classList.remove('error');
    box.removeAttribute('data-testid');
    box.replaceChildren.apply(box, view.start ? [
      document.createTextNode('Comparing the ' + view.period + ' of ' + periodText(view.period,
        view.compare && view.compare.start ? view.compare.start : view.start) + ' · '),
      el('a', { href: hash(view.period, null, null), text: 'back to the latest ' + view.period })
    ] : [document.createTextNode('Click a ' + view.period + ' in the chart to compare it')]);
  }

  /** One of the three comparison cards; the current one says how it differs from the other two. */
  function card(which, n, cmp) {
    var row = cmp[which];
    var start = row ? row.start : which === 'current' ? cmp.start : shifted(cmp.period, cmp.start, which);
    var head = [el('h3', { text: n[which] }), el('div', { class: 'hint', text: periodText(cmp.period, start) })];
    if (!row) {
      return el('div', { class: 'compare-card ' + which, 'data-testid': 'compare-' + which, 'data-empty': 'true' },
        head.concat([el('p', { class: 'empty', text: 'no data', title: 'No customers in the index for this '
          + cmp.period }) ]));
    }
    var figures = FIGURES.map(function (f) {
      var v = figure(f, row);
      return el('div', { class: 'figure', 'data-field': f.field, 'data-value': v === null ? '' : String(v) }, [
        el('span', { class: 'label', text: f.label }),
        el('span', { class: 'value', 'data-testid': 'figure-value', text: f.fmt(v) }),
        f.note ? el('span', { class: 'hint note', text: f.note(row) }) : null,
        which === 'current' ? el('span', { class: 'deltas' }, ['previous', 'yearAgo'].map(function (other) {
          return delta(f, v, cmp[other], n[other]);
        })) : null,
        f.field === 'alertsRaised' ? byType(row.alertsRaised) : null
      ]);
    });
    return el('div', { class: 'compare-card ' + which, 'data-testid': 'compare-' + which, 'data-start': row.start },
      head.concat(figures));
  }

  function delta(f, value, other, otherName) {
    var name = otherName.toLowerCase();
    if (!other) { return el('span', { class: 'delta none', 'data-against': name, text: 'no data ' + name }); }
    var was = figure(f, other);
    if (value === null || value === undefined || was === null || was === undefined) {
      return el('span', { class: 'delta none', text: 'no figure ' + name });
    }
    var d = Math.round((value - was) * 10000) / 10000;
    var cls = d === 0 || !f.better ? '' : d * f.better > 0 ? 'up' : 'down';
    var text = d === 0 ? 'same as ' + name : (d > 0 ? '▲ ' : '▼ ') + f.delta(Math.abs(d)) + ' vs ' + name;
    return el('span', { class: 'delta trend ' + cls, text: text, title: f.label + ' ' + f.fmt(was) + ' ' + name });
  }

  function byType(alerts) {
    var types = Object.keys(alerts || {});
    return el('ul', { class: 'by-type', 'data-testid': 'alerts-by-type' }, types.length
      ? types.map(function (t) {
        return el('li', { 'data-type': t, 'data-value': String(alerts[t]), text: C.humanType(t) + ' ' + alerts[t] });
      })
      : [el('li', { class: 'none', text: 'none' })]);
  }

  // ---------- the chart ----------
  /** What the chart shows, in words. */
  function chartLabel(rows, period) {
    if (!rows.length) { return ''; }
    var means = rows.map(function (r) { return r.meanScore; }).filter(function (v) { return v !== null; });
    var share = Math.max.apply(null, rows.map(function (r) { return r.atRiskShare || 0; }));
    return rows.length + (period === 'week' ? ' weeks' : ' days') + ' with customers, from '
      + periodText(period, rows[0].start) + ' to ' + periodText(period, rows[rows.length - 1].start)
      + ' · mean score ' + Math.min.apply(null, means).toFixed(2) + '–' + Math.max.apply(null, means).toFixed(2)
      + ' · at risk up to ' + percent(share) + '. Hover for a ' + period + '\'s figures.';
  }

  /**
   * Mean and median score as lines on a score axis fitted to them (left), the share at risk as bars
   * on an axis of its own (right), over the 90 days up to the latest period in the index. A period
   * without customers has no row: lines are dotted across such gaps.
   */
  function indexChart(rows, period, selected) {
    if (!rows.length) {
      return el('p', { class: 'empty', text: 'No customers in the index yet: the engine writes it as touchpoints arrive.' });
    }
    var W = 900, H = 250, left = 34, right = 50, top = 24, bottom = H - 22;
    var len = periodMs(period), count = period === 'week' ? Math.ceil(DAYS / 7) : DAYS;
    var t1 = utc(rows[rows.length - 1].end), t0 = t1 - count * len;
    var x = function (t) { return left + (W - left - right) * (t - t0) / (t1 - t0); };
    var band = x(t0 + len) - x(t0);
    var scores = [];
    rows.forEach(function (r) {
      [r.meanScore, r.medianScore].forEach(function (v) { if (v !== null && v !== undefined) { scores.push(v); } });
    });
    var lo = Math.max(0, Math.floor((Math.min.apply(null, scores) - 5) / 10) * 10);
    var hi = Math.min(100, Math.ceil((Math.max.apply(null, scores) + 5) / 10) * 10);
    if (hi - lo < 20) { if (lo + 20 <= 100) { hi = lo + 20; } else { lo = hi - 20; } }
    var y = function (v) { return top + (bottom - top) * (hi - v) / (hi - lo); };
    var maxShare = Math.max.apply(null, rows.map(function (r) { return r.atRiskShare || 0; }));
    var shareTop = Math.max(0.1, Math.ceil(maxShare * 10 - 1e-9) / 10);
    var ys = function (s) { return bottom - (bottom - top) * s / shareTop; };

    // A group, not an image: its periods can be focused and picked.
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + (H + 2), role: 'group', 'data-points': rows.length,
      'aria-label': 'Experience index: ' + chartLabel(rows, period) });
    for (var g = lo; g <= hi; g += 10) {
      root.appendChild(svg('line', { class: 'axis', x1: left, y1: y(g), x2: W - right, y2: y(g) }));
      root.appendChild(svg('text', { x: left - 4, y: y(g) + 3, 'text-anchor': 'end' }, String(g)));
    }
    [0, shareTop / 2, shareTop].forEach(function (s) {
      root.appendChild(svg('text', { class: 'share-tick', x: W - right + 4, y: ys(s) + 3 }, Math.round(s * 100) + ' %'));
    });
    root.appendChild(svg('text', { x: 2, y: top - 12 }, 'score'));
    root.appendChild(svg('text', { class: 'share-tick', x: W - right + 4, y: top - 12 }, 'at risk'));

    rows.forEach(function (r) {
      var t = utc(r.start);
      if (r.start === selected) {
        root.appendChild(svg('rect', { class: 'selected-band', x: x(t), y: top, width: band, height: bottom - top }));
      }
      var s = r.atRiskShare || 0;
      root.appendChild(svg('rect', { class: 'share-bar', x: x(t) + band * 0.15, y: ys(s),
        width: Math.max(band * 0.7, 1), height: bottom - ys(s) }));
    });
    root.appendChild(svg('line', { class: 'axis base', x1: left, y1: bottom, x2: W - right, y2: bottom }));
    ['medianScore', 'meanScore'].forEach(function (field) { lines(root, rows, field, x, y, len); });
    rows.forEach(function (r) {
      var cx = x(utc(r.start) + len / 2);
      if (r.medianScore !== null) {
        root.appendChild(svg('circle', { class: 'point median', cx: cx, cy: y(r.medianScore), r: 2.5 }));
      }
      if (r.meanScore !== null) {
        root.appendChild(svg('circle', { class: 'point mean', cx: cx, cy: y(r.meanScore), r: 3.5, 'data-start': r.start }));
      }
    });
    timeTicks(root, period, t0, count, len, x, bottom);

    var tip = el('div', { class: 'tooltip', 'data-testid': 'index-tooltip', hidden: 'hidden' });
    var box = el('div', { class: 'chart-box' }, [root, tip]);
    rows.forEach(function (r) {
      var hit = svg('rect', { class: 'hit', x: x(utc(r.start)), y: top, width: Math.max(band, 4), height: bottom - top,
        tabindex: '0', 'data-start': r.start });
      hit.setAttribute('aria-label', tooltipLines(r, period).join(', '));
      var open = function () { tooltip(tip, box, hit, r, period); };
      hit.addEventListener('mouseenter', open);
      hit.addEventListener('focus', open);
      hit.addEventListener('mouseleave', function () { tip.hidden = true; });
      hit.addEventListener('blur', function () { tip.hidden = true; });
      var pick = function () { location.hash = hash(period, r.start, null); };
      hit.addEventListener('click', pick);
      hit.addEventListener('keydown', function (e) { if (e.key === 'Enter') { pick(); } });
      root.appendChild(hit);
    });
    return box;
  }

  /** A field as a line: solid between adjacent periods, dotted across periods without customers. */
  function lines(root, rows, field, x, y, len) {
    var run = [];
    function flush() {
      if (run.length > 1) { root.appendChild(svg('polyline', { class: 'index-line ' + field, points: run.join(' ') })); }
      run = [];
    }
    rows.forEach(function (r, i) {
      if (r[field] === null || r[field] === undefined) { flush(); return; }
      var p = x(utc(r.start) + len / 2) + ',' + y(r[field]);
      var before = rows[i - 1];
      if (before && before.end !== r.start) {
        var last = run[run.length - 1];
        flush();
        if (last) { root.appendChild(svg('polyline', { class: 'index-line gap ' + field, points: last + ' ' + p })); }
      }
      run.push(p);
    });
    flush();
  }

  /** Seven dates under the periods they start, the first and the latest among them. */
  function timeTicks(root, period, t0, count, len, x, bottom) {
    var ticks = 6;
    for (var k = 0; k <= ticks; k++) {
      var t = t0 + Math.round(k * (count - 1) / ticks) * len, mid = x(t + len / 2);
      root.appendChild(svg('line', { class: 'axis', x1: mid, y1: bottom, x2: mid, y2: bottom + 4 }));
      root.appendChild(svg('text', { x: mid, y: bottom + 15, 'text-anchor': k === 0 ? 'start' : k === ticks ? 'end' : 'middle' },
        fmtDay(t, k === ticks)));
    }
  }

  function tooltipLines(r, period) {
    var alerts = alertsTotal(r);
    return [
      (period === 'week' ? 'Week of ' : '') + periodText(period, r.start),
      r.customers + ' customers',
      'mean ' + fixed(2)(r.meanScore) + ' · median ' + fixed(1)(r.medianScore),
      'at risk ' + r.atRisk + ' (' + percent(r.atRiskShare) + ')',
      alerts + ' alert' + (alerts === 1 ? '' : 's') + ' raised',
      'points ' + r.pointsLost.toFixed(2) + ' lost, +' + r.pointsGained.toFixed(2) + ' gained'
    ];
  }

  function tooltip(tip, box, hit, r, period) {
    var lines = tooltipLines(r, period);
    tip.replaceChildren.apply(tip, [el('strong', { text: lines[0] })].concat(lines.slice(1).map(function (l) {
      return el('div', { text: l });
    })).concat([el('div', { class: 'hint', text: 'click to compare this ' + period })]));
    tip.hidden = false;
    var b = hit.getBoundingClientRect(), c = box.getBoundingClientRect();
    var centre = b.left - c.left + b.width / 2;
    var leftEdge = Math.max(0, Math.min(centre - tip.offsetWidth / 2, c.width - tip.offsetWidth));
    tip.style.left = leftEdge + 'px';
  }

  // ---------- hurting and helping ----------
  function renderTables() {
    var cmp = view.compare;
    if (!cmp) { return; }
    $('index-hurting').replaceChildren(kindTable(cmp.hurting || [], 'pointsLost', 'previousPointsLost', cmp));
    $('index-helping').replaceChildren(kindTable(cmp.helping || [], 'pointsGained', 'previousPointsGained', cmp));
  }

  function kindTable(kinds, field, previousField, cmp) {
    if (!kinds.length) {
      return el('p', { class: 'empty', text: field === 'pointsLost' ? 'No touchpoint cost points in this period.'
        : 'No touchpoint gained points in this period.' });
    }
    var head = el('thead', {}, [el('tr', {}, ['Kind', 'Points', 'Previous', 'Change', 'Customers', 'Last 90 days']
      .map(function (h) { return el('th', { text: h }); }))]);
    var body = el('tbody', {}, kinds.map(function (k) {
      // Following the latest period unless one was picked: the list follows it too.
      var target = hash(cmp.period, view.start ? cmp.start : null, k.key);
      var change = k.change === null || k.change === undefined
        ? el('td', { class: 'trend', text: '—', title: 'No previous ' + cmp.period + ' in the index' })
        : el('td', { class: 'trend ' + (k.change > 0 ? 'up' : k.change < 0 ? 'down' : ''), 'data-testid': 'kind-change',
          text: (k.change > 0 ? '▲ ' : k.change < 0 ? '▼ ' : '= ') + Math.abs(k.change).toFixed(2),
          title: k.change > 0 ? 'Better for customers than the ' + cmp.period + ' before'
            : k.change < 0 ? 'Worse for customers than the ' + cmp.period + ' before' : 'Unchanged' });
      var tr = el('tr', { class: 'kind-row' + (k.key === view.kind ? ' selected' : ''), 'data-key': k.key,
        'data-testid': 'kind-row' }, [
        el('td', {}, [el('a', { href: target, text: k.label, 'data-testid': 'kind-link' }),
          el('div', { class: 'hint', text: k.key })]),
        el('td', { class: 'num', 'data-testid': 'kind-points', text: k[field].toFixed(2) }),
        el('td', { class: 'num', text: k[previousField] === null ? '—' : k[previousField].toFixed(2) }),
        change,
        el('td', { class: 'num', text: String(k.customers) }),
        el('td', {}, [spark(k.key, field)])
      ]);
      tr.addEventListener('click', function (e) {
        if (e.target.tagName !== 'A') { location.hash = target; }
      });
      return tr;
    }));
    return el('table', { class: 'atrisk kinds' }, [head, body]);
  }

  /** A kind's points in each period of the chart, as tiny bars: losses hang down, gains stand up. */
  function spark(key, field) {
    var W = 72, H = 22, rows = view.rows;
    if (!rows.length) { return null; }
    var len = periodMs(view.period), count = view.period === 'week' ? Math.ceil(DAYS / 7) : DAYS;
    var t1 = utc(rows[rows.length - 1].end), t0 = t1 - count * len;
    var values = rows.map(function (r) {
      var k = (r.kinds || []).filter(function (q) { return q.key === key; })[0];
      return { t: utc(r.start), v: k ? Math.abs(k[field]) : 0 };
    });
    var max = Math.max.apply(null, values.map(function (p) { return p.v; }).concat([0.01]));
    var bw = Math.max(W / count, 2.5);
    var root = svg('svg', { class: 'spark', viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img',
      'aria-label': (field === 'pointsLost' ? 'points lost' : 'points gained') + ' per ' + view.period
        + ', last ' + DAYS + ' days, at most ' + max.toFixed(2) });
    values.forEach(function (p) {
      if (!p.v) { return; }
      var h = Math.max(1, (H - 2) * p.v / max), x = Math.min(W * (p.t - t0) / (t1 - t0), W - bw);
      root.appendChild(svg('rect', { class: field === 'pointsLost' ? 'bar low' : 'bar', x: x, width: bw,
        y: field === 'pointsLost' ? 1 : H - 1 - h, height: h }));
    });
    root.appendChild(svg('line', { class: 'axis', x1: 0, x2: W, y1: field === 'pointsLost' ? 0.5 : H - 0.5,
      y2: field === 'pointsLost' ? 0.5 : H - 0.5 }));
    return el('div', { class: 'chart' }, [root]);
  }

  // ---------- drill-down: the customers a kind hit ----------
  function loadDrill() {
    var box = $('index-drill');
    var cmp = view.compare;
    if (!view.kind || !cmp || !cmp.start) { box.hidden = true; box.replaceChildren(); return; }
    var key = view.kind, period = cmp.period, start = cmp.start;
    var seq = ++view.drillSeq;
    if (box.getAttribute('data-kind') !== key || box.getAttribute('data-start') !== start) {
      box.setAttribute('data-kind', key);
      box.setAttribute('data-start', start);
      box.removeAttribute('data-loaded');
      box.replaceChildren(el('p', { class: 'empty', text: 'Loading the customers ' + key + ' hit…' }));
    }
    box.hidden = false;
    C.fetchJson('/v1/index/kinds/' + encodeURIComponent(key) + '/customers?period=' + encodeURIComponent(period)
      + '&start=' + encodeURIComponent(start) + '&limit=' + DRILL_LIMIT)
      .then(function (res) {
        if (seq !== view.drillSeq || !view.shown) { return; }
        if (res.status !== 200) {
          box.replaceChildren(el('p', { class: 'empty', 'data-testid': 'index-error',
            text: 'The query API refused the list: ' + (res.body.message || res.status)
              + (res.body.field ? ' (' + res.body.field + ')' : '') }));
          return;
        }
        renderDrill(box, key, period, start, res.body);
      })
      .catch(function () {});
  }

  function renderDrill(box, key, period, start, rows) {
    var current = view.compare.current;
    var kind = current && (current.kinds || []).filter(function (k) { return k.key === key; })[0];
    var label = kind ? kind.label : key;
    var count = kind ? kind.customers : null;
    var close = el('a', { href: hash(period, view.start ? start : null, null), class: 'close', text: 'close ×' });
    var head = el('div', { class: 'panel-head' }, [
      el('h2', { text: 'Customers hit by ' + label }),
      el('span', { class: 'hint', text: (period === 'week' ? 'week of ' : '') + periodText(period, start)
        + ' · lowest score first · points: what this kind cost or gained each of them in the ' + period }),
      close
    ]);
    var listed = count !== null && rows.length < count
      ? rows.length + ' of the ' + count + ' customers it hit are listed. ' : '';
    var reach = el('p', { class: 'hint', 'data-testid': 'drill-reach', text: listed + REACH });
    box.setAttribute('data-loaded', 'true');
    if (!rows.length) {
      box.replaceChildren(head, el('p', { class: 'empty', 'data-testid': 'drill-empty',
        text: 'No customers to list for this ' + period + '.' }), reach);
      return;
    }
    var table = el('table', { class: 'atrisk drill' }, [
      el('thead', {}, [el('tr', {}, ['Subject', 'Score now', '30-day trend', 'Points', 'Why', 'Open', 'Last touchpoint']
        .map(function (h) { return el('th', { text: h }); }))]),
      el('tbody', { 'data-testid': 'drill-rows' }, rows.map(drillRow))
    ]);
    box.replaceChildren(head, table, reach);
  }

  function drillRow(r) {
    var young = r.trend === null || r.trend === undefined;
    var trend = young ? 'new' : (r.trend > 0 ? '▲ ' : r.trend < 0 ? '▼ ' : '') + Math.abs(r.trend).toFixed(1);
    var open = [r.openCases ? r.openCases + ' case' + (r.openCases > 1 ? 's' : '') : null,
      r.openPromises ? r.openPromises + ' promise' + (r.openPromises > 1 ? 's' : '') : null]
      .filter(Boolean).join(', ');
    return el('tr', { 'data-subject': r.subjectId }, [
      el('td', {}, [el('a', { href: '#/subjects/' + encodeURIComponent(r.subjectId), text: r.subjectId,
        'data-testid': 'drill-subject' })]),
      el('td', { class: 'score ' + C.scoreClass(r.overall), text: r.overall.toFixed(1) }),
      el('td', { class: 'trend ' + (young ? 'new' : r.trend < 0 ? 'down' : r.trend > 0 ? 'up' : ''), text: trend,
        title: young ? C.NO_TREND : 'Score now against 30 days ago' }),
      el('td', { class: 'num impact ' + (r.points < 0 ? 'neg' : 'pos'), text: (r.points > 0 ? '+' : '') + r.points.toFixed(2) }),
      el('td', { class: 'why', text: r.topReason || '' }),
      el('td', { text: open || '–' }),
      el('td', { text: C.ago(r.lastEventAt), title: C.fmtTime(r.lastEventAt) })
    ]);
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && view.shown && Date.now() - view.loadedAt >= REFRESH_MS) { load(); }
  });

  C.addView({ name: 'index', pattern: /^#\/index(?:\/(.*))?$/, show: show, hide: hide });
}());
