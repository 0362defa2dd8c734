// Sparrow live dashboard: no libraries, no external requests. Data comes from "events"
// (Server-Sent Events: the whole snapshot on connect, then one update per sample) and, when a
// proxy does not pass event streams through, from polling "cluster.json". All URLs relative.
(function () {
  'use strict';
  var MAX_POINTS = 300;
  var COMPACT_ABOVE = 64;
  var history = [];
  var tiles = new Map();
  var lastMessage = 0;
  var polling = null;
  var $ = function (id) { return document.getElementById(id); };

  function fmt(n, digits) {
    if (n === null || n === undefined || !isFinite(n)) { return '\u2013'; }
    if (Math.abs(n) >= 10000) { return (n / 1000).toFixed(1) + 'k'; }
    return n.toFixed(digits === undefined ? 0 : digits);
  }
  function compact(n) { return n >= 1000 ? (n / 1000).toFixed(n >= 100000 ? 0 : 1) + 'k' : String(n); }
  function ms(n) { return n >= 1000 ? fmt(n / 1000, 2) + ' s' : fmt(n, n < 10 ? 1 : 0) + ' ms'; }
  function clock(t) { return new Date(t).toLocaleTimeString([], { hour12: false }); }
  function setText(id, s) { var e = $(id); if (e.textContent !== s) { e.textContent = s; } }

  // Green when idle, through amber, to red when every slot is busy.
  function loadColour(busy, slots) {
    if (slots <= 0 || busy <= 0) { return 'var(--idle)'; }
    var u = Math.min(1, busy / slots);
    return 'hsl(' + Math.round(140 * (1 - u)) + ' 70% ' + Math.round(40 + 4 * (1 - u)) + '%)';
  }

  function shortName(nm) {
    var idx = nm.attributes && nm.attributes['local.index'];
    if (idx !== undefined) { return 'nm ' + idx; }
    return nm.id.length > 14 ? '\u2026' + nm.id.slice(-13) : nm.id;
  }

  // Local clusters number their node monitors: show them in that order, others by id.
  function order(a, b) {
    var ia = a.attributes && a.attributes['local.index'], ib = b.attributes && b.attributes['local.index'];
    if (ia !== undefined && ib !== undefined) { return ia - ib; }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  function renderTiles(nodes) {
    nodes = nodes.slice().sort(order);
    var box = $('tiles');
    box.classList.toggle('compact', nodes.length > COMPACT_ABOVE);
    var seen = new Set();
    nodes.forEach(function (nm, i) {
      seen.add(nm.id);
      var t = tiles.get(nm.id);
      if (!t) {
        t = document.createElement('div');
        t.className = 'tile';
        t.dataset.id = nm.id;
        t.innerHTML = '<div class="name"></div><div class="nums"></div><div class="q"></div>';
        tiles.set(nm.id, t);
      }
      if (box.children[i] !== t) { box.insertBefore(t, box.children[i] || null); }
      var l = nm.load;
      if (l) {
        var busy = l.runningTasks + l.fetchingSlots;
        t.classList.remove('down');
        t.classList.toggle('queued', l.queuedReservations > 0);
        t.style.backgroundColor = loadColour(busy, l.slots);
        t.dataset.busy = busy;
        t.dataset.slots = l.slots;
        t.dataset.queued = l.queuedReservations;
        t.dataset.completed = l.completedTasks;
        t.children[1].textContent = busy + '/' + l.slots;
        t.children[2].textContent = l.queuedReservations > 0 ? 'queue ' + l.queuedReservations : 'no queue';
        t.title = nm.id + '\nbusy ' + busy + ' of ' + l.slots + ' slots (' + l.fetchingSlots + ' fetching)\nqueued ' +
          l.queuedReservations + '\ncompleted ' + l.completedTasks + ', failed ' + l.failedTasks +
          (l.preemptions > 0 ? '\nsuspended ' + l.suspendedTasks + ' (' + l.preemptions + ' preemptions so far)' : '');
      } else {
        t.classList.add('down');
        t.classList.remove('queued');
        t.style.backgroundColor = '';
        t.dataset.busy = '';
        t.children[1].textContent = '?/' + nm.slots;
        t.children[2].textContent = 'unreachable';
        t.title = nm.id + '\n' + nm.loadError;
      }
      t.children[0].textContent = shortName(nm);
    });
    tiles.forEach(function (t, id) {
      if (!seen.has(id)) { t.remove(); tiles.delete(id); }
    });
  }

  function renderSchedulers(list) {
    var body = $('schedulers');
    var rows = list.map(function (s) {
      var st = s.stats;
      if (!st) { return '<tr><td title="' + esc(s.id) + '">' + esc(s.id) + '</td><td class="err" colspan="4">' + esc(s.statsError) + '</td></tr>'; }
      var policies = Object.keys(st.jobsByPolicy || {}).map(function (p) { return p + ': ' + st.jobsByPolicy[p]; }).join(', ');
      return '<tr data-id="' + esc(s.id) + '"><td title="' + esc(s.id + (policies ? '\n' + policies : '')) + '">' + esc(s.id) + '</td><td>' +
        fmt(st.jobsSubmitted) + '</td><td>' + st.activeJobs + '</td><td>' + fmt(st.jobsFailed) + '</td><td>' +
        (st.recentJobs > 0 ? fmt(st.responseP50Ms, 1) : '\u2013') + '</td></tr>';
    });
    body.innerHTML = rows.join('') || '<tr><td colspan="5" class="hint">no scheduler registered</td></tr>';
    setText('s-count', String(list.length));
  }

  function renderFailures(list) {
    var ul = $('failures');
    if (!list.length) { ul.innerHTML = '<li class="none">none</li>'; return; }
    ul.innerHTML = list.map(function (f) {
      return '<li title="' + esc(f.subject + ': ' + f.what) + '"><div><span class="t">' + clock(f.atMillis) +
        '</span> <span class="s">' + esc(f.subject) + '</span></div><div class="w">' + esc(f.what) + '</div></li>';
    }).join('');
  }

  // Hook for queue policies: the panel appears once node monitors report per-user counts.
  function renderUsers(list) {
    var panel = $('users-panel');
    panel.hidden = !list || !list.length;
    if (panel.hidden) { return; }
    // Bars are each user's share of the running tasks; the numbers say running / queued.
    $('users').innerHTML = list.map(function (u) {
      var pct = Math.round(100 * u.runningShare);
      return '<div class="user" data-user="' + esc(u.user) + '" data-running="' + u.runningTasks +
        '" data-queued="' + u.queuedReservations + '"><span class="name">' + esc(u.user) + '</span>' +
        '<div class="track"><div class="bar" style="width:' + pct + '%"></div></div>' +
        '<span class="num">' + pct + '% · ' + u.runningTasks + ' run · ' + u.queuedReservations + ' queued</span></div>';
    }).join('');
  }

  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function renderTotals(s) {
    var t = s.totals;
    setText('cluster', s.cluster);
    setText('t-nodes', String(t.nodeMonitors));
    setText('t-nodes-sub', t.reachableNodeMonitors === t.nodeMonitors ? 'all reachable' : (t.nodeMonitors - t.reachableNodeMonitors) + ' unreachable');
    setText('t-busy', t.busySlots + ' / ' + t.slots);
    setText('t-busy-sub', (t.slots - t.busySlots) + ' free');
    setText('t-util', fmt(100 * t.utilisation) + '%');
    var bar = $('t-util-bar');
    bar.style.width = Math.min(100, 100 * t.utilisation) + '%';
    bar.style.background = loadColour(t.busySlots, t.slots);
    setText('t-queued', fmt(t.queuedReservations));
    setText('t-tput', fmt(t.tasksPerSecond));
    setText('t-jobs', fmt(t.jobsPerSecond, 1) + ' jobs/s');
    setText('t-p50', t.responseP50Ms > 0 ? ms(t.responseP50Ms) : '\u2013');
    setText('t-p99', t.responseP99Ms > 0 ? 'median \u00b7 p99 ' + ms(t.responseP99Ms) : 'no job ended lately');
    setText('t-active', String(t.activeJobs));
    setText('t-submitted', compact(t.jobsSubmitted) + ' submitted, ' + compact(t.jobsFailed) + ' failed');
    setText('n-count', t.nodeMonitors + ' registered \u00b7 ' + t.slots + ' slots');
    setText('footer', 'sampled ' + clock(s.sampledAtMillis) + ' every ' + s.intervalMs + ' ms \u00b7 ' + t.schedulers +
      ' schedulers \u00b7 history ' + history.length + ' points');
  }

  // A small line chart on a canvas: series = [{key, label, colour, fill}].
  function chart(canvas, series, unit) {
    var dpr = window.devicePixelRatio || 1;
    var w = canvas.clientWidth, h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
    }
    var g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    var left = 44, right = w - 8, top = 20, bottom = h - 20;
    var pts = history;
    var now = pts.length ? pts[pts.length - 1].atMillis : Date.now();
    var span = Math.max(60000, pts.length ? now - pts[0].atMillis : 0);
    var max = 0;
    series.forEach(function (s) { pts.forEach(function (p) { max = Math.max(max, p[s.key] || 0); }); });
    max = niceCeil(max || 1);
    g.font = '11px system-ui, sans-serif';
    g.strokeStyle = '#2a3542'; g.fillStyle = '#8796a5'; g.lineWidth = 1;
    for (var i = 0; i <= 4; i++) {
      var y = bottom - (bottom - top) * i / 4;
      g.beginPath(); g.moveTo(left, Math.round(y) + 0.5); g.lineTo(right, Math.round(y) + 0.5); g.stroke();
      g.textAlign = 'right'; g.fillText(fmt(max * i / 4, max < 4 ? 1 : 0), left - 6, y + 4);
    }
    for (var m = 0; m <= span / 60000; m++) {
      var x = right - (right - left) * (m * 60000) / span;
      g.textAlign = m === 0 ? 'right' : 'center';
      g.fillText(m === 0 ? 'now' : '-' + m + ' min', x, h - 5);
    }
    var xOf = function (t) { return right - (right - left) * (now - t) / span; };
    var yOf = function (v) { return bottom - (bottom - top) * Math.min(1, (v || 0) / max); };
    series.forEach(function (s) {
      if (pts.length < 2) { return; }
      g.beginPath();
      pts.forEach(function (p, j) { var x = xOf(p.atMillis), y = yOf(p[s.key]); if (j) { g.lineTo(x, y); } else { g.moveTo(x, y); } });
      g.strokeStyle = s.colour; g.lineWidth = 1.8; g.stroke();
      if (s.fill) {
        g.lineTo(xOf(pts[pts.length - 1].atMillis), bottom); g.lineTo(xOf(pts[0].atMillis), bottom); g.closePath();
        g.fillStyle = s.fill; g.fill();
      }
    });
    var lx = left + 4;
    g.textAlign = 'left';
    series.forEach(function (s) {
      var last = pts.length ? pts[pts.length - 1][s.key] : null;
      var text = s.label + ' ' + (last === null ? '\u2013' : fmt(last, last < 10 ? 1 : 0)) + (unit ? ' ' + unit : '');
      g.fillStyle = s.colour; g.fillRect(lx, 6, 10, 3);
      g.fillStyle = '#dce3ea'; g.fillText(text, lx + 14, 12);
      lx += g.measureText(text).width + 30;
    });
  }

  function niceCeil(v) {
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var n = v / p;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * p;
  }

  function renderCharts() {
    chart($('c-tput'), [
      { key: 'tasksPerSecond', label: 'tasks/s', colour: '#4cc2ff', fill: 'rgba(76,194,255,.12)' },
      { key: 'jobsPerSecond', label: 'jobs/s', colour: '#b38cff' }]);
    chart($('c-resp'), [
      { key: 'responseP50Ms', label: 'p50', colour: '#3ccf8e' },
      { key: 'responseP95Ms', label: 'p95', colour: '#f0b429' },
      { key: 'responseP99Ms', label: 'p99', colour: '#ff5d5d' }], 'ms');
  }

  function apply(s) {
    lastMessage = Date.now();
    if (s.history.length > 1) {
      history = s.history.slice(-MAX_POINTS);
    } else {
      s.history.forEach(function (p) {
        if (!history.length || p.atMillis > history[history.length - 1].atMillis) { history.push(p); }
      });
      if (history.length > MAX_POINTS) { history = history.slice(-MAX_POINTS); }
    }
    renderTotals(s);
    renderTiles(s.nodeMonitors);
    renderSchedulers(s.schedulers);
    renderFailures(s.recentFailures);
    renderUsers(s.userShares);
    renderCharts();
    document.body.dataset.sampledAt = s.sampledAtMillis;
  }

  function status(kind, text) {
    $('conn-dot').className = 'dot ' + kind;
    setText('conn-text', text);
  }

  function poll() {
    fetch('cluster.json', { cache: 'no-store' }).then(function (r) { return r.json(); })
      .then(function (s) { apply(s); status('poll', 'polling'); })
      .catch(function () { status('down', 'unreachable'); });
  }

  function connect() {
    if (!window.EventSource) { polling = setInterval(poll, 1000); poll(); return; }
    var es = new EventSource('events');
    es.onmessage = function (e) {
      if (polling) { clearInterval(polling); polling = null; }
      status('live', 'live');
      apply(JSON.parse(e.data));
    };
    es.onerror = function () { status('down', 'reconnecting\u2026'); };
    // A proxy that buffers event streams delivers nothing: fall back to polling.
    setInterval(function () {
      if (Date.now() - lastMessage > 5000 && !polling) { polling = setInterval(poll, 1000); poll(); }
    }, 2500);
  }

  function loadLinks() {
    fetch('links.json').then(function (r) { return r.json(); }).then(function (links) {
      $('links').innerHTML = Object.keys(links).map(function (href) {
        return '<a href="' + esc(href) + '">' + esc(links[href]) + '</a>';
      }).join('');
    }).catch(function () {});
  }

  window.addEventListener('resize', renderCharts);
  loadLinks();
  connect();
})();
