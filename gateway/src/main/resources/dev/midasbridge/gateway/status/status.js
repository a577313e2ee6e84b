// The gateway's status page: polls ../status.json (same origin, the admin credentials the browser already holds)
// and draws one uPlot chart per figure, with a table of each series' last value and total under it.
(function () {
  'use strict';
  // Built from origin + path so that credentials typed into the address bar never end up in a request URL.
  var jsonUrl = new URL('../status.json', location.origin + location.pathname.replace(/[^/]*$/, ''));
  var COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
                 '#bcbd22', '#17becf'];
  var plots = {};
  var status = { data: null, renders: 0, plots: plots, error: null };
  window.midasStatus = status;

  function fmt(v) {
    if (v === null || v === undefined) { return '\u2013'; }
    return Number.isInteger(v) ? String(v) : v.toFixed(1);
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function section(chart) {
    var id = 'chart-' + chart.id;
    var s = document.getElementById(id);
    if (s) { return s; }
    s = el('section', { id: id, 'class': 'chart', 'data-chart': chart.id });
    s.appendChild(el('h2', {}, chart.title));
    s.appendChild(el('p', { 'class': 'what' }, chart.description));
    s.appendChild(el('div', { 'class': 'plot' }));
    s.appendChild(el('p', { 'class': 'none' }));
    var table = el('table', { 'class': 'figures' });
    var head = el('tr');
    ['series', 'last', 'total'].forEach(function (h) { head.appendChild(el('th', {}, h)); });
    table.appendChild(el('thead')).appendChild(head);
    table.appendChild(el('tbody'));
    s.appendChild(table);
    document.getElementById('charts').appendChild(s);
    return s;
  }

  function table(s, chart) {
    var body = s.querySelector('table.figures tbody');
    body.textContent = '';
    chart.series.forEach(function (series, i) {
      var tr = el('tr', { 'data-series': series.label, 'data-kind': series.kind });
      var name = el('td', { 'class': 'label' });
      var sw = el('span', { 'class': 'swatch' });
      sw.style.background = COLOURS[i % COLOURS.length];
      name.appendChild(sw);
      name.appendChild(document.createTextNode(series.label));
      tr.appendChild(name);
      tr.appendChild(el('td', { 'class': 'last' }, fmt(series.last)));
      tr.appendChild(el('td', { 'class': 'total' }, fmt(series.total)));
      body.appendChild(tr);
    });
    s.querySelector('p.none').textContent = chart.series.length === 0 ? 'none so far' : '';
  }

  function draw(s, chart, time) {
    var labels = chart.series.map(function (x) { return x.label; }).join('\n');
    var data = [time].concat(chart.series.map(function (x) { return x.values; }));
    var box = s.querySelector('.plot');
    var old = plots[chart.id];
    if (old && old.labels === labels) {
      old.plot.setData(data);
      return;
    }
    if (old) { old.plot.destroy(); }
    var opts = {
      width: Math.max(320, box.clientWidth || 520),
      height: 220,
      scales: { x: { time: true } },
      series: [{ label: 'time' }].concat(chart.series.map(function (x, i) {
        return { label: x.label, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: true } };
      })),
      axes: [{}, { label: chart.unit }]
    };
    plots[chart.id] = { labels: labels, plot: new uPlot(opts, data, box) };
  }

  function render(d) {
    d.charts.forEach(function (chart) {
      var s = section(chart);
      draw(s, chart, d.time);
      table(s, chart);
    });
    document.getElementById('interval').textContent = String(d.interval_seconds);
    var st = document.getElementById('state');
    st.className = 'state';
    st.textContent = 'updated ' + new Date(d.generated_at).toLocaleTimeString() + ' \u00b7 ' + d.time.length +
      ' samples';
    status.data = d;
    status.error = null;
    status.renders += 1;
    document.body.setAttribute('data-renders', String(status.renders));
  }

  function fail(message) {
    var st = document.getElementById('state');
    st.className = 'state error';
    st.textContent = message;
    status.error = message;
  }

  function poll() {
    var next = 5;
    fetch(jsonUrl, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) { throw new Error('status.json answered HTTP ' + r.status); }
        return r.json();
      })
      .then(function (d) {
        next = d.poll_seconds || 5;
        if (!document.getElementById('pause').checked) { render(d); }
      })
      .catch(function (e) { fail('cannot read the figures: ' + e.message); })
      .then(function () { setTimeout(poll, next * 1000); });
  }

  window.addEventListener('resize', function () {
    Object.keys(plots).forEach(function (id) {
      var box = document.querySelector('#chart-' + id + ' .plot');
      if (box) { plots[id].plot.setSize({ width: Math.max(320, box.clientWidth), height: 220 }); }
    });
  });

  poll();
}());
