/**
 * The style and script of the HTML access report (see `report.ts`), as text placed inline in the
 * page (no external asset). The script reads the JSON data block and renders one window of the
 * matrix at a time (rows and columns are paginated), so the DOM stays small whatever the size
 * of the snapshot.
 *
 * INVARIANT (text only): the script puts every string of the data (names, permission lists,
 * traces) into the page with `textContent`, `title` or `value`, never `innerHTML`; it opens no
 * connection. It holds no backtick and no `${`, so it can live in a template literal.
 */

/** The page's style: route colours from the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), each with a letter too. */
export const reportStyle = `
:root { color-scheme: light; font-family: system-ui, sans-serif; font-size: 14px; }
body { margin: 0; padding: 0 16px 16px; color: #111; background: #fff; }
header h1 { margin: 12px 0 2px; font-size: 20px; }
#subtitle { margin: 0 0 8px; color: #444; overflow-wrap: anywhere; }
#controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 8px; }
#controls input[type=search] { width: 14em; }
#legend { display: flex; flex-wrap: wrap; gap: 6px 14px; margin-bottom: 6px; }
.legend-item { display: inline-flex; align-items: center; gap: 4px; }
.swatch { display: inline-block; min-width: 1.6em; text-align: center; font-weight: bold; border: 1px solid #555; padding: 0 3px; }
#summary { margin: 4px 0; }
#pager { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 6px; }
#main { display: flex; gap: 12px; align-items: flex-start; }
#matrix-wrap { overflow: auto; max-height: 75vh; max-width: 64vw; border: 1px solid #999; }
#matrix { border-collapse: collapse; font-size: 12px; }
#matrix th, #matrix td { border: 1px solid #ccc; padding: 2px 4px; white-space: nowrap; }
#matrix thead th { position: sticky; top: 0; background: #f4f4f4; z-index: 1; vertical-align: bottom; max-width: 9em; overflow: hidden; text-overflow: ellipsis; }
#matrix tbody th { position: sticky; left: 0; background: #f4f4f4; text-align: left; max-width: 16em; overflow: hidden; text-overflow: ellipsis; }
.ds-id, .user-id { color: #555; font-weight: normal; }
td.cell { cursor: pointer; min-width: 3.5em; max-width: 10em; overflow: hidden; text-overflow: ellipsis; font-family: ui-monospace, monospace; }
td.cell:focus { outline: 2px solid #000; outline-offset: -2px; }
td.cell.selected { outline: 3px solid #0072B2; outline-offset: 1px; }
.r-owner { background: #E69F00; color: #000; }
.r-override { background: #CC79A7; color: #000; }
.r-userShare { background: #56B4E9; color: #000; }
.r-tenantShare { background: #009E73; color: #fff; }
.r-group { background: #F0E442; color: #000; }
.r-inactive { background: #bbbbbb; color: #000; }
.r-none { background: #fff; color: #000; }
td.cell.changed { box-shadow: inset 0 0 0 3px #000; font-weight: bold; }
td.cell.removed { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #ddd 4px, #ddd 8px); text-decoration: line-through; }
.diff-mark { display: inline-block; min-width: 1em; }
.badge { font-size: 11px; border: 1px solid #777; border-radius: 3px; padding: 0 3px; margin-left: 4px; font-weight: normal; }
#detail { flex: 1; min-width: 22em; }
#detail h2 { font-size: 16px; margin: 0 0 4px; }
#trace { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; background: #f8f8f8; border: 1px solid #ccc; padding: 6px; max-height: 70vh; overflow: auto; }
#trace:empty { display: none; }
button { font: inherit; }
`;

