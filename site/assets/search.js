// Search for the briefing site, offline: the index is a set of scripts below assets/search/
// (see src/render/search.rs), inserted as <script src> elements when a query needs them,
// because a page opened from file:// may load a script but not fetch a file. Each script
// hands its data to a function of `briefingSearch`. Text from the index is put in the page
// as text nodes, never as HTML.
(function () {
  'use strict';

  var script = document.currentScript;
  var root = (script && script.getAttribute('data-root')) || '';
  var base = root + 'assets/search/';
  var RESULTS = 50; // results shown; the count says how many matched
  var SNIPPET = 220; // characters of a passage shown around its first match

  var meta = null;
  var shards = {}; // shard number -> list of [bucket, {term: [doc, unit, weight, ...]}]
  var buckets = {}; // bucket number -> source ids
  var sources = {}; // source id -> {title, publisher, units: [[n, anchor, text]]}
  var claims = null; // [[label, href, text]]
  var loading = {}; // path -> Promise

  window.briefingSearch = {
    meta: function (m) { meta = m; },
    terms: function (k, parts) { shards[k] = parts; },
    bucket: function (k, ids) { buckets[k] = ids; },
    source: function (id, doc) { sources[id] = doc; },
    claims: function (list) { claims = list; }
  };

  // Loads one file of the index once; resolves when its script has run.
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve) {
        var tag = document.createElement('script');
        tag.src = base + path;
        tag.addEventListener('load', function () { resolve(true); });
        tag.addEventListener('error', function () { resolve(false); });
        document.head.appendChild(tag);
      });
    }
    return loading[path];
  }

  // ---- Terms, exactly as the index makes them ----
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  function normalise(word) {
    var out = '';
    var lower = word.toLowerCase();
    for (var i = 0; i < lower.length; i++) {
      var c = lower[i];
      var code = c.charCodeAt(0);
      if (code < 128) { out += c; continue; }
      if (code >= 0x300 && code <= 0x36f) { continue; }
      var folded = meta.fold[c];
      out += folded === undefined ? c : folded;
    }
    return out;
  }

  function stem(word) {
    var length = Array.from(word).length;
    if (length > 4 && /ies$/.test(word)) { return word.slice(0, -3) + 'y'; }
    if (length > 3 && /s$/.test(word) && !/(ss|us|is)$/.test(word)) { return word.slice(0, -1); }
    return word;
  }

  // A word's term, or null for a stop word.
  function term(word) {
    var w = normalise(word);
    if (!w || meta.stop.indexOf(w) >= 0) { return null; }
    return stem(w);
  }

  function shardOf(t) {
    var hash = 0x811c9dc5;
    var chars = Array.from(t).slice(0, 2);
    for (var i = 0; i < chars.length; i++) {
      hash = (hash ^ chars[i].codePointAt(0)) >>> 0;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % meta.shards;
  }

  // The query's terms; the last may be a prefix still being typed.
  function parse(query) {
    var words = query.match(WORD) || [];
    var list = [];
    words.forEach(function (word, i) {
      var t = term(word);
      if (t && list.every(function (q) { return q.term !== t; })) {
        // The last word may be unfinished: it also matches the terms it begins (its
        // unstemmed form too, so "talks" still finds "talkshow").
        var prefix = i === words.length - 1 && Array.from(t).length >= 2;
        list.push({ term: t, raw: normalise(word), prefix: prefix });
      }
    });
    return list;
  }

  // ---- Ranking ----
  function rank(query) {
    var n = meta.documents;
    var scores = new Map(); // "bucket:doc:unit" -> {score, matched}
    query.forEach(function (q, qi) {
      var parts = shards[shardOf(q.term)] || [];
      parts.forEach(function (part) {
        var bucket = part[0];
        var entries = part[1];
        Object.keys(entries).forEach(function (t) {
          var exact = t === q.term;
          if (!exact && !(q.prefix && (t.indexOf(q.term) === 0 || t.indexOf(q.raw) === 0))) { return; }
          var postings = entries[t];
          var df = postings.length / 3;
          var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          var factor = exact ? 1 : 0.7;
          for (var i = 0; i < postings.length; i += 3) {
            var key = bucket + ':' + postings[i] + ':' + postings[i + 1];
            var hit = scores.get(key);
            if (!hit) {
              hit = { bucket: bucket, doc: postings[i], unit: postings[i + 1], score: 0, matched: 0 };
              scores.set(key, hit);
            }
            hit.score += idf * factor * postings[i + 2] / 4;
            hit.matched |= 1 << qi;
          }
        });
      });
    });
    var all = (1 << query.length) - 1;
    var hits = Array.from(scores.values());
    hits.forEach(function (hit) {
      var matched = bits(hit.matched);
      // Every word found: worth twice as much as a passage that has only some of them.
      hit.score *= hit.matched === all ? 2 : 1 + matched / query.length / 2;
    });
    hits.sort(byScore);
    return hits;
  }

  function bits(x) { var c = 0; while (x) { c += x & 1; x >>>= 1; } return c; }

  function byScore(a, b) {
    return b.score - a.score || a.bucket - b.bucket || a.doc - b.doc || a.unit - b.unit;
  }

  // The result's passage: label, link and text, once its files are loaded.
  function describe(hit) {
    if (hit.bucket === -1) {
      var c = claims && claims[hit.doc];
      return c && { title: c[0], n: '', href: root + c[1], text: c[2] };
    }
    var id = buckets[hit.bucket] && buckets[hit.bucket][hit.doc];
    var source = id && sources[id];
    if (!source) { return null; }
    var href = root + 'sources/' + id + '.html';
    if (hit.unit === 0) {
      return { title: source.title, n: '', href: href, text: source.publisher ? source.title + ' — ' + source.publisher : source.title };
    }
    var unit = source.units[hit.unit - 1];
    return unit && { title: source.title, n: unit[0], href: href + '#' + unit[1], text: unit[2] };
  }

  function loadFor(hits) {
    var bucketFiles = new Set();
    hits.forEach(function (hit) {
      bucketFiles.add(hit.bucket === -1 ? 'claims.js' : 'b' + hit.bucket + '.js');
    });
    return Promise.all(Array.from(bucketFiles).map(load)).then(function () {
      var sourceFiles = new Set();
      hits.forEach(function (hit) {
        var id = hit.bucket !== -1 && buckets[hit.bucket] && buckets[hit.bucket][hit.doc];
        if (id) { sourceFiles.add('s/' + id + '.js'); }
      });
      return Promise.all(Array.from(sourceFiles).map(load));
    });
  }

  // Whether the words of the query stand in a row in a text: a phrase.
  function hasPhrase(text, query) {
    if (query.length < 2) { return false; }
    var words = (text.match(WORD) || []).map(term).filter(Boolean);
    outer: for (var i = 0; i + query.length <= words.length; i++) {
      for (var j = 0; j < query.length; j++) {
        if (!matches(words[i + j], query[j])) { continue outer; }
      }
      return true;
    }
    return false;
  }

  function matches(t, q) {
    return t === q.term || (q.prefix && (t.indexOf(q.term) === 0 || t.indexOf(q.raw) === 0));
  }

  // ---- Showing results ----
  function snippet(text, query) {
    var words = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var t = term(match[0]);
      var hit = t !== null && query.some(function (q) { return matches(t, q); });
      words.push({ start: match.index, end: match.index + match[0].length, hit: hit });
    }
    var first = words.filter(function (w) { return w.hit; })[0];
    var from = 0;
    if (first && first.start > SNIPPET / 3) {
      from = first.start - Math.floor(SNIPPET / 3);
      var space = text.indexOf(' ', from);
      from = space >= 0 && space < first.start ? space + 1 : from;
    }
    var to = Math.min(text.length, from + SNIPPET);
    var space2 = text.lastIndexOf(' ', to);
    if (to < text.length && space2 > from + SNIPPET / 2) { to = space2; }
    var out = document.createDocumentFragment();
    if (from > 0) { out.appendChild(document.createTextNode('… ')); }
    var at = from;
    words.forEach(function (w) {
      if (!w.hit || w.start < from || w.end > to) { return; }
      out.appendChild(document.createTextNode(text.slice(at, w.start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(w.start, w.end);
      out.appendChild(mark);
      at = w.end;
    });
    out.appendChild(document.createTextNode(text.slice(at, to)));
    if (to < text.length) { out.appendChild(document.createTextNode(' …')); }
    return out;
  }

  function render(list, status, shown, total, query) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    shown.forEach(function (item) {
      var li = document.createElement('li');
      li.className = 'search-result';
      var a = document.createElement('a');
      a.href = item.href;
      var title = document.createElement('span');
      title.className = 'search-source';
      title.textContent = item.title;
      a.appendChild(title);
      if (item.n) {
        var n = document.createElement('span');
        n.className = 'search-pnum';
        n.textContent = '¶' + item.n;
        a.appendChild(document.createTextNode(' '));
        a.appendChild(n);
      }
      li.appendChild(a);
      var p = document.createElement('p');
      p.className = 'search-snippet';
      p.appendChild(snippet(item.text, query));
      li.appendChild(p);
      list.appendChild(li);
    });
    if (total === 0) {
      status.textContent = 'No passage matches.';
    } else if (total > shown.length) {
      status.textContent = total + ' results; the best ' + shown.length + ' are shown.';
    } else {
      status.textContent = total === 1 ? '1 result.' : total + ' results.';
    }
  }

  var latest = 0;
  function search(text, list, status) {
    var ticket = ++latest;
    return load('index.js').then(function () {
      if (!meta) { throw new Error('no search index'); }
      var query = parse(text);
      if (query.length === 0) {
        while (list.firstChild) { list.removeChild(list.firstChild); }
        status.textContent = text.trim() ? 'Type a less common word.' : '';
        return;
      }
      var files = new Set(query.map(function (q) { return 't' + shardOf(q.term) + '.js'; }));
      return Promise.all(Array.from(files).map(load)).then(function () {
        var hits = rank(query);
        // A few more than shown, so a phrase found among them can move up.
        var best = hits.slice(0, RESULTS * 2);
        return loadFor(best).then(function () {
          if (ticket !== latest) { return; }
          var shown = [];
          best.forEach(function (hit) {
            var item = describe(hit);
            if (!item) { return; }
            item.score = hit.score * (hasPhrase(item.text, query) ? 1.5 : 1);
            item.order = shown.length;
            shown.push(item);
          });
          shown.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
          render(list, status, shown.slice(0, RESULTS), hits.length, query);
        });
      });
    }).catch(function () {
      if (ticket === latest) { status.textContent = 'The search index could not be loaded.'; }
    });
  }

  function start() {
    var list = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    var input = document.getElementById('search-query');
    var note = document.getElementById('search-nojs');
    if (!list || !status || !input) { return; }
    if (note) { note.hidden = true; }
    var query = new URLSearchParams(window.location.search).get('q') || '';
    input.value = query;
    var header = document.getElementById('site-search');
    if (header) { header.value = query; }
    if (query.trim()) { search(query, list, status); }
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        search(input.value, list, status);
        if (window.history && window.history.replaceState) {
          try {
            window.history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
          } catch (e) { /* file:// may refuse; the results are shown anyway */ }
        }
      }, 120);
    });
    // Arrow keys move from the box through the results.
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') { return; }
      var links = Array.from(list.querySelectorAll('a'));
      if (!links.length) { return; }
      var at = links.indexOf(document.activeElement);
      if (event.key === 'ArrowDown') {
        (at < 0 ? links[0] : links[Math.min(at + 1, links.length - 1)]).focus();
      } else if (at === 0) {
        input.focus();
      } else if (at > 0) {
        links[at - 1].focus();
      } else { return; }
      event.preventDefault();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
