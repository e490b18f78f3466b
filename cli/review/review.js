/*
 * review.js — the behaviour of `pdfrows review`'s page (template:
 * review.html). Reads the review data (the <script id="review-data">
 * element: cli/cmd_review.c NOTES (2)) and draws, over each page's
 * picture, an SVG overlay in page points: table regions, header and body
 * cells, total rows, each body cell's check status, unplaced text; fills
 * the side panel (tables, failed checks, a clicked cell's row record).
 *
 * Geometry, best first: the table records' "regions", "header_boxes" and
 * "cell_boxes" when stage three writes them; otherwise the row records'
 * row.bbox cut at the table's column edges ("layout", stage two's, of the
 * table's last page: such cells are drawn dashed as approximate).
 *
 * A body cell's status is the worst of the row record's checks (those of
 * its side, for a row of several sides) whose "column" is the cell's
 * column path; a failed cell whose row is the check's printed total
 * ("row" names it) is the check's subject and is drawn heavier.
 *
 * Errors are written into the page (#review-errors), for people and for
 * tests/review-browser; the times are written to <html>: data-script-ms
 * (this script), data-init-ms (from navigation start to the end of this
 * script) and data-load-ms (the load event: the visible pictures are in).
 */
(function () {
  'use strict';
  var T0 = performance.now();
  var SVGNS = 'http://www.w3.org/2000/svg';
  var RANK = { ok: 1, rounded: 2, failed: 3 };

  function reportError(msg) {
    var box = document.getElementById('review-errors');
    if (!box) {
      box = document.createElement('div');
      box.id = 'review-errors';
      document.body.appendChild(box);
    }
    box.textContent += msg + '\n';
  }
  window.addEventListener('error', function (e) {
    reportError('error: ' + (e.message || 'unknown') + (e.lineno ? ' (line ' + e.lineno + ')' : ''));
  });
  window.addEventListener('unhandledrejection', function (e) {
    reportError('error: ' + (e.reason && e.reason.message ? e.reason.message : String(e.reason)));
  });

  /* --- small helpers ---------------------------------------------------- */

  function h(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function s(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    return e;
  }
  function rectAt(b, cls) {
    return s('rect', {
      x: b[0], y: b[1],
      width: Math.max(b[2] - b[0], 0.5), height: Math.max(b[3] - b[1], 0.5),
      'class': cls
    });
  }
  /* a box as written: [x0,y0,x1,y1], or {"page","bbox"}; null otherwise */
  function boxOf(v, page) {
    if (Array.isArray(v) && v.length === 4) return { page: page, bbox: v };
    if (v && Array.isArray(v.bbox) && v.bbox.length === 4) return { page: v.page || page, bbox: v.bbox };
    return null;
  }
  function label(code, name) {
    code = code || '';
    name = name || '';
    return code + (code && name ? ' ' : '') + name;
  }
  function worse(a, b) { return (RANK[b] || 0) > (RANK[a] || 0) ? b : a; }
  function numText(v) { return v === null || v === undefined ? '' : String(v); }

  /* --- the data ---------------------------------------------------------- */

  var data = JSON.parse(document.getElementById('review-data').textContent) || {};
  var docRec = {}, tableRecs = {}, rowRecs = {}, layout = {}, pageInfo = {};
  (data.records || []).forEach(function (r) {
    if (r.type === 'document') docRec = r;
    else if (r.type === 'table') tableRecs[r.table.seq] = r;
    else if (r.type === 'row') (rowRecs[r.table.seq] = rowRecs[r.table.seq] || [])[r.row.index - 1] = r;
  });
  (data.layout || []).forEach(function (l) { layout[l.seq] = l; });
  (data.pages || []).forEach(function (p) { pageInfo[p.page] = p; });
  var grids = (data.tables || []).filter(function (t) { return t.type === 'table'; });

  /* --- the sheets: a picture and an overlay per page --------------------- */

  var sheets = {};
  Array.prototype.forEach.call(document.querySelectorAll('section.page'), function (sec) {
    var n = Number(sec.getAttribute('data-page')), p = pageInfo[n];
    var sheet = sec.querySelector('.sheet');
    if (!p || !sheet) return;
    sec.insertBefore(h('div', 'page-label', 'page ' + n +
                       (p.rotation ? ' (turned ' + p.rotation + '° to read upright)' : '')), sheet);
    if (!sheet.querySelector('img')) sheet.appendChild(h('div', 'no-picture', 'no picture of this page'));
    var svg = s('svg', { viewBox: '0 0 ' + p.width + ' ' + p.height, preserveAspectRatio: 'none' });
    var layers = {};
    ['regions', 'rows', 'hcells', 'cells', 'unplaced'].forEach(function (k) {
      layers[k] = s('g', { 'class': 'layer-' + k });
      svg.appendChild(layers[k]);
    });
    sheets[n] = { section: sec, sheet: sheet, svg: svg, layers: layers };
  });
  function put(page, layer, node) {
    var sh = sheets[page];
    if (!sh) return null;
    sh.layers[layer].appendChild(node);
    return node;
  }

  /* --- checks of a row record, with the columns they may name ------------ */

  function checksOf(rr, sideRange, nCols) {
    var out = [];
    if (!rr) return out;
    (rr.checks || []).forEach(function (c) {
      out.push({ c: c, lo: 0, hi: nCols - 1, label: label(rr.code, rr.name) });
    });
    (rr.sides || []).forEach(function (sd) {
      var r = sideRange[sd.side] || [0, nCols - 1];
      (sd.checks || []).forEach(function (c) {
        out.push({ c: c, lo: r[0], hi: r[1], label: label(sd.code, sd.name) });
      });
    });
    return out;
  }
  function roleOf(rr) {
    if (!rr) return '';
    var role = rr.role || '';
    (rr.sides || []).forEach(function (sd) {
      if (sd.role === 'total' || (sd.role === 'subtotal' && role !== 'total')) role = sd.role;
    });
    return role;
  }

  /* --- the tables --------------------------------------------------------- */

  var tables = [], cellEls = {}, failed = [], failedSeen = {};

  function checkKey(seq, c) {
    return JSON.stringify([seq, c.rule, c.column, c.row, c.page, c.expected, c.found]);
  }

  grids.forEach(function (T) {
    var seq = T.table.seq, rows = rowRecs[seq] || [], cols = T.columns || [];
    var keys = T.keys || (tableRecs[seq] && tableRecs[seq].keys) || [];
    var sideRange = {};
    (T.sides || []).forEach(function (sd) { sideRange[sd.side] = [sd.from - 1, sd.to - 1]; });
    var info = { T: T, seq: seq, regions: [], nCells: 0, failedCells: 0 };
    tables.push(info);
    var firstPage = (T.table.pages || [])[0];

    /* regions */
    var regions = [];
    if (Array.isArray(T.regions) && T.regions.length) {
      T.regions.forEach(function (r) { var b = boxOf(r, firstPage); if (b) regions.push(b); });
    } else {
      var byPage = {};
      rows.forEach(function (rr) {
        if (!rr || !rr.row.bbox) return;
        var b = rr.row.bbox, u = byPage[rr.row.page];
        byPage[rr.row.page] = u ? [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]),
                                    Math.max(u[3], b[3])] : b.slice();
      });
      Object.keys(byPage).forEach(function (p) { regions.push({ page: Number(p), bbox: byPage[p] }); });
    }
    regions.forEach(function (r) {
      var e = put(r.page, 'regions', rectAt(r.bbox, 'region'));
      if (e) {
        e.setAttribute('data-seq', seq);
        info.regions.push(e);
      }
    });

    /* header cells: a box is on the table's first page, unless only a
     * region of another page holds it (a header begun at the foot of the
     * page before: the "header_split" flag) */
    function regionPage(b, dflt) {
      var cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2, found = null;
      regions.forEach(function (r) {
        var q = r.bbox;
        if (cx >= q[0] - 1 && cx <= q[2] + 1 && cy >= q[1] - 1 && cy <= q[3] + 1 &&
            (found === null || r.page === dflt)) found = r.page;
      });
      return found === null ? dflt : found;
    }
    if (Array.isArray(T.header_boxes)) {
      T.header_boxes.forEach(function (hrow, i) {
        (hrow || []).forEach(function (v, j) {
          var b = boxOf(v, null);
          if (!b) return;
          if (b.page === null) b.page = regionPage(b.bbox, firstPage);
          var e = put(b.page, 'hcells', rectAt(b.bbox, 'hcell'));
          if (!e) return;
          e.setAttribute('data-seq', seq);
          e.setAttribute('data-hrow', i);
          e.setAttribute('data-col', j);
        });
      });
    }

    /* body cells */
    var cb = Array.isArray(T.cell_boxes) ? T.cell_boxes : null;
    var edges = layout[seq] && layout[seq].col_edges;
    if (!edges || edges.length !== cols.length + 1) edges = null;
    (T.body || []).forEach(function (cells, i) {
      var rr = rows[i], page = rr ? rr.row.page : firstPage, rb = rr ? rr.row.bbox : null;
      var checks = checksOf(rr, sideRange, cols.length);
      var role = roleOf(rr);
      if (rb && (role === 'total' || role === 'subtotal')) put(page, 'rows', rectAt(rb, role + '-row'));
      checks.forEach(function (x) {
        if (x.c.status !== 'failed') return;
        var k = checkKey(seq, x.c);
        if (!failedSeen[k]) {
          failedSeen[k] = { c: x.c, seq: seq, target: null, fallback: null };
          failed.push(failedSeen[k]);
        }
      });
      cells.forEach(function (text, j) {
        if (text === null || text === undefined || text === '') return;
        var b = null, pg = page, approx = false;
        if (cb) {
          var v = boxOf(cb[i] && cb[i][j], page);
          if (!v) return;
          b = v.bbox;
          pg = v.page;
        } else if (rb && edges) {
          b = [edges[j], rb[1], edges[j + 1], rb[3]];
          approx = true;
        } else if (rb) {
          var w = (rb[2] - rb[0]) / cols.length;
          b = [rb[0] + j * w, rb[1], rb[0] + (j + 1) * w, rb[3]];
          approx = true;
        }
        if (!b) return;
        var status = '', subject = false;
        checks.forEach(function (x) {
          if (x.c.column !== cols[j] || j < x.lo || j > x.hi) return;
          status = worse(status, x.c.status);
          if (x.c.status === 'failed') {
            var f = failedSeen[checkKey(seq, x.c)];
            if (x.label === x.c.row) {
              subject = true;
              if (f && !f.target) f.target = [seq, i, j];
            } else if (f && !f.fallback) {
              f.fallback = [seq, i, j];
            }
          }
        });
        var flags = T.cell_flags && T.cell_flags[i] && T.cell_flags[i][j];
        var cls = 'cell' + (status ? ' ' + status : '') + (subject ? ' subject' : '') +
                  (approx ? ' approx' : '') + (flags && flags.length ? ' flagged' : '');
        var e = put(pg, 'cells', rectAt(b, cls));
        if (!e) return;
        e.setAttribute('data-seq', seq);
        e.setAttribute('data-row', i + 1);
        e.setAttribute('data-col', j);
        e.setAttribute('data-key', keys[j] || '');
        cellEls[seq + ',' + i + ',' + j] = e;
        info.nCells++;
        if (status === 'failed') info.failedCells++;
      });
    });
  });

  /* checks across tables: the printed total is found by its page and row */
  (docRec.cross_checks || []).forEach(function (c) {
    if (c.status !== 'failed') return;
    var f = { c: c, seq: null, cross: true, target: null, fallback: null };
    failed.push(f);
    tables.forEach(function (info) {
      var T = info.T, cols = T.columns || [];
      (rowRecs[info.seq] || []).forEach(function (rr, i) {
        if (!rr || rr.row.page !== c.page || f.target) return;
        var labels = [label(rr.code, rr.name)];
        (rr.sides || []).forEach(function (sd) { labels.push(label(sd.code, sd.name)); });
        if (labels.indexOf(c.row) < 0) return;
        for (var j = 0; j < cols.length; j++) {
          var e = cellEls[info.seq + ',' + i + ',' + j];
          if (!e) continue;
          if (cols[j] === c.column || cols[j].split('/').pop() === c.column) {
            f.target = [info.seq, i, j];
            return;
          }
          if (!f.fallback) f.fallback = [info.seq, i, j];
        }
      });
    });
  });
  failed.sort(function (a, b) { return (a.c.page || 0) - (b.c.page || 0); });

  /* unplaced text */
  var unplaced = docRec.unplaced || [];
  var unplacedEls = unplaced.map(function (u) {
    var e = put(u.page, 'unplaced', rectAt(u.bbox, 'unplaced'));
    if (e) e.appendChild(s('title', {})).textContent = 'unplaced: ' + u.text;
    return e;
  });

  /* the overlays go in once they are complete */
  Object.keys(sheets).forEach(function (n) { sheets[n].sheet.appendChild(sheets[n].svg); });

  /* --- going to a place --------------------------------------------------- */

  function flash(e) {
    if (!e) return;
    var cls = e instanceof SVGElement ? 'hl' : 'hl-page';
    e.classList.remove(cls);
    void e.getBoundingClientRect();
    e.classList.add(cls);
    setTimeout(function () { e.classList.remove(cls); }, 2000);
  }
  function goTo(e) {
    if (!e) return;
    e.scrollIntoView({ block: 'center', inline: 'center', behavior: 'auto' });
    flash(e);
  }
  function cellAt(t) { return t ? cellEls[t[0] + ',' + t[1] + ',' + t[2]] : null; }

  /* --- the panel ---------------------------------------------------------- */

  function fact(parent, name, value) {
    if (value === null || value === undefined || value === '') return;
    var span = h('span');
    span.appendChild(h('b', '', name + ' '));
    span.appendChild(document.createTextNode(String(value)));
    parent.appendChild(span);
    parent.appendChild(document.createTextNode(' · '));
  }
  function checkSummary(ck) {
    if (!ck) return '';
    return 'checks ' + ck.ok + ' ok, ' + ck.rounded + ' rounded, ' + ck.failed + ' failed';
  }
  function flagText(flags) {
    if (!flags) return '';
    if (Array.isArray(flags)) return flags.join(', ');
    if (typeof flags === 'object') {
      var set = Object.keys(flags).filter(function (k) { return flags[k]; });
      return set.length ? set.map(function (k) { return k + ' ' + flags[k]; }).join(', ') : 'none';
    }
    return String(flags);
  }

  var facts = document.getElementById('doc-facts');
  var d = docRec.doc || {};
  fact(facts, 'org', d.org);
  fact(facts, 'year', d.year);
  fact(facts, 'kind', d.kind);
  fact(facts, 'pages', docRec.pages_read !== undefined ? docRec.pages_read + ' of ' + docRec.pages : '');
  fact(facts, 'rows', docRec.rows);
  fact(facts, '', checkSummary(docRec.checks));
  if (docRec.families && docRec.families.missing && docRec.families.missing.length)
    fact(facts, 'families missing', docRec.families.missing.join(', '));
  if (docRec.review) fact(facts, 'flags', flagText(docRec.review));
  if (docRec.poppler_problems) fact(facts, 'poppler problems', docRec.poppler_problems);

  var tl = document.getElementById('table-list');
  document.getElementById('n-tables').textContent = '(' + tables.length + ')';
  tables.forEach(function (info) {
    var t = info.T.table, ck = info.T.checks;
    var li = h('li');
    li.id = 'table-' + info.seq;
    li.appendChild(h('span', 'title', (t.label ? t.label + ' ' : '') + (t.title || '(untitled)')));
    var pages = t.pages || [];
    var sub = h('div', 'sub', (t.family || 'no family') + ' · ' +
                (pages.length > 1 ? 'pp. ' + pages[0] + '–' + pages[pages.length - 1] : 'p. ' + pages[0]) +
                ' · ' + (info.T.rows !== undefined ? info.T.rows : (info.T.body || []).length) + ' rows · ');
    if (ck) {
      sub.appendChild(h('span', 'ok', ck.ok + ' ok'));
      sub.appendChild(document.createTextNode(', '));
      sub.appendChild(h('span', ck.rounded ? 'rounded' : '', ck.rounded + ' rounded'));
      sub.appendChild(document.createTextNode(', '));
      sub.appendChild(h('span', ck.failed ? 'failed' : '', ck.failed + ' failed'));
    }
    li.appendChild(sub);
    if (info.T.flags && info.T.flags.length) li.appendChild(h('div', 'flags', 'flags: ' + flagText(info.T.flags)));
    li.addEventListener('click', function () {
      goTo(info.regions[0] || (sheets[pages[0]] && sheets[pages[0]].section));
      info.regions.forEach(flash);
    });
    tl.appendChild(li);
  });

  var fl = document.getElementById('failed-list');
  document.getElementById('n-failed').textContent = '(' + failed.length + ')';
  if (!failed.length) fl.appendChild(h('li', 'sub', 'none'));
  failed.forEach(function (f) {
    var c = f.c, li = h('li', 'failed-check');
    var where = f.cross ? 'across tables' : 'table ' + f.seq;
    li.appendChild(h('span', 'failed', 'p. ' + c.page + ' ' + c.rule));
    li.appendChild(document.createTextNode(' ' + where + ': ' + c.row + ' [' + c.column + ']'));
    li.appendChild(h('div', 'sub', 'printed ' + numText(c.found) + ', parts add up to ' + numText(c.expected)));
    li.addEventListener('click', function () {
      var e = cellAt(f.target) || cellAt(f.fallback);
      if (e) {
        goTo(e);
        showRow(Number(e.getAttribute('data-seq')), Number(e.getAttribute('data-row')) - 1,
                Number(e.getAttribute('data-col')), e);
      } else {
        goTo(sheets[c.page] && sheets[c.page].section);
      }
    });
    fl.appendChild(li);
  });

  if (unplaced.length) {
    var us = document.getElementById('unplaced-section'), ul = document.getElementById('unplaced-list');
    us.hidden = false;
    document.getElementById('n-unplaced').textContent = '(' + unplaced.length + ')';
    unplaced.forEach(function (u, k) {
      var li = h('li', '', 'p. ' + u.page + ': ' + u.text);
      li.addEventListener('click', function () { goTo(unplacedEls[k]); });
      ul.appendChild(li);
    });
  }

  /* --- a row record in the panel ------------------------------------------- */

  var detail = document.getElementById('row-detail'), selected = null;

  function kvTable(obj) {
    var tb = h('table');
    Object.keys(obj || {}).forEach(function (k) {
      var tr = h('tr');
      tr.appendChild(h('th', '', k));
      tr.appendChild(h('td', 'num', numText(obj[k])));
      tb.appendChild(tr);
    });
    return tb;
  }
  function checksTable(list) {
    var tb = h('table'), tr = h('tr');
    ['rule', 'column', 'status', 'printed', 'parts', 'total row', 'p.'].forEach(function (k) { tr.appendChild(h('th', '', k)); });
    tb.appendChild(tr);
    (list || []).forEach(function (c) {
      var r = h('tr');
      r.appendChild(h('td', '', c.rule));
      r.appendChild(h('td', '', c.column));
      r.appendChild(h('td', c.status, c.status));
      r.appendChild(h('td', 'num', numText(c.found)));
      r.appendChild(h('td', 'num', numText(c.expected)));
      r.appendChild(h('td', '', c.row));
      r.appendChild(h('td', 'num', c.page));
      tb.appendChild(r);
    });
    return tb;
  }
  function meaning(parent, m) {
    var p = h('div');
    fact(p, 'code', m.code);
    fact(p, 'name', m.name);
    fact(p, 'role', m.role);
    fact(p, 'key', m.key);
    if (m.flags && m.flags.length) fact(p, 'flags', flagText(m.flags));
    parent.appendChild(p);
    if (m.values && Object.keys(m.values).length) {
      parent.appendChild(h('h3', '', 'values'));
      parent.appendChild(kvTable(m.values));
    }
    if (m.checks && m.checks.length) {
      parent.appendChild(h('h3', '', 'checks'));
      parent.appendChild(checksTable(m.checks));
    }
  }

  function showRow(seq, i, j, el) {
    var info = null;
    tables.forEach(function (t) { if (t.seq === seq) info = t; });
    if (!info) return;
    var T = info.T, rr = (rowRecs[seq] || [])[i], cols = T.columns || [];
    var keys = T.keys || [];
    if (selected) selected.classList.remove('selected');
    selected = el || null;
    if (selected) selected.classList.add('selected');
    detail.textContent = '';
    detail.hidden = false;
    var close = h('button', 'close', '×');
    close.type = 'button';
    close.title = 'close';
    close.addEventListener('click', function () {
      detail.hidden = true;
      if (selected) selected.classList.remove('selected');
      selected = null;
    });
    detail.appendChild(close);
    var t = T.table;
    detail.appendChild(h('h2', '', (t.label ? t.label + ' ' : '') + (t.title || '(untitled)') +
                         ' — row ' + (i + 1) + (rr ? ', p. ' + rr.row.page : '')));
    var grid = h('table'), head = h('tr');
    ['column', 'cell', 'key', 'status'].forEach(function (k) { head.appendChild(h('th', '', k)); });
    grid.appendChild(head);
    var cells = rr ? rr.cells : (T.body || [])[i] || [];
    cols.forEach(function (col, k) {
      var tr = h('tr', k === j ? 'this' : '');
      var ce = cellEls[seq + ',' + i + ',' + k];
      var st = ce ? (['failed', 'rounded', 'ok'].filter(function (x) { return ce.classList.contains(x); })[0] || '') : '';
      tr.appendChild(h('td', '', col));
      tr.appendChild(h('td', '', cells[k]));
      tr.appendChild(h('td', '', keys[k]));
      tr.appendChild(h('td', st, st));
      grid.appendChild(tr);
    });
    detail.appendChild(grid);
    if (!rr) return;
    meaning(detail, rr);
    (rr.sides || []).forEach(function (sd) {
      detail.appendChild(h('h3', '', 'side ' + sd.side));
      meaning(detail, sd);
    });
    var cf = T.cell_flags && T.cell_flags[i] && T.cell_flags[i][j];
    if (cf && cf.length) detail.appendChild(h('div', 'flags', 'cell flags: ' + flagText(cf)));
    detail.scrollIntoView({ block: 'nearest' });
  }

  function showHeader(seq, i, j, el) {
    var info = null;
    tables.forEach(function (t) { if (t.seq === seq) info = t; });
    if (!info) return;
    if (selected) selected.classList.remove('selected');
    selected = el;
    selected.classList.add('selected');
    detail.textContent = '';
    detail.hidden = false;
    var T = info.T;
    detail.appendChild(h('h2', '', (T.table.title || '(untitled)') + ' — header row ' + (i + 1)));
    var p = h('div');
    fact(p, 'text', (T.header_rows && T.header_rows[i] || [])[j]);
    fact(p, 'column', (T.columns || [])[j]);
    fact(p, 'key', (T.keys || [])[j]);
    detail.appendChild(p);
  }

  document.getElementById('pages').addEventListener('click', function (ev) {
    var e = ev.target;
    if (!(e instanceof SVGElement)) return;
    var seq = Number(e.getAttribute('data-seq')), j = Number(e.getAttribute('data-col'));
    if (e.classList.contains('cell')) showRow(seq, Number(e.getAttribute('data-row')) - 1, j, e);
    else if (e.classList.contains('hcell')) showHeader(seq, Number(e.getAttribute('data-hrow')), j, e);
  });

  /* tooltips: an SVG <title> made when the pointer first comes over a cell */
  document.getElementById('pages').addEventListener('mouseover', function (ev) {
    var e = ev.target;
    if (!(e instanceof SVGElement) || e.querySelector('title')) return;
    var seq = Number(e.getAttribute('data-seq')), j = Number(e.getAttribute('data-col'));
    var T = null;
    tables.forEach(function (t) { if (t.seq === seq) T = t.T; });
    if (!T) return;
    var col = (T.columns || [])[j] || '', key = (T.keys || [])[j] || '', text;
    if (e.classList.contains('cell')) {
      var i = Number(e.getAttribute('data-row')) - 1;
      text = key + ' · ' + col + '\n' + ((T.body || [])[i] || [])[j];
      ['failed', 'rounded', 'ok'].forEach(function (st) { if (e.classList.contains(st) && text.indexOf('\ncheck') < 0) text += '\ncheck ' + st; });
      var cf = T.cell_flags && T.cell_flags[i] && T.cell_flags[i][j];
      if (cf && cf.length) text += '\nflags: ' + flagText(cf);
    } else if (e.classList.contains('hcell')) {
      text = 'header · ' + key + ' · ' + col;
    } else {
      return;
    }
    e.appendChild(s('title', {})).textContent = text;
  });

  /* --- tools --------------------------------------------------------------- */

  var ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3], zi = 2;
  Array.prototype.forEach.call(document.querySelectorAll('[data-zoom]'), function (b) {
    b.addEventListener('click', function () {
      zi = Math.max(0, Math.min(ZOOMS.length - 1, zi + Number(b.getAttribute('data-zoom'))));
      document.documentElement.style.setProperty('--zoom', ZOOMS[zi]);
      document.getElementById('zoom-level').textContent = Math.round(ZOOMS[zi] * 100) + '%';
    });
  });
  document.getElementById('show-ok').addEventListener('change', function (ev) {
    document.body.classList.toggle('hide-ok', !ev.target.checked);
  });
  document.getElementById('show-overlay').addEventListener('change', function (ev) {
    document.body.classList.toggle('no-overlay', !ev.target.checked);
  });

  document.documentElement.setAttribute('data-script-ms', (performance.now() - T0).toFixed(1));
  document.documentElement.setAttribute('data-init-ms', performance.now().toFixed(1));
  window.addEventListener('load', function () {
    document.documentElement.setAttribute('data-load-ms', performance.now().toFixed(1));
  });
})();
