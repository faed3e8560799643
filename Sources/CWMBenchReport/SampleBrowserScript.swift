/// The page's sample browser: loads `samples/*.js` with `<script>` tags (so it works from
/// `file://`), lists, filters, sorts and pages a cell's rows, and opens a sample's step-through.
///
/// Every string from a file or a model goes into the page with `textContent`, never as markup.
/// Loaded files are kept in a small cache (12 files), so the heap holds a few cells and chunks.
enum SampleBrowserScript {
  /// The script, inlined at the end of `index.html`.
  static let source = #"""
    (function () {
      var root = document.getElementById('sample-browser');
      if (!root) return;
      var firstShown = false;
      var cache = {}, cacheOrder = [], pending = {};
      function arrive(key, data) {
        if (!cache.hasOwnProperty(key)) { cacheOrder.push(key); }
        cache[key] = data;
        while (cacheOrder.length > 12) { delete cache[cacheOrder.shift()]; }
        var waiting = pending[key] || [];
        delete pending[key];
        waiting.forEach(function (w) { w[0](data); });
      }
      window.cwmSamples = {
        index: function (d) { arrive('index', d); },
        rows: function (cell, d) { arrive('rows-' + cell, d); },
        detail: function (key, d) { arrive('detail-' + key, d); }
      };
      function load(key, file) {
        return new Promise(function (resolve, reject) {
          if (cache.hasOwnProperty(key)) { resolve(cache[key]); return; }
          if (pending[key]) { pending[key].push([resolve, reject]); return; }
          pending[key] = [[resolve, reject]];
          var tag = document.createElement('script');
          function fail(why) {
            tag.remove();
            var waiting = pending[key] || [];
            delete pending[key];
            waiting.forEach(function (w) { w[1](new Error(why)); });
          }
          tag.onload = function () { fail('samples/' + file + ' holds no data'); };
          tag.onerror = function () { fail('cannot load samples/' + file); };
          tag.src = 'samples/' + file;
          document.head.appendChild(tag);
        });
      }
      function el(tag, cls, text) {
        var node = document.createElement(tag);
        if (cls) node.className = cls;
        if (text !== undefined && text !== null) node.textContent = String(text);
        return node;
      }
      function option(select, value, text) { var o = el('option', null, text); o.value = String(value); select.appendChild(o); }
      function labelled(parent, text, control) { var l = el('label', null, text + ' '); l.appendChild(control); parent.appendChild(l); return control; }

      var status = root.querySelector('.status');
      var index = null, state = { family: '', cell: '', model: 0, answer: 'all', queries: 'all', sort: 'worst', page: 0 };
      var source = [], sourceKey = '', list = [], controls = {};
      var listBox = el('div'), pager = el('p', 'pager'), detail = el('div', 'sample-detail');
      detail.hidden = true;

      function cellOf(n) { for (var i = 0; i < index.cells.length; i++) { if (index.cells[i].n === n) return index.cells[i]; } return null; }
      // The counts a row gives for model m under the queries filter: [right, of].
      function counts(row, m) {
        var right = row[3 + 2 * m], rightChanged = row[4 + 2 * m], q = row[1], ch = row[2];
        if (right < 0) return null;
        if (state.queries === 'changed' && ch >= 0) return [rightChanged, ch];
        if (state.queries === 'copy' && ch >= 0) return [right - rightChanged, q - ch];
        return [right, q];
      }
      function fraction(c) { return c[1] > 0 ? c[0] / c[1] : 1; }

      function build() {
        var bar = el('p', 'controls');
        controls.family = labelled(bar, 'family', el('select', 'f-family'));
        controls.cell = labelled(bar, 'cell', el('select', 'f-cell'));
        controls.model = labelled(bar, 'model', el('select', 'f-model'));
        controls.answer = labelled(bar, 'answers', el('select', 'f-answer'));
        controls.queries = labelled(bar, 'queries', el('select', 'f-queries'));
        controls.sort = labelled(bar, 'sort', el('select', 'f-sort'));
        var families = [];
        index.cells.forEach(function (c) { if (families.indexOf(c.family) < 0) families.push(c.family); });
        families.forEach(function (f) { option(controls.family, f, f); });
        index.models.forEach(function (m, i) { option(controls.model, i, m); });
        [['all', 'all'], ['wrong', 'with a wrong answer'], ['right', 'all right']].forEach(function (o) { option(controls.answer, o[0], o[1]); });
        [['all', 'all queries'], ['changed', 'changed values'], ['copy', 'copies']].forEach(function (o) { option(controls.queries, o[0], o[1]); });
        [['worst', 'worst first'], ['best', 'most right first'], ['id', 'file order']].forEach(function (o) { option(controls.sort, o[0], o[1]); });
        controls.family.onchange = function () { state.family = controls.family.value; fillCells(); state.cell = controls.cell.value; reload(); };
        controls.cell.onchange = function () { state.cell = controls.cell.value; reload(); };
        controls.model.onchange = function () { state.model = Number(controls.model.value); refilter(); };
        controls.answer.onchange = function () { state.answer = controls.answer.value; refilter(); };
        controls.queries.onchange = function () { state.queries = controls.queries.value; refilter(); };
        controls.sort.onchange = function () { state.sort = controls.sort.value; refilter(); };
        root.insertBefore(bar, status);
        var prev = el('button', 'page-prev', '◀'), next = el('button', 'page-next', '▶');
        prev.type = next.type = 'button';
        prev.onclick = function () { if (state.page > 0) { state.page--; render(); } };
        next.onclick = function () { if ((state.page + 1) * 50 < list.length) { state.page++; render(); } };
        pager.appendChild(prev); pager.appendChild(el('span', 'page-label')); pager.appendChild(next);
        root.appendChild(listBox); root.appendChild(pager); root.appendChild(detail);
        state.family = families[0] || '';
        fillCells();
        state.cell = controls.cell.value;
        document.querySelectorAll('a.to-samples').forEach(function (a) {
          a.onclick = function () {
            var m = index.models.indexOf(a.getAttribute('data-model'));
            if (m < 0) return;
            state.model = m; controls.model.value = String(m);
            if (a.getAttribute('data-view') === 'worst') { state.cell = 'worst'; controls.cell.value = 'worst'; state.answer = 'all'; }
            else { state.answer = 'wrong'; }
            controls.answer.value = state.answer; state.sort = 'worst'; controls.sort.value = 'worst';
            reload();
          };
        });
      }
      function fillCells() {
        controls.cell.textContent = '';
        option(controls.cell, 'worst', 'the model’s 50 worst examples (every cell)');
        index.cells.forEach(function (c) { if (c.family === state.family) option(controls.cell, c.n, c.label + ' · ' + c.count + ' examples'); });
        if (controls.cell.options.length > 1) controls.cell.selectedIndex = 1;
      }
      function reload() {
        state.page = 0;
        if (state.cell === 'worst') {
          refilter();
          return;
        }
        var n = Number(state.cell);
        source = []; sourceKey = '';
        status.textContent = 'Loading cell ' + n + '…';
        load('rows-' + n, 'rows-' + n + '.js').then(function (rows) {
          if (String(n) !== String(state.cell)) return;
          source = rows.map(function (row, rank) { return { cell: n, rank: rank, row: row }; });
          sourceKey = String(n);
          refilter();
        }, function (e) { status.textContent = e.message; });
      }
      function refilter() {
        if (state.cell === 'worst') {
          source = (index.worst[state.model] || []).map(function (w) { return { cell: w[0], rank: w[1], row: w[2] }; });
          sourceKey = 'worst';
        }
        var m = state.model, want = state.answer;
        var cell = state.cell === 'worst' ? null : cellOf(Number(state.cell));
        controls.queries.disabled = !!cell && !cell.copy;
        list = source.filter(function (item) {
          var c = counts(item.row, m);
          if (!c) return want === 'all';
          if (want === 'wrong') return c[0] < c[1];
          if (want === 'right') return c[0] === c[1];
          return true;
        });
        if (state.sort !== 'id') {
          var sign = state.sort === 'worst' ? 1 : -1;
          list.sort(function (a, b) {
            var ca = counts(a.row, m), cb = counts(b.row, m);
            var fa = ca ? fraction(ca) : 2, fb = cb ? fraction(cb) : 2;
            if (fa !== fb) return sign * (fa - fb);
            var qa = ca ? ca[1] : 0, qb = cb ? cb[1] : 0;
            if (qa !== qb) return qb - qa;
            return a.cell - b.cell || a.rank - b.rank;
          });
        }
        state.page = Math.min(state.page, Math.max(0, Math.ceil(list.length / 50) - 1));
        render();
      }
      function render() {
        listBox.textContent = '';
        var table = el('table', 'list'), head = el('tr');
        // The cell column only where rows come from several cells (a model's worst examples).
        var several = state.cell === 'worst';
        ['#', 'id'].concat(several ? ['cell'] : [], ['queries'], index.models).forEach(function (h) { head.appendChild(el('th', null, h)); });
        var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
        var body = el('tbody');
        list.slice(state.page * 50, state.page * 50 + 50).forEach(function (item) {
          var row = item.row, tr = el('tr', 'sample'), cell = cellOf(item.cell);
          tr.appendChild(el('td', 'num', item.rank + 1));
          tr.appendChild(el('td', null, row[0]));
          if (several) tr.appendChild(el('td', null, cell ? cell.family + ' ' + cell.label : item.cell));
          tr.appendChild(el('td', 'num', row[2] >= 0 ? row[1] + ' (' + row[2] + ' changed)' : row[1]));
          index.models.forEach(function (name, m) {
            var c = counts(row, m);
            tr.appendChild(c ? el('td', 'num ' + (c[0] === c[1] ? 'ok' : 'bad'), c[0] + '/' + c[1] + ' right') : el('td', null, '–'));
          });
          tr.onclick = function () { open(item.cell, item.rank); };
          body.appendChild(tr);
        });
        table.appendChild(body);
        var wrap = el('div', 'table');
        wrap.appendChild(table);
        listBox.appendChild(wrap);
        var pages = Math.max(1, Math.ceil(list.length / 50));
        pager.querySelector('.page-label').textContent = 'page ' + (state.page + 1) + ' of ' + pages + ' · ' + list.length + ' samples';
        status.textContent = list.length + ' of ' + source.length + ' samples match.';
        // What the list shows now, and the time since navigation began, for the browser test.
        root.setAttribute('data-shown', sourceKey + ' ' + state.answer);
        if (!firstShown) { firstShown = true; root.setAttribute('data-first-page-ms', String(Math.round(performance.now()))); }
      }

      function open(n, rank) {
        var chunk = Math.floor(rank / index.chunk), key = n + '-' + chunk;
        status.textContent = 'Loading sample…';
        load('detail-' + key, 'detail-' + key + '.js').then(function (entries) {
          status.textContent = '';
          show(entries[rank % index.chunk]);
        }, function (e) { status.textContent = e.message; });
      }
      function show(entry) {
        detail.textContent = '';
        detail.hidden = false;
        var cell = cellOf(entry.cell);
        var head = el('p', 'head');
        head.appendChild(el('code', null, entry.id));
        head.appendChild(document.createTextNode(' · ' + (cell ? cell.family + ' ' + cell.label : '')));
        var close = el('button', 'close', '×'); close.type = 'button';
        close.onclick = function () { detail.hidden = true; detail.textContent = ''; };
        head.appendChild(document.createTextNode(' ')); head.appendChild(close);
        detail.appendChild(head);
        var pick = el('p', 'controls'), a = el('select', 'cmp-a'), b = el('select', 'cmp-b');
        index.models.forEach(function (name, i) { option(a, i, name); option(b, i, name); });
        option(b, -1, 'none');
        a.value = String(state.model);
        b.value = String(index.models.length > 1 ? (state.model + 1) % index.models.length : -1);
        labelled(pick, 'model', a); labelled(pick, 'beside', b);
        detail.appendChild(pick);
        var body = el('div');
        detail.appendChild(body);
        function draw() { drawSample(body, entry, Number(a.value), Number(b.value)); }
        a.onchange = b.onchange = draw;
        draw();
        detail.scrollIntoView({ block: 'nearest' });
      }
      function answerText(r) {
        if (!r) return 'no answer';
        if (r.p !== undefined) return r.p;
        if (r.pm !== undefined) return 'p(answer) = ' + r.pm.toFixed(3);
        return r.c ? 'right' : 'wrong';
      }
      function trace(entry, results, other) {
        var box = el('div', 'trace'), lines = [], text = entry.text, qs = entry.q, qi = 0, start = 0;
        text.split('\n').forEach(function (line) {
          var end = start + line.length, div = el('div', 'ln'), cur = start;
          while (qi < qs.length && qs[qi].s <= end) {
            var q = qs[qi], s = Math.max(cur, Math.min(q.s, end)), e = Math.max(s, Math.min(q.e, end));
            if (s > cur) div.appendChild(document.createTextNode(text.slice(cur, s)));
            var r = results ? results[qi] : null, span = el('span', 'q ' + (r ? (r.c ? 'ok' : 'bad') : 'none'), text.slice(s, e));
            if (r && other && other[qi] && other[qi].c !== r.c) span.classList.add('differ');
            span.title = 'query ' + (qi + 1) + ' · model: ' + answerText(r) + ' · true: ' + q.a;
            div.appendChild(span);
            cur = e; qi++;
          }
          if (end > cur) div.appendChild(document.createTextNode(text.slice(cur, end)));
          box.appendChild(div); lines.push(div);
          start = end + 1;
        });
        return { box: box, lines: lines };
      }
      function drawSample(body, entry, ia, ib) {
        body.textContent = '';
        var shown = [ia].concat(ib >= 0 && ib !== ia ? [ib] : []);
        var results = shown.map(function (m) { return entry.m[m] ? entry.m[m].r : null; });
        var stops = entry.stops;
        // A model's label at stop i: its own where it differs (reveals), else the shared one.
        function labelOf(m, i) {
          var own = entry.m[m] && entry.m[m].labels;
          if (!own) return null;
          return own.hasOwnProperty(String(i)) ? own[String(i)] : stops[i].label;
        }
        var stepper = el('div', 'stepper');
        var prev = el('button', 'prev', '◀'), next = el('button', 'next', '▶'), view = el('span', 'state'), locals = el('div', 'locals');
        prev.type = next.type = 'button';
        var bar = el('p'); bar.appendChild(prev); bar.appendChild(document.createTextNode(' ')); bar.appendChild(next); bar.appendChild(view);
        stepper.appendChild(bar); stepper.appendChild(locals);
        body.appendChild(stepper);
        var panes = el('div', 'panes'), traces = [];
        shown.forEach(function (m, k) {
          var pane = el('div', 'pane'), r = results[k];
          var right = r ? r.filter(function (x) { return x.c; }).length : 0;
          pane.appendChild(el('h4', null, index.models[m] + (r ? ' · ' + right + '/' + entry.q.length + ' right' : ' · no result')));
          // With --few-shot the model saw these solved train-split examples before the trace.
          var shots = entry.m[m] && entry.m[m].s;
          if (shots && shots.length) pane.appendChild(el('p', 'shots', 'before the trace: ' + shots.length + ' solved train example' + (shots.length > 1 ? 's' : '') + ' (' + shots.join(', ') + ')'));
          var t = trace(entry, r, results[1 - k] || null);
          pane.appendChild(t.box); panes.appendChild(pane); traces.push(t);
        });
        body.appendChild(panes);
        var table = el('table', 'queries'), head = el('tr');
        var heads = ['#', 'true'];
        shown.forEach(function (m) { var n = index.models[m]; heads.push(n + ': answer', n + ': raw reply', n + ': p_model'); });
        if (entry.q.some(function (q) { return q.bayes !== undefined; })) heads.push('p_bayes', 'Bayes belief');
        heads.forEach(function (h) { head.appendChild(el('th', null, h)); });
        table.appendChild(head);
        entry.q.forEach(function (q, i) {
          var tr = el('tr');
          tr.appendChild(el('td', 'num', i + 1)); tr.appendChild(el('td', null, q.a));
          var marks = [];
          results.forEach(function (r) {
            var x = r ? r[i] : null;
            marks.push(x ? x.c : null);
            tr.appendChild(el('td', x ? (x.c ? 'ok' : 'bad') : null, (x ? (x.c ? '✓ ' : '✗ ') : '') + answerText(x)));
            tr.appendChild(el('td', 'raw', x && x.r !== undefined ? x.r : '–'));
            tr.appendChild(el('td', 'num', x && x.pm !== undefined ? x.pm.toFixed(3) : '–'));
          });
          if (heads.indexOf('p_bayes') >= 0) {
            tr.appendChild(el('td', 'num', q.pb !== undefined ? q.pb.toFixed(3) : '–'));
            tr.appendChild(el('td', 'bayes', q.bayes || '–'));
          }
          if (marks.length === 2 && marks[0] !== null && marks[1] !== null && marks[0] !== marks[1]) tr.className = 'differ';
          table.appendChild(tr);
        });
        var wrap = el('div', 'table'); wrap.appendChild(table); body.appendChild(wrap);
        if (!stops || !stops.length) { view.textContent = 'no step-through: the task line records no structure'; prev.disabled = next.disabled = true; return; }
        var at = 0;
        function step(scroll) {
          var stop = stops[at], labels = [];
          shown.forEach(function (m) { var l = labelOf(m, at); if (l !== null) labels.push([index.models[m], l]); });
          // One line when the models' labels agree (actions), one per model at reveals.
          var same = labels.every(function (l) { return l[1] === labels[0][1]; });
          view.textContent = (at + 1) + '/' + stops.length + ' · ' + (same ? labels[0][1] : labels.map(function (l) { return l[0] + ': ' + l[1]; }).join('\n      '));
          traces.forEach(function (t) {
            t.lines.forEach(function (l) { l.classList.remove('cur'); });
            var line = stop.line >= 0 ? t.lines[stop.line] : null;
            if (line) {
              line.classList.add('cur');
              // Scroll inside the trace's own box, never the page.
              if (scroll) t.box.scrollTop = Math.max(0, line.offsetTop - t.box.clientHeight / 3);
            }
          });
          locals.textContent = '';
          if (stop.locals && stop.locals.length) {
            var lt = el('table', 'locals'), lh = el('tr');
            ['name', 'value', 'changed'].forEach(function (h) { lh.appendChild(el('th', null, h)); });
            lt.appendChild(lh);
            stop.locals.forEach(function (v) {
              var tr = el('tr');
              tr.appendChild(el('td', null, v.name)); tr.appendChild(el('td', v.changed ? 'changed' : null, v.value));
              tr.appendChild(el('td', v.changed ? 'changed' : null, v.changed ? 'yes' : 'no'));
              lt.appendChild(tr);
            });
            locals.appendChild(lt);
          }
        }
        prev.onclick = function () { if (at > 0) { at--; step(true); } };
        next.onclick = function () { if (at < stops.length - 1) { at++; step(true); } };
        step(false);
      }

      load('index', 'index.js').then(function (d) {
        index = d;
        if (!index.cells.length) { status.textContent = 'No samples: the runs scored no example.'; return; }
        build();
        reload();
      }, function (e) { status.textContent = e.message + ' (open the report folder with its samples/ folder beside index.html)'; });
    })();

    """#
}
