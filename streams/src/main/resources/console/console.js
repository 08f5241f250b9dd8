/* Touchpoints ops console: plain JS, no build step, no network beyond this server. */
(function () {
  'use strict';

  var SEVERITY_RANK = { INFO: 1, WARNING: 2, HIGH: 3, CRITICAL: 4 };
  var POLL_MS = 5000;
  var MAX_FEED = 150;
  var SVG = 'http://www.w3.org/2000/svg';
  var NO_TREND = 'No score from 30 days ago to compare with yet: the engine\'s history of this customer'
    + ' is shorter than 30 days';

  var state = {
    alerts: new Map(),       // key -> alert (customer: subject|dedupeKey, incident: incidentId)
    arrivals: [],            // arrival times (ms) of raised alerts, for the rate chart
    minSeverity: 'INFO',
    subjectTimer: null,
    subjectData: null
  };

  // ---------- small helpers ----------
  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; }
      else if (k === 'class') { node.className = attrs[k]; }
      else if (attrs[k] !== null && attrs[k] !== undefined) { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function ago(iso) {
    if (!iso) { return ''; }
    var s = Math.round((Date.now() - Date.parse(iso)) / 1000);
    if (isNaN(s)) { return ''; }
    if (s < 0) { return 'in ' + span(-s); }
    return span(s) + ' ago';
  }

  function span(seconds) {
    seconds = Math.abs(Math.round(seconds));
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
    var m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (d > 0) { return d + 'd ' + h + 'h'; }
    if (h > 0) { return h + 'h ' + m + 'm'; }
    if (m > 0) { return m + 'm ' + s + 's'; }
    return s + 's';
  }

  function fmtTime(iso) {
    var d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  }

  function scoreClass(score) { return score < 40 ? 'low' : score < 60 ? 'mid' : 'ok'; }

  function humanType(type) {
    return String(type || '').toLowerCase().replace(/_/g, ' ');
  }

  // ---------- access: an API key kept for this tab only ----------
  var KEY_ITEM = 'touchpoints.apiKey';

  function apiKey() { return sessionStorage.getItem(KEY_ITEM); }

  function api(url) {
    var headers = { Accept: 'application/json' };
    if (apiKey()) { headers['X-Api-Key'] = apiKey(); }
    return fetch(url, { headers: headers }).then(function (r) {
      if (r.status === 401 || r.status === 403) {
        askForKey(r.status === 401 ? 'This console needs an API key (read role).'
          : 'That API key was not accepted; enter another one.');
        return Promise.reject({ status: r.status });
      }
      return r;
    });
  }

  function askForKey(why) {
    var form = $('login');
    if (!form.hidden) { return; }
    $('login-why').textContent = why;
    form.hidden = false;
    form.onsubmit = function (e) {
      e.preventDefault();
      sessionStorage.setItem(KEY_ITEM, $('api-key').value.trim());
      location.reload();
    };
    $('api-key').focus();
  }

  function fetchJson(url) {
    return api(url).then(function (r) {
      if (r.status === 503) {
        var retry = r.headers.get('Retry-After') || '2';
        notice('The engine is rebalancing its state; retrying in ' + retry + ' s. Showing the last known data.');
        return Promise.reject({ status: 503 });
      }
      return r.json().then(function (body) { return { status: r.status, body: body }; });
    }).then(function (res) {
      if (res.status === 200) { notice(null); }
      return res;
    });
  }

  function notice(text) {
    var n = $('notice');
    n.hidden = !text;
    n.textContent = text || '';
  }

  // ---------- live alert feed (SSE) ----------
  function alertKey(a) {
    return a.kind === 'incident-alert' ? 'incident|' + a.incidentId : a.subjectId + '|' + (a.dedupeKey || a.alertId);
  }

  function isCleared(a) {
    return a.status === 'CLEARED' || a.status === 'RESOLVED';
  }

  function connectStream() {
    var live = $('live');
    // A browser cannot give an event stream headers: the key goes in the query.
    var source = new EventSource('/v1/alerts/stream'
      + (apiKey() ? '?access_token=' + encodeURIComponent(apiKey()) : ''));
    source.onopen = function () { setLive(live, 'live', 'live'); };
    source.onerror = function () { setLive(live, 'down', 'reconnecting'); };
    source.addEventListener('alert', function (e) {
      var alert;
      try { alert = JSON.parse(e.data); } catch (err) { return; }
      onAlert(alert);
    });
  }

  function setLive(node, s, label) {
    node.setAttribute('data-state', s);
    node.querySelector('.label').textContent = label;
  }

  function onAlert(alert) {
    var key = alertKey(alert);
    var previous = state.alerts.get(key);
    state.alerts.delete(key);
    state.alerts.set(key, Object.assign({}, previous || {}, alert));
    state.freshKey = key;
    if (!isCleared(alert)) {
      // By when the engine sent it: a correction or a replay carries an old eventTime.
      state.arrivals.push(Date.parse(alert.emittedAt) || Date.now());
    }
    while (state.alerts.size > MAX_FEED) {
      state.alerts.delete(state.alerts.keys().next().value);
    }
    renderFeed();
    renderRate();
    if (state.subjectData && alert.subjectId === state.subjectData.subjectId) {
      loadSubject(state.subjectData.subjectId);
    }
  }

  function renderFeed() {
    var list = $('feed');
    var min = SEVERITY_RANK[state.minSeverity];
    var items = Array.from(state.alerts.values()).reverse().filter(function (a) {
      return (SEVERITY_RANK[a.severity] || 0) >= min;
    });
    list.replaceChildren.apply(list, items.map(alertCard));
    $('feed-empty').hidden = items.length > 0;
  }

  function alertCard(a) {
    var cleared = isCleared(a);
    var subject = a.kind === 'incident-alert'
      ? el('span', { class: 'tag', text: a.touchpointKind + ' · ' + a.affectedSubjects + ' affected' })
      : el('a', { href: '#/subjects/' + encodeURIComponent(a.subjectId), text: a.subjectId, 'data-testid': 'alert-subject' });
    var meta = el('div', { class: 'meta' }, [
      el('span', { class: 'pill ' + (cleared ? 'cleared' : a.severity), text: cleared ? 'CLEARED' : a.severity }),
      el('span', { text: a.kind === 'incident-alert' ? 'incident' : humanType(a.type) }),
      subject,
      el('span', { text: ago(a.eventTime), title: fmtTime(a.eventTime) }),
      // Its cause was older than policy.alerts.max-age when it was decided: recorded, not sent.
      a.historic ? el('span', { class: 'tag', text: 'historic', 'data-testid': 'alert-historic',
        title: 'Raised for a cause older than policy.alerts.max-age: recorded, never sent to ops' }) : null
    ]);
    return el('li', {
      class: 'alert' + (cleared ? ' cleared' : '') + (alertKey(a) === state.freshKey ? ' fresh' : '')
        + (a.handling && a.handling.snoozed ? ' snoozed' : ''),
      'data-severity': a.severity,
      'data-type': a.kind === 'incident-alert' ? 'INCIDENT' : a.type,
      'data-subject': a.subjectId || '',
      'data-status': a.status,
      'data-alert-id': a.alertId || ''
    }, [
      meta,
      el('div', { class: 'why', text: a.why || '' }),
      a.nextStep ? el('div', { class: 'next', text: a.nextStep }) : null,
      a.handling ? handlingLine(a.handling) : null
    ]);
  }

  // ---------- acting on an alert: acknowledge, snooze, assign, note ----------
  var OPERATOR_ITEM = 'touchpoints.operator';

  /** What ops did about an open alert, in one line, and its notes. */
  function handlingLine(h) {
    var parts = [];
    if (h.acknowledgedBy) { parts.push('Acknowledged by ' + h.acknowledgedBy + ' ' + ago(h.acknowledgedAt)); }
    if (h.assignee) { parts.push('Owner: ' + h.assignee); }
    if (h.snoozed) { parts.push('Snoozed until ' + fmtTime(h.snoozedUntil)); }
    return el('div', { class: 'handling', 'data-testid': 'alert-handling' }, [
      el('div', { text: parts.join(' · ') }),
      (h.notes || []).length ? el('ul', { class: 'notes' }, h.notes.map(function (n) {
        return el('li', { text: n.text + ' – ' + n.by + ', ' + ago(n.at) });
      })) : null
    ]);
  }

  /** Whether someone is typing a name, an owner or a note on the subject page. */
  function typing() {
    var active = document.activeElement;
    return !!active && active.tagName === 'INPUT' && $('subject-body').contains(active)
      && active.value !== (active.id === 'operator' ? localStorage.getItem(OPERATOR_ITEM) || '' : '');
  }

  /** The buttons under an open alert on the subject page. */
  function actionBar(a) {
    var input = el('input', { type: 'text', placeholder: 'owner or note', 'aria-label': 'owner or note',
      'data-testid': 'action-text', maxlength: '1000' });
    function act(body) {
      return function () {
        var by = $('operator').value.trim();
        if (by) { localStorage.setItem(OPERATOR_ITEM, by); body.by = by; }
        postAction(a.alertId, body);
      };
    }
    function withText(field, action) {
      return function () {
        if (!input.value.trim() && action === 'note') { input.focus(); return; }
        var body = { action: action };
        body[field] = input.value.trim();
        act(body)();
      };
    }
    return el('div', { class: 'actions', 'data-testid': 'alert-actions' }, [
      button('Acknowledge', 'ack', act({ action: 'acknowledge' })),
      button('Snooze 1 h', 'snooze', act({ action: 'snooze', for: '1h' })),
      input,
      button('Assign', 'assign', withText('assignee', 'assign')),
      button('Add note', 'note', withText('text', 'note'))
    ]);
  }

  function button(text, id, onClick) {
    var b = el('button', { type: 'button', text: text, 'data-testid': 'action-' + id });
    b.addEventListener('click', onClick);
    return b;
  }

  function postAction(alertId, body) {
    var headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (apiKey()) { headers['X-Api-Key'] = apiKey(); }
    fetch('/v1/alerts/' + encodeURIComponent(alertId) + '/actions',
      { method: 'POST', headers: headers, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().then(function (answer) {
          if (r.status !== 202) {
            notice('Not recorded: ' + (answer.message || r.status) + (answer.field ? ' (' + answer.field + ')' : ''));
            return;
          }
          notice(null);
          // The engine applies it within moments: show the subject again until it does.
          [500, 1500, 4000].forEach(function (ms) {
            setTimeout(function () { if (state.subjectData) { loadSubject(state.subjectData.subjectId); } }, ms);
          });
        });
      })
      .catch(function () { notice('The query API did not answer; the action was not recorded.'); });
  }

  function bindFilters() {
    $('hide-incident').addEventListener('change', refreshDashboard);
    $('severity-filter').addEventListener('click', function (e) {
      var min = e.target.getAttribute('data-min');
      if (!min) { return; }
      state.minSeverity = min;
      Array.from(this.children).forEach(function (b) { b.classList.toggle('on', b === e.target); });
      renderFeed();
    });
  }

  // ---------- dashboard panels (polled) ----------
  function refreshDashboard() {
    fetchJson('/v1/incidents').then(function (r) { renderIncidents(r.body); }).catch(function () {});
    fetchJson('/v1/subjects?atRisk=true&limit=10&hideIncident=' + $('hide-incident').checked)
      .then(function (r) { renderAtRisk(r.body); }).catch(function () {});
    fetchJson('/v1/stats').then(function (r) { renderStats(r.body); }).catch(function () {});
  }

  function renderIncidents(incidents) {
    var box = $('incidents');
    box.hidden = !incidents.length;
    box.replaceChildren.apply(box, incidents.map(function (i) {
      return el('div', { class: 'incident', 'data-testid': 'incident' }, [
        el('div', { class: 'count', text: String(i.affectedSubjects), title: 'customers affected' }),
        el('div', { class: 'why', text: i.why }),
        el('div', { class: 'when', text: i.touchpointKind + ' · ' + i.severity + ' · since ' + ago(i.windowStart) }),
        el('div', { class: 'next', text: 'Next step: ' + i.nextStep })
      ]);
    }));
  }

  function renderAtRisk(rows) {
    var body = $('atrisk-rows');
    body.replaceChildren.apply(body, rows.map(function (r) {
      var young = r.trend === null || r.trend === undefined;
      var trend = young ? 'new' : (r.trend > 0 ? '▲ ' : r.trend < 0 ? '▼ ' : '') + Math.abs(r.trend).toFixed(1);
      return el('tr', { 'data-subject': r.subjectId }, [
        el('td', {}, [el('a', { href: '#/subjects/' + encodeURIComponent(r.subjectId), text: r.subjectId })]),
        el('td', { class: 'score ' + scoreClass(r.overall), text: r.overall.toFixed(1) }),
        el('td', { class: 'trend ' + (young ? 'new' : r.trend < 0 ? 'down' : r.trend > 0 ? 'up' : ''), text: trend,
          'data-testid': 'at-risk-trend', title: young ? NO_TREND : 'Score now against 30 days ago' }),
        el('td', { class: 'why' }, [
          r.incident ? el('span', { class: 'tag', 'data-testid': 'at-risk-incident', text: 'incident: ' + r.incident,
            title: 'Hit by the open incident of ' + r.incident + ': ops follow the incident' }) : null,
          document.createTextNode(' ' + (r.topReason || ''))
        ])
      ]);
    }));
    $('atrisk-empty').hidden = rows.length > 0;
  }

  function renderStats(stats) {
    $('stats-summary').textContent = stats.subjects + ' subjects · mean ' +
      (stats.meanScore === null ? '–' : stats.meanScore) + ' · ' + stats.atRisk + ' at risk';
    var W = 320, H = 120, pad = 18;
    var max = Math.max.apply(null, stats.histogram.map(function (b) { return b.count; }).concat([1]));
    var bw = (W - pad) / stats.histogram.length;
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + (H + 16), role: 'img', 'aria-label': 'Score distribution' });
    stats.histogram.forEach(function (b, i) {
      var h = Math.round((H - 14) * b.count / max);
      var x = pad + i * bw + 2;
      var cls = b.to <= 40 ? 'bar low' : b.to <= 60 ? 'bar mid' : 'bar';
      var rect = svg('rect', { class: cls, x: x, y: H - h, width: bw - 4, height: Math.max(h, b.count ? 1 : 0) });
      rect.appendChild(svg('title', {}, b.from + '–' + b.to + ': ' + b.count));
      root.appendChild(rect);
      if (b.count) { root.appendChild(svg('text', { x: x + (bw - 4) / 2, y: H - h - 3, 'text-anchor': 'middle' }, String(b.count))); }
      if (i % 2 === 0) { root.appendChild(svg('text', { x: x, y: H + 12 }, String(b.from))); }
    });
    root.appendChild(svg('line', { class: 'axis', x1: pad, y1: H, x2: W, y2: H }));
    $('histogram').replaceChildren(root);

    var types = $('by-type');
    types.replaceChildren.apply(types, Object.keys(stats.alertsByType).map(function (t) {
      return el('li', { text: humanType(t) + ' ' + stats.alertsByType[t] });
    }));
  }

  function renderRate() {
    var now = Date.now(), minutes = 60, W = 320, H = 80;
    var buckets = new Array(minutes).fill(0);
    state.arrivals = state.arrivals.filter(function (t) { return now - t < minutes * 60000; });
    state.arrivals.forEach(function (t) {
      var i = minutes - 1 - Math.floor((now - t) / 60000);
      if (i >= 0 && i < minutes) { buckets[i]++; }
    });
    var max = Math.max.apply(null, buckets.concat([1]));
    var bw = W / minutes;
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + (H + 14), role: 'img', 'aria-label': 'Alerts per minute' });
    buckets.forEach(function (c, i) {
      var h = Math.round((H - 4) * c / max);
      if (c) {
        var r = svg('rect', { class: 'bar', x: i * bw + 0.5, y: H - h, width: bw - 1, height: h });
        r.appendChild(svg('title', {}, c + ' alerts, ' + (minutes - 1 - i) + ' min ago'));
        root.appendChild(r);
      }
    });
    root.appendChild(svg('line', { class: 'axis', x1: 0, y1: H, x2: W, y2: H }));
    root.appendChild(svg('text', { x: 0, y: H + 12 }, '-60 min'));
    root.appendChild(svg('text', { x: W, y: H + 12, 'text-anchor': 'end' }, 'now'));
    root.appendChild(svg('text', { x: W, y: 10, 'text-anchor': 'end' }, 'max ' + max + '/min'));
    $('rate').replaceChildren(root);
  }

  // ---------- subject page ----------
  function loadSubject(id) {
    return api('/v1/subjects/' + encodeURIComponent(id))
      .then(function (r) {
        if (r.status === 503) { notice('The engine is rebalancing its state; retrying shortly.'); return null; }
        return r.json().then(function (b) { return { status: r.status, body: b }; });
      })
      .then(function (res) {
        if (!res) { return; }
        notice(null);
        if (res.status === 404) {
          state.subjectData = { subjectId: id };
          $('subject-body').replaceChildren(el('p', { class: 'empty', 'data-testid': 'subject-unknown',
            text: 'No touchpoints recorded for ' + id + ' yet.' }));
          return;
        }
        state.subjectData = res.body;
        if (typing()) { return; } // a refresh would lose what is being typed: the next one shows it
        renderSubject(res.body);
      })
      .catch(function () {});
  }

  function renderSubject(c) {
    var dims = el('div', { class: 'dims' });
    ['web', 'billing', 'support', 'marketing'].forEach(function (d) {
      var v = c.dimensions[d];
      dims.appendChild(el('span', { text: d }));
      dims.appendChild(el('div', { class: 'track' }, [el('div', { class: 'fill', style: 'width:' + Math.max(0, Math.min(100, v)) + '%' })]));
      dims.appendChild(el('span', { class: 'score', text: v.toFixed(0) }));
    });
    var trend = c.trend === null || c.trend === undefined ? 'no 30-day comparison yet'
      : (c.trend < 0 ? '▼ ' : '▲ ') + Math.abs(c.trend).toFixed(1) + ' vs 30 days ago';
    var head = el('section', { class: 'panel card-head' }, [
      el('div', {}, [
        el('h1', { text: c.subjectId, 'data-testid': 'subject-id' }),
        el('div', { class: 'hint', text: c.eventCount + ' touchpoints · last ' + ago(c.lastEventAt) }),
        (c.linkedIds || []).length
          ? el('div', { class: 'hint', 'data-testid': 'linked-ids',
              text: 'also known as ' + c.linkedIds.map(function (l) { return l.subjectId; }).join(', ') })
          : null
      ]),
      el('div', {}, [
        el('div', { class: 'big-score ' + scoreClass(c.score), text: c.score.toFixed(1), 'data-testid': 'subject-score' }),
        el('div', { class: 'trend ' + (c.trend === null || c.trend === undefined ? '' : c.trend < 0 ? 'down' : 'up'),
          text: trend, title: c.trend === null || c.trend === undefined ? NO_TREND : null })
      ]),
      dims
    ]);

    var reasons = el('section', { class: 'panel' }, [
      el('div', { class: 'panel-head' }, [el('h2', { text: 'Why this score' })]),
      c.reasons.length ? el('ol', { class: 'reasons' }, c.reasons.map(function (r) { return el('li', { text: r }); }))
        : el('p', { class: 'empty', text: 'Nothing notable.' })
    ]);

    var operator = el('input', { id: 'operator', type: 'text', placeholder: 'your name',
      'aria-label': 'your name', 'data-testid': 'operator', maxlength: '100',
      value: localStorage.getItem(OPERATOR_ITEM) || '' });
    var alerts = el('section', { class: 'panel' }, [
      el('div', { class: 'panel-head' }, [el('h2', { text: 'Active alerts' }),
        c.activeAlerts.length ? el('label', { class: 'hint' }, [document.createTextNode('Acting as '), operator]) : null]),
      c.activeAlerts.length
        ? el('ol', { class: 'feed', 'data-testid': 'subject-alerts' }, c.activeAlerts.map(function (a) {
          a.kind = a.kind || 'customer-alert';
          var card = alertCard(a);
          card.appendChild(actionBar(a));
          return card;
        }))
        : el('p', { class: 'empty', text: 'No active alerts.' })
    ]);

    var clocks = [];
    c.openCases.forEach(function (oc) {
      clocks.push({ label: humanType(oc.kind) + ' ' + oc.caseId + ' – next update', due: oc.nextUpdateDueAt });
    });
    c.openPromises.forEach(function (p) {
      clocks.push({ label: 'promise ' + p.promiseId + (p.caseId ? ' (' + p.caseId + ')' : ''), due: p.dueAt });
    });
    var clockList = el('ul', { class: 'clocks', 'data-testid': 'due-clocks' }, clocks.map(function (k) {
      return el('li', {}, [el('span', { text: k.label }), el('span', { class: 'countdown', 'data-due': k.due || '' })]);
    }));
    var due = el('section', { class: 'panel' }, [
      el('div', { class: 'panel-head' }, [el('h2', { text: 'Open cases and promises' })]),
      clocks.length ? clockList : el('p', { class: 'empty', text: 'Nothing open.' })
    ]);

    var chart = el('section', { class: 'panel' }, [
      el('div', { class: 'panel-head' }, [el('h2', { text: 'Score over time' }),
        el('span', { class: 'hint', text: 'line: score after each day\'s last touchpoint · bars: recent touchpoints' })]),
      el('div', { class: 'chart' }, [scoreChart(c)])
    ]);

    var timeline = el('section', { class: 'panel' }, [
      el('div', { class: 'panel-head' }, [el('h2', { text: 'Timeline' })]),
      el('ol', { class: 'timeline', 'data-testid': 'timeline' }, c.timeline.map(timelineEntry))
    ]);

    $('subject-body').replaceChildren(head, el('div', { class: 'subject-grid' }, [
      el('div', { class: 'stack' }, [alerts, chart, timeline]),
      el('div', { class: 'stack' }, [reasons, due])
    ]));
    tickClocks();
  }

  function timelineEntry(t) {
    var cls = t.kind === 'alert' ? 'alert-entry' : (t.kind === 'promise-due' || t.kind === 'update-due') ? 'due' : '';
    var detail = t.kind === 'touchpoint'
      ? el('span', { class: 'impact ' + (t.impact < 0 ? 'neg' : 'pos'), text: ' ' + (t.impact > 0 ? '+' : '') + t.impact.toFixed(1) })
      : t.severity ? el('span', { class: 'pill ' + t.severity, text: t.severity }) : null;
    return el('li', { class: cls, 'data-kind': t.kind }, [
      el('div', { class: 'when', text: fmtTime(t.at) + ' · ' + ago(t.at) }),
      el('div', {}, [el('span', { text: t.label }), detail])
    ]);
  }

  function fmtDate(t) {
    return new Date(t).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' });
  }

  /** The 30-day comparison point (score path's first point), or null while there is none. */
  function comparison(c) {
    if (c.overall30DaysAgo === null || c.overall30DaysAgo === undefined || c.scorePath.length < 2) { return null; }
    return { t: Date.parse(c.scorePath[0].at), v: c.overall30DaysAgo };
  }

  /** What the chart shows, in words: its points, their score range and dates, the comparison. */
  function historyLabel(history, then) {
    var values = history.map(function (p) { return p.v; });
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    var last = history[history.length - 1];
    var text = history.length === 1
      ? '1 known score: ' + last.v.toFixed(1) + ' on ' + fmtDate(last.t)
        + ' – the engine keeps one per day with touchpoints'
      : history.length + ' known scores, ' + lo.toFixed(1) + '–' + hi.toFixed(1) + ', from '
        + fmtDate(history[0].t) + ' to ' + fmtDate(last.t);
    return text + (then ? ' · ◯ 30 days ago: ' + then.v.toFixed(1) : ' · no score from 30 days ago yet');
  }

  /**
   * The subject's score over time: the history (the score after each day's last touchpoint, the
   * last point now) as a line, the 30-day comparison point as a ring joined to now, and the
   * recent touchpoints' impacts as bars in a strip below, on one time axis.
   */
  function scoreChart(c) {
    var W = 560, top = 10, PH = 118, strip = 146, H = 164, pad = 30, right = 64;
    var history = (c.history || []).map(function (p) { return { t: Date.parse(p.at), v: p.score }; });
    if (!history.length) { history = [{ t: Date.parse(c.updatedAt), v: c.score }]; }
    var then = comparison(c);
    var bars = c.recentTouchpoints.map(function (tp) { return { t: Date.parse(tp.occurredAt), v: tp.impact }; });
    var known = history.concat(then ? [then] : []);
    var times = known.concat(bars).map(function (p) { return p.t; });
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
    if (t1 - t0 < 60000) { t0 -= 3600000; t1 += 60000; }
    // The score axis spans the known scores (to the next ten, at least 20 points), not all of 0–100.
    var values = known.map(function (p) { return p.v; });
    var lo = Math.max(0, Math.floor((Math.min.apply(null, values) - 5) / 10) * 10);
    var hi = Math.min(100, Math.ceil((Math.max.apply(null, values) + 5) / 10) * 10);
    if (hi - lo < 20) { if (lo + 20 <= 100) { hi = lo + 20; } else { lo = hi - 20; } }
    var x = function (t) { return pad + (W - pad - right) * (t - t0) / (t1 - t0); };
    var y = function (v) { return top + (PH - top) * (hi - v) / (hi - lo); };
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + (H + 14), role: 'img', 'data-testid': 'score-history',
      'data-points': history.length, 'aria-label': 'Score over time: ' + historyLabel(history, then) });
    [lo, hi].concat(lo < 50 && hi > 50 ? [50] : []).forEach(function (g) {
      root.appendChild(svg('line', { class: g === 50 ? 'axis neutral' : 'axis', x1: pad, y1: y(g), x2: W - right + 8, y2: y(g) }));
      root.appendChild(svg('text', { x: 2, y: y(g) + 3 }, String(g)));
    });
    if (lo < 50 && hi > 50) { root.appendChild(svg('text', { x: W - right + 10, y: y(50) + 3 }, 'neutral')); }

    root.appendChild(svg('line', { class: 'axis', x1: pad, y1: strip, x2: W - right + 8, y2: strip }));
    root.appendChild(svg('text', { x: 2, y: strip + 3 }, 'impact'));
    var maxImpact = Math.max.apply(null, bars.map(function (b) { return Math.abs(b.v); }).concat([1]));
    bars.forEach(function (b) {
      var h = 14 * Math.abs(b.v) / maxImpact;
      var r = svg('rect', { class: b.v < 0 ? 'bar low' : 'bar', x: x(b.t) - 2, width: 4,
        y: b.v < 0 ? strip : strip - h, height: Math.max(h, 1) });
      r.appendChild(svg('title', {}, (b.v > 0 ? '+' : '') + b.v.toFixed(1) + ' at ' + fmtTime(new Date(b.t))));
      root.appendChild(r);
    });

    var now = history[history.length - 1];
    if (then) {
      root.appendChild(svg('line', { class: 'trend-line', x1: x(then.t), y1: y(then.v), x2: x(now.t), y2: y(now.v) }));
    }
    if (history.length > 1) {
      root.appendChild(svg('polyline', { class: 'history-line',
        points: history.map(function (p) { return x(p.t) + ',' + y(p.v); }).join(' ') }));
    }
    history.forEach(function (p, i) {
      var last = i === history.length - 1;
      var dot = svg('circle', { class: last ? 'point now' : 'point', cx: x(p.t), cy: y(p.v), r: last ? 4.5 : 3 });
      dot.appendChild(svg('title', {}, p.v.toFixed(1) + (last ? ' now (' + fmtTime(new Date(p.t)) + ')'
        : ' after the last touchpoint of ' + fmtDate(p.t))));
      root.appendChild(dot);
    });
    root.appendChild(svg('text', { class: 'value', x: x(now.t) + 8, y: y(now.v) + 4 }, now.v.toFixed(1) + ' now'));
    if (then) {
      var ring = svg('circle', { class: 'then', cx: x(then.t), cy: y(then.v), r: 6, 'data-testid': 'score-then' });
      ring.appendChild(svg('title', {}, then.v.toFixed(1) + ' 30 days ago (' + fmtDate(then.t) + ')'));
      root.appendChild(ring);
      root.appendChild(svg('text', { class: 'value', x: x(then.t), y: y(then.v) + (then.v > now.v ? -10 : 17),
        'text-anchor': 'middle' }, '30 days ago ' + then.v.toFixed(1)));
    }
    root.appendChild(svg('text', { x: pad, y: H + 12 }, fmtDate(t0)));
    root.appendChild(svg('text', { x: W - right, y: H + 12, 'text-anchor': 'end' }, fmtDate(t1)));
    return el('div', {}, [root, el('p', { class: 'hint chart-label', 'data-testid': 'score-history-label',
      text: historyLabel(history, then) })]);
  }

  function tickClocks() {
    document.querySelectorAll('.countdown').forEach(function (n) {
      var due = n.getAttribute('data-due');
      if (!due) { n.textContent = 'no date promised'; return; }
      var s = (Date.parse(due) - Date.now()) / 1000;
      n.textContent = s >= 0 ? 'due in ' + span(s) : 'overdue by ' + span(s);
      n.classList.toggle('overdue', s < 0);
    });
  }

  // ---------- routing ----------
  /** Views that live in files of their own (console-index.js): { name, pattern, show(match), hide() }. */
  var views = [];

  function route() {
    var match = location.hash.match(/^#\/subjects\/(.+)$/);
    var view = null, viewMatch = null;
    views.forEach(function (v) {
      var m = !view && !match && location.hash.match(v.pattern);
      if (m) { view = v; viewMatch = m; } else { v.hide(); }
    });
    clearInterval(state.subjectTimer);
    $('dashboard').hidden = !!(match || view);
    $('subject').hidden = !match;
    document.querySelectorAll('.views a').forEach(function (a) {
      a.classList.toggle('on', a.getAttribute('data-view') === (view ? view.name : match ? '' : 'dashboard'));
    });
    if (match) {
      var id = decodeURIComponent(match[1]);
      $('subject-body').replaceChildren(el('p', { class: 'empty', text: 'Loading ' + id + '…' }));
      loadSubject(id);
      state.subjectTimer = setInterval(function () { loadSubject(id); }, POLL_MS);
    } else {
      state.subjectData = null;
    }
    if (view) { view.show(viewMatch); }
  }

  function start() {
    bindFilters();
    $('lookup').addEventListener('submit', function (e) {
      e.preventDefault();
      var id = $('lookup-id').value.trim();
      if (id) { location.hash = '#/subjects/' + encodeURIComponent(id); }
    });
    window.addEventListener('hashchange', route);
    route();
    connectStream();
    renderFeed();
    renderRate();
    refreshDashboard();
    setInterval(refreshDashboard, POLL_MS);
    setInterval(function () { renderRate(); tickClocks(); }, 1000);
    setInterval(renderFeed, 30000);
  }

  // What the views in other files share with this one.
  window.TouchpointsConsole = {
    $: $, el: el, svg: svg, ago: ago, fmtTime: fmtTime, scoreClass: scoreClass, humanType: humanType,
    fetchJson: fetchJson, NO_TREND: NO_TREND,
    addView: function (v) { views.push(v); }
  };
  // Once every script has run, so that their views are known to the first route().
  document.addEventListener('DOMContentLoaded', start);
}());