/** The page's script (plain ES2017, no dependency): tenant choice, filters, pagination, the matrix window and the trace panel. */
export const reportScript = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var ROUTES = [
    { name: 'none', letter: '', label: 'no access', rule: 'R-DSP-3' },
    { name: 'owner', letter: 'O', label: 'owner, by its user permissions', rule: 'R-DSP-2' },
    { name: 'override', letter: 'D', label: 'owner, by the data-source permissions', rule: 'R-DSP-1' },
    { name: 'userShare', letter: 'U', label: 'user share', rule: 'R-SHR-1' },
    { name: 'tenantShare', letter: 'T', label: 'tenant share', rule: 'R-SHR-2' },
    { name: 'group', letter: 'G', label: 'through a group', rule: 'R-GRP-1' },
    { name: 'inactive', letter: 'I', label: 'inactive or locked: nothing', rule: 'R-EFF-3' },
    { name: 'administrator', letter: 'A', label: 'administrator', rule: 'R-ADM-1' }
  ];
  var F = {};
  data.fields.forEach(function (f, i) { F[f] = i; });
  var S = data.fields.length;
  var ROWS = 40, COLS = 24;
  var state = { tenant: 0, user: '', ds: '', changedOnly: false, rowPage: 0, colPage: 0, selected: -1 };
  var indexes = {};
  var byId = function (id) { return document.getElementById(id); };
  var el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function tenantIndex(t) {
    if (indexes[t]) return indexes[t];
    var cells = data.tenants[t].cells, byUser = new Map(), byPair = new Map(), changedUsers = new Set();
    for (var o = 0; o < cells.length; o += S) {
      var u = cells[o + F.u];
      var list = byUser.get(u);
      if (!list) { list = []; byUser.set(u, list); }
      list.push(o);
      byPair.set(u + ':' + cells[o + F.d], o);
      if (data.diff && cells[o + F.c] === 1) changedUsers.add(u);
    }
    indexes[t] = { byUser: byUser, byPair: byPair, changedUsers: changedUsers };
    return indexes[t];
  }

  function matches(id, name, filter) {
    if (filter === '') return true;
    return String(id) === filter || name.toLowerCase().indexOf(filter) >= 0;
  }

  function view() {
    var t = data.tenants[state.tenant];
    if (!t) return { rows: [], cols: [], cells: [], idx: null };
    var idx = tenantIndex(state.tenant), cells = t.cells;
    var uf = state.user.trim().toLowerCase(), df = state.ds.trim().toLowerCase();
    var rows = t.users.filter(function (u) {
      var row = data.users[u];
      return matches(row[0], row[1], uf) && (!state.changedOnly || idx.changedUsers.has(u));
    });
    var colSet = new Set(), rowHasCol = new Set();
    rows.forEach(function (u) {
      (idx.byUser.get(u) || []).forEach(function (o) {
        if (state.changedOnly && cells[o + F.c] !== 1) return;
        var d = cells[o + F.d], ds = data.dataSources[d];
        if (!matches(ds[0], ds[1], df)) return;
        colSet.add(d);
        rowHasCol.add(u);
      });
    });
    if (df !== '') rows = rows.filter(function (u) { return rowHasCol.has(u); });
    var cols = Array.from(colSet).sort(function (a, b) { return data.dataSources[a][0] - data.dataSources[b][0]; });
    return { rows: rows, cols: cols, cells: cells, idx: idx };
  }

  // "1,2,3,5" as "1-3,5": short cells; the full list is in the cell's title and the trace
  function ranges(text) {
    if (text === '') return '';
    var ids = text.split(',').map(Number), out = [], i = 0;
    while (i < ids.length) {
      var j = i;
      while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
      out.push(j - i >= 2 ? ids[i] + '-' + ids[j] : j > i ? ids[i] + ',' + ids[j] : String(ids[i]));
      i = j + 1;
    }
    return out.join(',');
  }

  function routeOf(code) { return ROUTES[code] || ROUTES[0]; }
  function reached(code) { return code !== 0 && code !== 6; }

  function cellText(cells, o) {
    var r = routeOf(cells[o + F.r]), p = data.permissions[cells[o + F.p]];
    if (data.diff && !reached(cells[o + F.r])) {
      var br = routeOf(cells[o + F.br]);
      return { cls: 'removed', text: br.letter + ' ' + ranges(data.permissions[cells[o + F.bp]]), route: br };
    }
    return { cls: 'r-' + r.name, text: r.letter + ' ' + ranges(p), route: r };
  }

  function diffMark(cells, o) {
    if (!data.diff || cells[o + F.c] !== 1) return '';
    if (!reached(cells[o + F.br])) return '+';
    if (!reached(cells[o + F.r])) return '\\u2212';
    return '~';
  }

  function describe(cells, o, prefix) {
    var code = prefix === 'before' ? cells[o + F.br] : cells[o + F.r];
    var perms = prefix === 'before' ? cells[o + F.bp] : cells[o + F.p];
    var r = routeOf(code);
    return code === 0 ? 'no access' : code === 6 ? r.label + ' (' + r.letter + ', ' + r.rule + ')' : r.label + ' (' + r.letter + ', ' + r.rule + '): [' + data.permissions[perms] + ']';
  }

  function renderMatrix() {
    var v = view(), table = byId('matrix');
    var rowPages = Math.max(1, Math.ceil(v.rows.length / ROWS)), colPages = Math.max(1, Math.ceil(v.cols.length / COLS));
    state.rowPage = Math.min(state.rowPage, rowPages - 1);
    state.colPage = Math.min(state.colPage, colPages - 1);
    var rows = v.rows.slice(state.rowPage * ROWS, state.rowPage * ROWS + ROWS);
    var cols = v.cols.slice(state.colPage * COLS, state.colPage * COLS + COLS);
    table.textContent = '';
    var thead = el('thead'), hr = el('tr');
    hr.appendChild(el('th', 'corner', 'user \\u2193 / data source \\u2192'));
    cols.forEach(function (d) {
      var ds = data.dataSources[d], th = el('th');
      th.scope = 'col';
      th.title = ds[1] + ' (data source ' + ds[0] + (ds[3] === 1 ? ', group' : '') + ', owner ' + ds[2] + ')';
      th.appendChild(el('span', 'ds-name', ds[1]));
      th.appendChild(el('br'));
      th.appendChild(el('span', 'ds-id', '#' + ds[0] + (ds[3] === 1 ? ' group' : '')));
      hr.appendChild(th);
    });
    thead.appendChild(hr);
    table.appendChild(thead);
    var tbody = el('tbody');
    rows.forEach(function (u) {
      var user = data.users[u], tr = el('tr'), th = el('th');
      th.scope = 'row';
      th.title = user[1] + ' (user ' + user[0] + ')';
      th.appendChild(el('span', 'user-name', user[1]));
      th.appendChild(el('span', 'user-id', ' #' + user[0]));
      if (user[2] === 'i') th.appendChild(el('span', 'badge', 'inactive'));
      if (user[2] === 'l') th.appendChild(el('span', 'badge', 'locked'));
      tr.appendChild(th);
      cols.forEach(function (d) {
        var o = v.idx.byPair.get(u + ':' + d);
        var td = el('td');
        td.dataset.user = String(user[0]);
        td.dataset.ds = String(data.dataSources[d][0]);
        if (o === undefined) {
          td.className = 'empty';
        } else {
          var c = cellText(v.cells, o), mark = diffMark(v.cells, o);
          td.className = 'cell ' + c.cls + (mark ? ' changed' : '') + (o === state.selected ? ' selected' : '');
          td.tabIndex = 0;
          td.dataset.offset = String(o);
          if (mark) { td.dataset.change = mark === '+' ? 'added' : mark === '~' ? 'changed' : 'removed'; td.appendChild(el('span', 'diff-mark', mark)); }
          td.appendChild(document.createTextNode(c.text));
          td.title = user[1] + ' on ' + data.dataSources[d][1] + ': ' + (data.diff ? describe(v.cells, o, 'before') + ' \\u2192 ' : '') + describe(v.cells, o, 'after');
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    var pager = byId('pager');
    pager.textContent = '';
    var pageControl = function (what, page, pages, total, size, key) {
      var prev = el('button', '', '\\u25c0'), next = el('button', '', '\\u25b6');
      prev.id = 'prev-' + key; next.id = 'next-' + key;
      prev.setAttribute('aria-label', 'previous ' + what); next.setAttribute('aria-label', 'next ' + what);
      prev.disabled = page === 0; next.disabled = page >= pages - 1;
      prev.onclick = function () { state[key + 'Page'] = page - 1; renderMatrix(); };
      next.onclick = function () { state[key + 'Page'] = page + 1; renderMatrix(); };
      var from = total === 0 ? 0 : page * size + 1, to = Math.min(total, page * size + size);
      var span = el('span', 'page-info', what + ' ' + from + '\\u2013' + to + ' of ' + total);
      span.id = key + '-info';
      pager.appendChild(prev); pager.appendChild(span); pager.appendChild(next);
    };
    pageControl('users', state.rowPage, rowPages, v.rows.length, ROWS, 'row');
    pageControl('data sources', state.colPage, colPages, v.cols.length, COLS, 'col');
    var t = data.tenants[state.tenant];
    var changedInTenant = 0;
    if (t && data.diff) for (var o = 0; o < t.cells.length; o += S) if (t.cells[o + F.c] === 1) changedInTenant++;
    byId('summary').textContent = t
      ? 'Tenant ' + t.name + ' (' + t.id + '): ' + t.users.length + ' users, ' + (t.cells.length / S) + ' reachable cells' +
        (data.diff ? ', ' + changedInTenant + ' changed' : '') + '. Shown: ' + v.rows.length + ' users \\u00d7 ' + v.cols.length + ' data sources' +
        (v.rows.length === 0 || v.cols.length === 0 ? ' \\u2014 no cell matches the filters.' : '.') + elsewhereNote(v.rows.length)
      : 'No tenant in this report.';
  }

  // a word for a POSIX shell: as is when plain, else in single quotes
  function shellWord(w) { return /^[A-Za-z0-9_.\/@%+=:,-]+$/.test(w) ? w : "'" + w.replace(/'/g, "'\\''") + "'"; }

  // the tenants (up to five) whose users match the user filter, when the current one has none
  function elsewhere(filter) {
    var found = [];
    data.tenants.forEach(function (t, i) {
      if (i === state.tenant || found.length >= 5) return;
      if (t.users.some(function (u) { return matches(data.users[u][0], data.users[u][1], filter); })) found.push(t.name + ' (' + t.id + ')');
    });
    return found;
  }

  function elsewhereNote(rows) {
    var filter = state.user.trim().toLowerCase();
    if (rows > 0 || filter === '') return '';
    var found = elsewhere(filter);
    return found.length === 0 ? '' : ' Users matching the filter are in: ' + found.join(', ') + '.';
  }

  function showTrace(o) {
    var t = data.tenants[state.tenant], cells = t.cells;
    state.selected = o;
    var user = data.users[cells[o + F.u]], ds = data.dataSources[cells[o + F.d]];
    var lines = ['user ' + user[1] + ' (' + user[0] + ') \\u2192 data source ' + ds[1] + ' (' + ds[0] + ')'];
    if (data.diff) {
      lines.push('before: ' + describe(cells, o, 'before'));
      lines.push('after:  ' + describe(cells, o, 'after'));
      lines.push(cells[o + F.c] === 1 ? 'CHANGED' : 'unchanged');
    } else {
      lines.push(describe(cells, o, 'after'));
    }
    lines.push('');
    if (data.withTraces) {
      if (data.diff && cells[o + F.bt] >= 0) { lines.push(data.traces[cells[o + F.bt]]); lines.push(''); }
      lines.push(data.traces[cells[o + F.t]]);
    } else {
      lines.push('trace not embedded: this report holds ' + data.cellCount + ' cells, over its budget of ' + data.traceBudget +
        '. Make a report of one tenant (--tenant ' + t.id + '), or run:');
      lines.push('  datasource-authz explain --snapshot ' + shellWord(data.source) + ' --user ' + shellWord(user[1]) + ' --datasource ' + ds[0]);
    }
    byId('trace').textContent = lines.join('\\n');
    byId('detail-hint').hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll('td.cell.selected'), function (e) { e.classList.remove('selected'); });
    var cell = document.querySelector('td.cell[data-offset="' + o + '"]');
    if (cell) cell.classList.add('selected');
  }

  function renderLegend() {
    var legend = byId('legend');
    ROUTES.forEach(function (r) {
      if (r.name === 'none' || r.name === 'administrator') return;
      var item = el('span', 'legend-item');
      item.appendChild(el('span', 'swatch r-' + r.name, r.letter));
      item.appendChild(el('span', '', r.label + ' (' + r.rule + ')'));
      legend.appendChild(item);
    });
    if (data.diff) {
      [['+', 'added', 'r-userShare changed'], ['~', 'changed', 'r-userShare changed'], ['\\u2212', 'removed (the old set, struck out)', 'removed changed']].forEach(function (d) {
        var item = el('span', 'legend-item');
        item.appendChild(el('span', 'swatch ' + d[2], d[0]));
        item.appendChild(el('span', '', d[1]));
        legend.appendChild(item);
      });
    }
    var note = el('span', 'legend-item', 'Each cell: route letter, then the permission ids.');
    legend.appendChild(note);
  }

  function init() {
    byId('subtitle').textContent = 'Snapshot ' + data.source + (data.diff ? ', compared against ' + data.against + ' (before)' : '') +
      ' \\u2014 ' + data.users.length + ' users, ' + data.dataSources.length + ' data sources reached, ' + data.cellCount + ' cells' +
      (data.diff ? ', ' + data.changed + ' changed' : '') + (data.withTraces ? '' : ' (traces not embedded)');
    var select = byId('tenant');
    data.tenants.forEach(function (t, i) {
      var opt = el('option', '', t.name + ' (' + t.id + ')');
      opt.value = String(i);
      select.appendChild(opt);
    });
    select.onchange = function () { state.tenant = Number(select.value); state.rowPage = 0; state.colPage = 0; state.selected = -1; renderMatrix(); };
    var uf = byId('user-filter'), df = byId('ds-filter');
    uf.oninput = function () { state.user = uf.value; state.rowPage = 0; state.colPage = 0; renderMatrix(); };
    df.oninput = function () { state.ds = df.value; state.rowPage = 0; state.colPage = 0; renderMatrix(); };
    if (data.diff) {
      byId('changed-only-label').hidden = false;
      var co = byId('changed-only');
      co.onchange = function () { state.changedOnly = co.checked; state.rowPage = 0; state.colPage = 0; renderMatrix(); };
    }
    var table = byId('matrix');
    table.addEventListener('click', function (e) {
      var cell = e.target.closest ? e.target.closest('td.cell') : null;
      if (cell) showTrace(Number(cell.dataset.offset));
    });
    table.addEventListener('keydown', function (e) {
      var cell = e.target.closest ? e.target.closest('td.cell') : null;
      if (cell && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); showTrace(Number(cell.dataset.offset)); }
    });
    renderLegend();
    renderMatrix();
    document.body.dataset.ready = 'true';
  }
  init();
})();
`;
