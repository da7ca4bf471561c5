// paralign review page: inlined into the one HTML file at write time.
// Every text of the corpus reaches the page through textContent (never innerHTML): the corpus
// is untrusted. Edits are operations replayed on the original beads; each result is checked to
// be monotone and covering before it is accepted, so no edit can make an invalid alignment.
(function () {
  "use strict";
  var parsing = performance.now();
  var DATA = JSON.parse(document.getElementById("paralign-data").textContent);
  document.documentElement.dataset.parseMs = String(Math.round(performance.now() - parsing));
  var STORE = "paralign-review:" + DATA.key;
  var KINDS = { h: "heading", f: "footnote", l: "list", q: "quote", t: "cell", p: "" };
  var MARKS = { em: "i", strong: "b", code: "c", link: "u" };
  var CHUNK = 40;
  var docs = DATA.documents;
  // Tokens come flat, [start, end, key number, start, end, key number, ...] a sentence with the
  // keys listed once a document (it keeps a large page small); here they become triples.
  docs.forEach(function (doc) {
    ["src", "tgt"].forEach(function (side) {
      var flat = doc.tokens[side] || {};
      Object.keys(flat).forEach(function (id) {
        var list = flat[id], triples = [];
        for (var k = 0; k + 2 < list.length; k += 3) triples.push([list[k], list[k + 1], doc.keys[list[k + 2]]]);
        flat[id] = triples;
      });
    });
  });
  var ops = [];
  var current = -1; // index into the list of rows shown
  var rows = []; // the bead rows in page order
  var loading = true, filtering = false, firstShown = 0, begun = performance.now();

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // ------------------------------------------------------------------ the alignment model

  function original(doc) {
    return doc.beads.map(function (b) {
      return { src: b[0].slice(), tgt: b[1].slice(), score: b[2], suspect: b[3], edited: false, origin: b };
    });
  }

  function valid(doc, beads) {
    var s = 0, t = 0;
    for (var i = 0; i < beads.length; i++) {
      var b = beads[i];
      if (!b.src.length && !b.tgt.length) return false;
      for (var a = 0; a < b.src.length; a++) if (b.src[a] !== s++) return false;
      for (var c = 0; c < b.tgt.length; c++) if (b.tgt[c] !== t++) return false;
    }
    return s === doc.src.length && t === doc.tgt.length;
  }

  function touched(b) { b.edited = true; b.score = null; return b; }

  // Each operation returns the new bead list, or null when it does not apply here.
  var OPS = {
    merge: function (beads, op) {
      var a = beads[op.i], b = beads[op.i + 1];
      if (!a || !b) return null;
      var merged = touched({ src: a.src.concat(b.src), tgt: a.tgt.concat(b.tgt) });
      return beads.slice(0, op.i).concat([merged], beads.slice(op.i + 2));
    },
    split: function (beads, op) { // before sentence k of side op.side; the other side stays first
      var b = beads[op.i];
      if (!b) return null;
      var side = b[op.side];
      if (op.k <= 0 || op.k >= side.length) return null;
      var first = touched({ src: b.src.slice(), tgt: b.tgt.slice() });
      var second = touched({ src: [], tgt: [] });
      second[op.side] = side.slice(op.k);
      first[op.side] = side.slice(0, op.k);
      return beads.slice(0, op.i).concat([first, second], beads.slice(op.i + 1));
    },
    move: function (beads, op) { // an edge sentence to the neighbouring bead (dir -1 or +1)
      var b = beads[op.i], n = beads[op.i + op.dir];
      if (!b || !n || !b[op.side].length) return null;
      var out = beads.slice();
      var here = touched({ src: b.src.slice(), tgt: b.tgt.slice() });
      var there = touched({ src: n.src.slice(), tgt: n.tgt.slice() });
      if (op.dir < 0) there[op.side].push(here[op.side].shift());
      else there[op.side].unshift(here[op.side].pop());
      out[op.i] = here;
      out[op.i + op.dir] = there;
      return out.filter(function (x) { return x.src.length || x.tgt.length; });
    },
    alone: function (beads, op) { // an edge sentence gets a bead of its own: no counterpart
      var b = beads[op.i];
      if (!b) return null;
      var side = b[op.side], other = op.side === "src" ? "tgt" : "src";
      if (!side.length || (side.length === 1 && !b[other].length)) return null;
      var rest = touched({ src: b.src.slice(), tgt: b.tgt.slice() });
      var single = touched({ src: [], tgt: [] });
      if (op.first) single[op.side] = [rest[op.side].shift()];
      else single[op.side] = [rest[op.side].pop()];
      var parts = op.first ? [single, rest] : [rest, single];
      parts = parts.filter(function (x) { return x.src.length || x.tgt.length; });
      return beads.slice(0, op.i).concat(parts, beads.slice(op.i + 1));
    }
  };

  function apply(state, op) {
    var doc = docs[op.d];
    var next = OPS[op.op] ? OPS[op.op](state[op.d], op) : null;
    if (!next || !valid(doc, next)) return false;
    state[op.d] = next;
    return true;
  }

  function replay(list) {
    var state = docs.map(original);
    for (var i = 0; i < list.length; i++) if (!apply(state, list[i])) return null;
    return state;
  }

  var state = docs.map(original);

  function load() {
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(STORE) || "null"); } catch (e) { saved = null; }
    if (!Array.isArray(saved) || !saved.length) return;
    var replayed = replay(saved);
    if (replayed) { ops = saved; state = replayed; }
    else say("The saved edits do not fit this alignment any more; they were set aside.");
  }

  function save() {
    try { window.localStorage.setItem(STORE, JSON.stringify(ops)); }
    catch (e) { say("The browser refused to keep the edits (storage full or disabled)."); }
  }

  function edit(op) {
    if (loading) { say("Still loading the rows; edit in a moment."); return; }
    var trial = state.slice();
    if (!apply(trial, op)) { say("That edit would break the alignment; nothing changed."); return; }
    var before = state[op.d];
    ops.push(op);
    state = trial;
    save();
    sync(op.d, before, state[op.d]);
  }

  function undo() {
    if (!ops.length || loading) return;
    var last = ops.pop();
    var before = state[last.d];
    state = replay(ops) || docs.map(original);
    save();
    sync(last.d, before, state[last.d]);
  }

  // ------------------------------------------------------------------ rendering one bead

  function pieces(text, marks) {
    // marks: [start, end, className, title, key]; returns [[text, classes, titles, keys]]
    var cuts = [0, text.length];
    marks.forEach(function (m) { cuts.push(Math.max(0, Math.min(text.length, m[0])), Math.max(0, Math.min(text.length, m[1]))); });
    cuts = cuts.sort(function (a, b) { return a - b; }).filter(function (v, i, a) { return i === 0 || v !== a[i - 1]; });
    var out = [];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], cls = [], titles = [], keys = [];
      marks.forEach(function (m) {
        if (m[0] <= a && m[1] >= b) {
          if (m[2] && cls.indexOf(m[2]) < 0) cls.push(m[2]);
          if (m[3]) titles.push(m[3]);
          if (m[4]) keys.push(m[4]);
        }
      });
      out.push([text.slice(a, b), cls, titles, keys]);
    }
    return out;
  }

  function sentenceNode(doc, sideName, id) {
    var sentence = doc[sideName][id];
    var kind = KINDS[sentence[2]] || "";
    var node = el("div", "sent" + (kind ? " " + kind : ""));
    node.dataset.id = id;
    node.appendChild(el("span", "sid", (sideName === "src" ? "s" : "t") + id));
    var marks = [];
    (sentence[3] || []).forEach(function (s) { marks.push([s[0], s[1], MARKS[s[2]] || "i", "", ""]); });
    var tokens = (doc.tokens[sideName] || {})[id] || [];
    tokens.forEach(function (t) { marks.push([t[0], t[1], "", "", t[2]]); });
    var found = (doc.marks[sideName] || {})[id] || [];
    found.forEach(function (f) { marks.push([f[0], f[1], "fd", f[2], ""]); });
    var text = el("span", "text");
    text.dir = "auto";
    pieces(sentence[0], marks).forEach(function (p) {
      if (!p[1].length && !p[3].length && !p[2].length) { text.appendChild(document.createTextNode(p[0])); return; }
      var span = el("span", p[1].join(" "), p[0]);
      if (p[3].length) span.dataset.k = p[3].join(" ");
      if (p[2].length) span.title = p[2].join("\n");
      text.appendChild(span);
    });
    node.appendChild(text);
    return node;
  }

  // The per-sentence buttons are made when a row is first hovered, focused or chosen: on a
  // large corpus they would be most of the page's elements.
  function ensureOps(row) {
    if (!row || row.dataset.ops) return;
    row.dataset.ops = "1";
    var d = +row.dataset.doc, i = +row.dataset.index, bead = state[d][i], count = state[d].length;
    ["src", "tgt"].forEach(function (sideName) {
      var side = bead[sideName], other = sideName === "src" ? "tgt" : "src";
      row.querySelectorAll(".side." + sideName + " .sent").forEach(function (node, position) {
        var box = el("span", "ops");
        function button(label, title, op, extra, enabled) {
          var b = el("button", "op", label);
          b.type = "button"; b.title = title; b.disabled = !enabled;
          b.dataset.op = op; b.dataset.side = sideName;
          Object.keys(extra).forEach(function (k) { b.dataset[k] = extra[k]; });
          box.appendChild(b);
        }
        var edge = position === 0 || position === side.length - 1;
        button("✂", "split the bead before this sentence", "split", { k: position }, position > 0);
        button("↑", "move this sentence to the previous bead", "move", { dir: -1 }, position === 0 && i > 0);
        button("↓", "move this sentence to the next bead", "move", { dir: 1 },
          position === side.length - 1 && i + 1 < count);
        button("∅", "this sentence has no counterpart", "alone", { first: position === 0 ? 1 : 0 },
          edge && (side.length > 1 || bead[other].length > 0));
        node.appendChild(box);
      });
    });
  }

  function opOf(button, row) {
    var d = +row.dataset.doc, i = +row.dataset.index, kind = button.dataset.op;
    if (kind === "merge") return { d: d, op: "merge", i: i };
    var op = { d: d, op: kind, i: i, side: button.dataset.side };
    if (kind === "split") op.k = +button.dataset.k;
    if (kind === "move") op.dir = +button.dataset.dir;
    if (kind === "alone") op.first = button.dataset.first === "1";
    return op;
  }

  function colour(score) {
    var hue = Math.round(120 * Math.max(0, Math.min(1, (score - 0.5) / 0.5)));
    return "hsl(" + hue + ", 65%, 36%)";
  }

  function beadKind(b) { return b.src.length + "-" + b.tgt.length; }

  function beadFindings(doc, b) {
    var list = [];
    [["src", b.src], ["tgt", b.tgt]].forEach(function (pair) {
      pair[1].forEach(function (id) {
        ((doc.findings[pair[0]] || {})[id] || []).forEach(function (f) { list.push(f); });
      });
    });
    return list;
  }

  // Suspicious: below the threshold, a finding in it, or among the most suspicious tenth of the
  // beads (review/suspicion.py's chance of being wrong; DATA.suspect is that tenth's bar).
  function suspicious(doc, b) {
    if (b.edited) return false;
    return b.score < DATA.threshold || beadFindings(doc, b).length > 0 ||
      (b.suspect !== undefined && b.suspect >= DATA.suspect);
  }

  function evidenceOf(doc, b) {
    var keys = { src: {}, tgt: {} };
    ["src", "tgt"].forEach(function (side) {
      b[side].forEach(function (id) {
        var text = doc[side][id][0];
        (((doc.tokens[side] || {})[id]) || []).forEach(function (t) {
          var word = text.slice(t[0], t[1]);
          var seen = keys[side][t[2]];  // one stem, several forms: "Китай/Китая"
          if (!seen) keys[side][t[2]] = word;
          else if (seen.split("/").indexOf(word) < 0) keys[side][t[2]] = seen + "/" + word;
        });
      });
    });
    var shared = [];
    Object.keys(keys.src).forEach(function (k) { if (k in keys.tgt) shared.push([k, keys.src[k], keys.tgt[k]]); });
    return shared;
  }

  var EVIDENCE_NAMES = { n: "number", c: "name", t: "glossary term", l: "lexicon" };

  function toggleEvidence(row, doc, b) {
    var open = row.classList.toggle("show-ev");
    var box = row.querySelector(".evidence");
    if (box) box.remove();
    if (!open) return;
    var shared = evidenceOf(doc, b);
    var keys = {};
    shared.forEach(function (s) { keys[s[0]] = true; });
    row.querySelectorAll("[data-k]").forEach(function (span) {
      var hit = span.dataset.k.split(" ").some(function (k) { return keys[k]; });
      span.classList.toggle("hit", hit);
    });
    box = el("div", "evidence");
    if (!shared.length) box.textContent = "No shared evidence (numbers, names, glossary terms, lexicon): only length and position support this bead.";
    else {
      box.appendChild(el("strong", "", "Evidence: "));
      box.appendChild(document.createTextNode(shared.map(function (s) {
        var kind = EVIDENCE_NAMES[s[0].split(":")[0]] || s[0].split(":")[0];
        return kind + " " + s[1] + " ↔ " + s[2];
      }).join(" · ")));
    }
    row.appendChild(box);
  }

  function beadRow(d, i) {
    var doc = docs[d], b = state[d][i];
    var row = el("div", "bead");
    row.tabIndex = -1;
    row.dataset.doc = d; row.dataset.index = i; row.dataset.kind = beadKind(b);
    row.dataset.score = b.edited ? "" : String(b.score);
    var lastBlock = function (side) {
      for (var j = i - 1; j >= 0; j--) { var p = state[d][j][side]; if (p.length) return doc[side][p[p.length - 1]][1]; }
      return null;
    };
    if (b.src.length && lastBlock("src") !== null && doc.src[b.src[0]][1] !== lastBlock("src")) row.classList.add("para-src");
    if (b.tgt.length && lastBlock("tgt") !== null && doc.tgt[b.tgt[0]][1] !== lastBlock("tgt")) row.classList.add("para-tgt");
    var meta = el("div", "meta");
    meta.appendChild(el("span", "num", "#" + (i + 1)));
    meta.appendChild(el("span", "kind", beadKind(b)));
    var conf = el("span", "conf" + (b.edited ? " edited" : ""), b.edited ? "edited" : b.score.toFixed(3));
    if (!b.edited) conf.style.background = colour(b.score);
    conf.title = b.edited ? "changed by the reviewer" : "confidence that this bead is right" +
      (b.suspect === undefined ? "" : "; suspicion (chance it is wrong) " + b.suspect.toFixed(2));
    if (!b.edited && b.suspect !== undefined) row.dataset.suspect = String(b.suspect);
    meta.appendChild(conf);
    var actions = el("span", "actions");
    var ev = el("button", "ev", "evidence"); ev.type = "button";
    actions.appendChild(ev);
    var merge = el("button", "merge", "merge ↓"); merge.type = "button"; merge.dataset.op = "merge";
    merge.title = "merge this bead with the next"; merge.disabled = i + 1 >= state[d].length;
    actions.appendChild(merge);
    meta.appendChild(actions);
    row.appendChild(meta);
    ["src", "tgt"].forEach(function (side) {
      var cell = el("div", "side " + side);
      cell.lang = side === "src" ? doc.src_lang : doc.tgt_lang;
      if (!b[side].length) cell.appendChild(el("div", "empty", "no counterpart"));
      b[side].forEach(function (id) { cell.appendChild(sentenceNode(doc, side, id)); });
      row.appendChild(cell);
    });
    var found = beadFindings(doc, b);
    if (found.length) {
      var list = el("ul", "findings");
      found.forEach(function (f) {
        var item = el("li");
        item.appendChild(el("span", "rule", f[0]));
        item.appendChild(document.createTextNode(" " + f[1]));
        list.appendChild(item);
      });
      row.appendChild(list);
    }
    return row;
  }

  // ------------------------------------------------------------------ the whole page

  var container = document.getElementById("beads");
  var sections = [];

  function same(a, b) {
    return a.edited === b.edited && a.score === b.score && a.src.join() === b.src.join() &&
      a.tgt.join() === b.tgt.join();
  }

  // Re-renders only the rows an edit changed (and one on each side, whose paragraph marks
  // may follow), then renumbers the rows after them: an edit costs the same on any corpus.
  function sync(d, before, after) {
    var head = 0, tail = 0;
    while (head < before.length && head < after.length && same(before[head], after[head])) head++;
    while (tail < before.length - head && tail < after.length - head &&
      same(before[before.length - 1 - tail], after[after.length - 1 - tail])) tail++;
    var from = Math.max(0, head - 1);
    var oldTo = Math.min(before.length, before.length - tail + 1);
    var newTo = Math.min(after.length, after.length - tail + 1);
    var box = sections[d];
    var old = Array.prototype.slice.call(box.querySelectorAll(".bead"));
    var anchor = old[from] || null;
    var top = anchor ? anchor.getBoundingClientRect().top : null;
    var next = old[oldTo] || null;
    for (var r = from; r < oldTo; r++) old[r].remove();
    var frag = document.createDocumentFragment();
    for (var i = from; i < newTo; i++) frag.appendChild(beadRow(d, i));
    var chunks = box.querySelectorAll(".chunk");
    var parent = next ? next.parentNode : chunks[chunks.length - 1];
    if (!parent) { parent = el("div", "chunk"); box.appendChild(parent); }
    parent.insertBefore(frag, next);
    var shift = newTo - oldTo;
    if (shift) {
      for (var k = oldTo; k < old.length; k++) {
        var row = old[k], index = +row.dataset.index + shift;
        row.dataset.index = index;
        row.querySelector(".num").textContent = "#" + (index + 1);
      }
    }
    collectRows();
    filter();
    var again = box.querySelectorAll(".bead")[from];
    if (top !== null && again) window.scrollBy(0, again.getBoundingClientRect().top - top);
    var status = document.getElementById("edits");
    status.textContent = ops.length ? ops.length + " edit(s), kept in this browser" : "";
    document.getElementById("undo").disabled = !ops.length;
  }

  function collectRows() {
    rows = Array.prototype.slice.call(container.querySelectorAll(".bead"));
  }

  function renderAll() {
    container.textContent = "";
    docs.forEach(function (doc, d) {
      var section = el("section", "doc");
      section.id = "doc-" + d;
      var title = el("h2", "doc-title", doc.name + " ");
      title.appendChild(el("small", "", doc.src_path + " ↔ " + doc.tgt_path));
      section.appendChild(title);
      container.appendChild(section);
      sections.push(section);
    });
    // Rows go in chunks the browser may skip while they are off screen (content-visibility):
    // per row that bookkeeping costs more than it saves, per page the first layout is huge.
    // The chunks are built a few at a time, so the first rows show at once on a large corpus;
    // editing waits until every row is there.
    var jobs = [];
    docs.forEach(function (doc, d) { for (var i = 0; i < state[d].length; i += CHUNK) jobs.push([d, i]); });
    var next = 0;
    rows = [];
    function batch(budget) {
      var start = performance.now();
      while (next < jobs.length && performance.now() - start < budget) {
        var d = jobs[next][0], from = jobs[next][1], chunk = el("div", "chunk");
        for (var i = from; i < Math.min(from + CHUNK, state[d].length); i++) {
          var row = beadRow(d, i);
          if (filtering) row.classList.toggle("hidden", !matches(row));
          chunk.appendChild(row);
          rows.push(row);
        }
        sections[d].appendChild(chunk);
        next++;
      }
      if (next < jobs.length) {
        controls.count.textContent = "loading: " + rows.length + " beads so far";
        if (!firstShown) firstShown = performance.now();
        setTimeout(function () { batch(40); }, 0);
        return;
      }
      collectRows();
      loading = false;
      filter();
      var root = document.documentElement;
      // milliseconds since navigation began: the first rows on screen, then every row
      root.dataset.firstMs = String(Math.round(firstShown || performance.now()));
      root.dataset.readyMs = String(Math.round(performance.now()));
      root.dataset.renderMs = String(Math.round(performance.now() - begun));
      root.dataset.ready = "true";
    }
    document.getElementById("edits").textContent = ops.length ? ops.length + " edit(s), kept in this browser" : "";
    document.getElementById("undo").disabled = !ops.length;
    batch(150);
  }

  // ------------------------------------------------------------------ filters

  var controls = {
    threshold: document.getElementById("threshold"),
    thresholdValue: document.getElementById("threshold-value"),
    kind: document.getElementById("kind"),
    rule: document.getElementById("rule"),
    search: document.getElementById("search"),
    count: document.getElementById("count")
  };

  function beadText(doc, b) {
    var parts = [];
    b.src.forEach(function (id) { parts.push(doc.src[id][0]); });
    b.tgt.forEach(function (id) { parts.push(doc.tgt[id][0]); });
    return parts.join("\n").toLowerCase();
  }

  function matches(row) {
    var d = +row.dataset.doc, b = state[d][+row.dataset.index], doc = docs[d];
    var limit = parseFloat(controls.threshold.value);
    if (!b.edited && b.score > limit) return false;
    var kind = controls.kind.value;
    if (kind === "empty" && b.src.length && b.tgt.length) return false;
    if (kind === "many" && b.src.length < 2 && b.tgt.length < 2) return false;
    if (kind && kind !== "empty" && kind !== "many" && beadKind(b) !== kind) return false;
    var rule = controls.rule.value;
    if (rule) {
      var found = beadFindings(doc, b);
      if (rule === "*" ? !found.length : !found.some(function (f) { return f[0] === rule; })) return false;
    }
    var query = controls.search.value.trim().toLowerCase();
    if (query && beadText(doc, b).indexOf(query) < 0) return false;
    return true;
  }

  function filter() {
    if (loading) filtering = true; // the rows still to come are filtered as they are made
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.classList.toggle("hidden", !ok);
      if (ok) shown++;
    });
    controls.thresholdValue.textContent = parseFloat(controls.threshold.value).toFixed(2);
    controls.count.textContent = shown + " of " + rows.length + " beads shown";
    controls.count.dataset.shown = shown;
    controls.count.dataset.total = rows.length;
  }

  ["input", "change"].forEach(function (type) {
    [controls.threshold, controls.kind, controls.rule, controls.search].forEach(function (c) {
      c.addEventListener(type, filter);
    });
  });

  // ------------------------------------------------------------------ navigation

  function focusRow(index, scroll) {
    if (rows[current]) rows[current].classList.remove("current");
    current = index;
    if (!rows[current]) return;
    rows[current].classList.add("current");
    ensureOps(rows[current]);
    if (scroll) { rows[current].scrollIntoView({ block: "center" }); rows[current].focus({ preventScroll: true }); }
  }

  // "Next suspicious" walks the shown suspicious beads most suspicious first (the order of
  // `align --report`'s review list), "previous" walks back; beads of equal suspicion (or none)
  // keep the page's order.
  function suspects() {
    var found = [];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (row.classList.contains("hidden")) continue;
      var d = +row.dataset.doc, b = state[d][+row.dataset.index];
      if (suspicious(docs[d], b)) found.push([b.suspect === undefined ? -1 : b.suspect, i]);
    }
    found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return found.map(function (f) { return f[1]; });
  }

  function step(dir) {
    var order = suspects(), at = order.indexOf(current);
    var next = at < 0 ? (dir > 0 ? 0 : -1) : at + dir;
    if (next >= 0 && next < order.length) { focusRow(order[next], true); return; }
    say(dir > 0 ? "No more suspicious beads." : "No suspicious bead before this one.");
  }

  container.addEventListener("click", function (e) {
    var row = e.target.closest(".bead");
    if (!row) return;
    var button = e.target.closest("button");
    focusRow(rows.indexOf(row), false);
    if (!button || button.disabled) return;
    e.stopPropagation();
    var d = +row.dataset.doc;
    if (button.classList.contains("ev")) toggleEvidence(row, docs[d], state[d][+row.dataset.index]);
    else if (button.dataset.op) edit(opOf(button, row));
  });
  ["mouseover", "focusin"].forEach(function (type) {
    container.addEventListener(type, function (e) { ensureOps(e.target.closest && e.target.closest(".bead")); });
  });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.getElementById("undo").addEventListener("click", undo);
  document.getElementById("export").addEventListener("click", function () { download(beadsText(), ".beads"); });
  document.getElementById("export-tsv").addEventListener("click", function () { download(tsvText(), ".tsv"); });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || e.ctrlKey || e.metaKey || e.altKey) {
      if ((e.ctrlKey || e.metaKey) && e.key === "z" && tag !== "INPUT") { e.preventDefault(); undo(); }
      return;
    }
    if (e.key === "j" || e.key === "n") { e.preventDefault(); step(1); }
    else if (e.key === "k" || e.key === "p") { e.preventDefault(); step(-1); }
    else if (e.key === "u") { e.preventDefault(); undo(); }
    else if (e.key === "e" && rows[current]) {
      var row = rows[current], d = +row.dataset.doc;
      toggleEvidence(row, docs[d], state[d][+row.dataset.index]);
    }
  });

  // ------------------------------------------------------------------ export

  function beadsText() {
    var out = ["# paralign beads (vecalign format, one bead a line), corrected in the review page"];
    docs.forEach(function (doc, d) {
      out.push("# document: " + doc.name);
      state[d].forEach(function (b) {
        out.push("[" + b.src.join(",") + "]:[" + b.tgt.join(",") + "]:" + (b.edited ? 1 : b.score).toFixed(3));
      });
    });
    return out.join("\n") + "\n";
  }

  // What `paralign align --to tsv` writes (a header naming the languages, then source, target,
  // score, bead type a bead), so `paralign tmx import` turns it into a TMX without the
  // documents: the way back for a page made from a TMX, whose sources may be gone.
  function oneLine(text) { return text.replace(/[\t\r\n\u2028\u2029]+/g, " "); }
  function sideText(doc, side, ids) {
    return oneLine(ids.map(function (i) { return doc[side][i][0]; }).join(" "));
  }
  function tsvText() {
    var first = docs[0] || { src_lang: "", tgt_lang: "" };
    var out = [first.src_lang + "\t" + first.tgt_lang + "\tscore\tbead"];
    docs.forEach(function (doc, d) {
      state[d].forEach(function (b) {
        out.push([sideText(doc, "src", b.src), sideText(doc, "tgt", b.tgt),
          (b.edited ? 1 : b.score).toFixed(3), b.src.length + "-" + b.tgt.length].join("\t"));
      });
    });
    return out.join("\n") + "\n";
  }

  function download(text, suffix) {
    var blob = new Blob([text], { type: "text/plain;charset=utf-8" });
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = DATA.file + suffix;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  var timer = null;
  function say(text) {
    var box = document.getElementById("message");
    box.textContent = text;
    box.style.display = "block";
    clearTimeout(timer);
    timer = setTimeout(function () { box.style.display = "none"; }, 3500);
  }

  window.paralignReview = { beadsText: beadsText, tsvText: tsvText, edits: function () { return ops.slice(); }, valid: function () {
    return docs.every(function (doc, d) { return valid(doc, state[d]); });
  } };

  load();
  renderAll();
})();
