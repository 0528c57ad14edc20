/*
 * The site's search: Vietnamese with or without diacritics.
 *
 * The index is static JSON under tim-kiem/index/ (see honour_roll/site/search_index.py):
 * a query fetches the vocabulary file of each typed word's first two letters,
 * the shards holding those words, and metadata only for the results shown.
 *
 * fold / canon / words must give the same answers as honour_roll/record/vietnamese.py
 * (the tests compare them on every word of the site). Record text is only ever
 * inserted with textContent.
 */
(function () {
  "use strict";

  // --- Vietnamese words ------------------------------------------------------------------------

  var TONES = "\u0300\u0301\u0303\u0309\u0323";
  var VOWELS = "aăâeêioôơuưy";
  var MARKED = "ăâêôơư";
  var SECOND_VOWEL_PAIRS = ["oa", "oe", "uy"];
  var MAX_WORD = 40;
  var WORD_SOURCE = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}]|[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f])*";
  var WORD = new RegExp(WORD_SOURCE, "gu");
  // Words joined by '.', '/' or '-' ("3.3.a", "1452/QĐ-UBND") are searchable whole too.
  var COMPOUND = new RegExp(WORD_SOURCE + "(?:[./-]" + WORD_SOURCE + ")+", "gu");

  function fold(text) {
    return text.replace(/[đĐðÐ]/g, "d").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function isFolded(word) {
    return fold(word) === word.normalize("NFC").toLowerCase();
  }

  function tonePosition(base) {
    var i = 0;
    while (i < base.length && VOWELS.indexOf(base[i]) < 0) i++;
    if (i === base.length) return -1;
    // In "qu" and in "gi" before another vowel, the u / i belong to the consonant.
    if (i > 0 && i + 1 < base.length && VOWELS.indexOf(base[i + 1]) >= 0) {
      if ((base[i - 1] === "q" && base[i] === "u") || (base[i - 1] === "g" && base[i] === "i")) i++;
    }
    var end = i;
    while (end < base.length && VOWELS.indexOf(base[end]) >= 0) end++;
    var nucleus = base.slice(i, end).join("");
    for (var k = end - 1; k >= i; k--) if (MARKED.indexOf(base[k]) >= 0) return k;
    if (nucleus.length === 1) return i;
    if (end < base.length) return end - 1;
    if (SECOND_VOWEL_PAIRS.indexOf(nucleus) >= 0 || nucleus.length >= 3) return i + 1;
    return i;
  }

  function canon(word) {
    var decomposed = Array.from(word.toLowerCase().normalize("NFD"));
    var tones = decomposed.filter(function (c) { return TONES.indexOf(c) >= 0; });
    if (tones.length !== 1) return decomposed.join("").normalize("NFC");
    var base = Array.from(decomposed.filter(function (c) { return TONES.indexOf(c) < 0; }).join("").normalize("NFC"));
    var pos = tonePosition(base);
    if (pos < 0) return decomposed.join("").normalize("NFC");
    return (base.slice(0, pos).join("") + base[pos].normalize("NFD") + tones[0] + base.slice(pos + 1).join("")).normalize("NFC");
  }

  function spans(re, text) {
    var out = [];
    var m;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      if (Array.from(m[0]).length <= MAX_WORD) out.push([m.index, m.index + m[0].length]);
    }
    return out;
  }

  // Start and end of every word of an (already normalised) text.
  function words(text) { return spans(WORD, text); }

  // Every word, then every compound, by position: what the index holds.
  function terms(text) {
    return words(text).concat(spans(COMPOUND, text)).sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
  }

  // The typed words of a query: what each folds to, its accented form, whether it
  // was typed without diacritics (then any accented form is exact), and whether it
  // may be still being typed (nothing follows it: it also matches as a prefix).
  function queryTerms(query) {
    var text = query.normalize("NFC");
    var found = [];
    var seen = {};
    terms(text).forEach(function (span) {
      var w = text.slice(span[0], span[1]);
      var term = { text: w, fold: fold(w), canon: canon(w), folded: isFolded(w), last: span[1] === text.length };
      var key = term.fold + "\u0000" + term.canon;
      if (!(key in seen) && found.length < 8) {
        seen[key] = found.length;
        found.push(term);
      } else if (term.last && key in seen) {
        found[seen[key]].last = true;
      }
    });
    return found;
  }

  // Every two consecutive words of a query, folded ("chu ky", "ky so"): the index
  // holds such phrases (honour_roll/site/search_encoding.py), at most 7 are looked up.
  function queryPhrases(query) {
    var text = query.normalize("NFC");
    var folded = words(text).map(function (span) { return fold(text.slice(span[0], span[1])); });
    var out = [];
    for (var i = 0; i + 1 < folded.length; i++) {
      var phrase = folded[i] + " " + folded[i + 1];
      if (out.indexOf(phrase) < 0 && out.length < 7) out.push(phrase);
    }
    return out;
  }

  // --- the index -------------------------------------------------------------------------------

  function Index(base) {
    this.base = base.replace(/\/?$/, "/");
    this.cache = {};
  }

  // Letters of a folded word that name its vocabulary file: the same as
  // PREFIX in search_index.py, known here so that vocabulary files can be
  // fetched together with meta.json.
  var PREFIX = 2;

  // meta.json is revalidated on every visit; shards and chunks are asked for
  // with the build's hash, so a cached file of an earlier deploy is never used.
  Index.prototype.get = function (path) {
    var self = this;
    if (path === "meta.json") return this.fetchJson(path, { cache: "no-cache" });
    return this.meta().then(function (meta) { return self.fetchJson(path + "?v=" + meta.build, {}); });
  };

  // A vocabulary file, fetched at the same time as meta.json; asked for again
  // with the build's hash if the one at hand belongs to another build.
  Index.prototype.vocab = function (prefix) {
    var self = this;
    var path = "v/" + fileKey(prefix) + ".json";
    return Promise.all([this.meta(), this.fetchJson(path, {})]).then(function (r) {
      var meta = r[0], vocab = r[1];
      if (vocab && vocab.build !== meta.build) return self.get(path);
      return vocab;
    }).then(function (vocab) { return vocab ? vocab.words : []; });
  };

  Index.prototype.fetchJson = function (path, options) {
    var self = this;
    if (!this.cache[path]) {
      this.cache[path] = fetch(this.base + path, options).then(function (r) {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      }).catch(function (e) {
        delete self.cache[path];
        throw e;
      });
    }
    return this.cache[path];
  };

  Index.prototype.meta = function () { return this.get("meta.json"); };

  function fileKey(prefix) {
    if (/^[a-z0-9]+$/.test(prefix)) return prefix;
    return "u" + Array.from(prefix).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  function findWord(vocab, word) {
    var lo = 0, hi = vocab.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      var w = vocab[mid][0];
      if (w === word) return mid;
      if (w < word) lo = mid + 1; else hi = mid - 1;
    }
    return -lo - 1;
  }

  function compareCodePoints(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function prefixOf(word) { return Array.from(word).slice(0, PREFIX).join(""); }

  // Every document matching the query, best first: [{id, matched, level, score}].
  Index.prototype.search = function (query) {
    var self = this;
    var terms = queryTerms(query);
    if (!terms.length) return Promise.resolve({ terms: terms, hits: [] });
    var phrases = queryPhrases(query);
    // A word typed without the space between two words ("vungtau") may be the
    // phrase they make ("vung tau"): each way of splitting it after the first
    // PREFIX letters is looked up, in the vocabulary file the word itself is in.
    var prefixes = {};
    terms.forEach(function (t) {
      prefixes[prefixOf(t.fold)] = true;
      var letters = Array.from(t.fold);
      t.splits = [];
      for (var k = PREFIX; k < letters.length; k++) {
        t.splits.push(letters.slice(0, k).join("") + " " + letters.slice(k).join(""));
      }
    });
    phrases.forEach(function (p) { prefixes[prefixOf(p)] = true; });
    var prefixList = Object.keys(prefixes);
    return Promise.all([this.meta()].concat(prefixList.map(function (prefix) {
      return self.vocab(prefix);
    }))).then(function (loaded) {
      var meta = loaded[0];
      var vocabOf = {};
      prefixList.forEach(function (prefix, i) { vocabOf[prefix] = loaded[i + 1]; });
      function lookup(word) {
        var vocab = vocabOf[prefixOf(word)];
        var at = findWord(vocab, word);
        return at >= 0 ? { word: word, df: vocab[at][1], shard: vocab[at][2], prefix: false } : null;
      }
      terms.forEach(function (t) {
        var vocab = vocabOf[prefixOf(t.fold)];
        t.entries = [];
        var at = findWord(vocab, t.fold);
        if (at >= 0) t.entries.push({ word: t.fold, df: vocab[at][1], shard: vocab[at][2], prefix: false });
        else if (t.fold.indexOf(" ") < 0) {
          t.splits.forEach(function (joined) {
            var e = lookup(joined);
            if (e) t.entries.push(e);
          });
        }
        if (t.last && Array.from(t.fold).length >= 2) {
          var from = at >= 0 ? at + 1 : -at - 1;
          var completions = [];
          for (var k = from; k < vocab.length && vocab[k][0].indexOf(t.fold) === 0; k++) {
            if (vocab[k][0].indexOf(" ") < 0) completions.push(vocab[k]);  // phrases are not completions
          }
          completions.sort(function (a, b) { return b[1] - a[1] || compareCodePoints(a[0], b[0]); });
          // The most frequent completions, until they cover every document.
          var covered = 0;
          completions.slice(0, meta.expansions).forEach(function (e) {
            if (covered >= meta.docs) return;
            t.entries.push({ word: e[0], df: e[1], shard: e[2], prefix: true });
            covered += e[1];
          });
        }
      });
      // Phrases in most documents tell them apart too little to be worth fetching.
      var found = phrases.map(lookup).filter(function (e) { return e && e.df <= meta.phraseMaxShare * meta.docs; });
      var shardIds = {};
      terms.forEach(function (t) { t.entries.forEach(function (e) { shardIds[e.shard] = true; }); });
      found.forEach(function (e) { shardIds[e.shard] = true; });
      var ids = Object.keys(shardIds);
      return Promise.all(ids.map(function (id) { return self.get("t/" + id + ".json"); })).then(function (shards) {
        var byId = {};
        ids.forEach(function (id, i) { byId[id] = shards[i]; });
        return { terms: terms, hits: rank(meta, terms, found, byId) };
      });
    });
  };

  // Posting strings (honour_roll/site/search_index.py encode_postings): per posting,
  // (doc id - previous doc id - 1) * unit + field mask in base 64, five bits
  // per character, low bits first, 32 added to every character but the last.
  var POSTING_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var POSTING_VALUE = new Int8Array(128).fill(-1);
  for (var pi = 0; pi < POSTING_ALPHABET.length; pi++) POSTING_VALUE[POSTING_ALPHABET.charCodeAt(pi)] = pi;

  function decodePostings(text, unit, each) {
    var doc = -1, value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var c = POSTING_VALUE[text.charCodeAt(i)];
      value += (c & 31) * scale;
      if (c & 32) {
        scale *= 32;
        continue;
      }
      doc += 1 + Math.floor(value / unit);
      each(doc, value % unit);
      value = 0;
      scale = 1;
    }
  }

  function rank(meta, terms, phrases, shards) {
    var bits = meta.maskBits;
    var unit = 1 << bits;
    var weightOf = [];
    for (var mask = 0; mask < unit; mask++) {
      var w = 0;
      for (var f = 0; f < bits; f++) if (mask & (1 << f)) w += meta.weights[f];
      weightOf.push(w);
    }
    var docs = new Map();
    terms.forEach(function (t, ti) {
      t.entries.forEach(function (e) {
        var forms = (shards[e.shard] || {})[e.word] || [];
        var idf = Math.log(1 + meta.docs / e.df);
        forms.forEach(function (pair) {
          var form = pair[0];
          var kind = e.prefix ? "prefix" : (t.folded || form === t.canon ? "exact" : "folded");
          var level = meta.match[kind].level;
          var quality = meta.match[kind].quality;
          decodePostings(pair[1], unit, function (id, m) {
            var value = idf * quality * weightOf[m];
            var d = docs.get(id);
            if (!d) {
              d = { id: id, per: new Array(terms.length) };
              docs.set(id, d);
            }
            var cur = d.per[ti];
            if (!cur) d.per[ti] = { level: level, value: value, mask: m };
            else {
              if (level > cur.level || (level === cur.level && value > cur.value)) {
                cur.level = level;
                cur.value = value;
              }
              cur.mask |= m;
            }
          });
        });
      });
    });
    // Words found together: each query phrase a document holds adds to its score.
    var bonus = new Map();
    phrases.forEach(function (e) {
      var idf = Math.log(1 + meta.docs / e.df);
      ((shards[e.shard] || {})[e.word] || []).forEach(function (pair) {
        decodePostings(pair[1], unit, function (id, m) {
          if (docs.has(id)) bonus.set(id, (bonus.get(id) || 0) + idf * meta.phrase * weightOf[m]);
        });
      });
    });
    var nameBit = 1 << meta.fields.indexOf("name");
    var identityBit = 1 << meta.fields.indexOf("identity");
    var hits = [];
    var best = 0;
    docs.forEach(function (d) {
      var matched = 0, level = 0, score = bonus.get(d.id) || 0, inName = true, inIdentity = true;
      for (var i = 0; i < terms.length; i++) {
        var p = d.per[i];
        if (!p) { inName = inIdentity = false; continue; }
        matched++;
        level += p.level;
        score += p.value;
        if (!(p.mask & nameBit)) inName = false;
        if (!(p.mask & identityBit)) inIdentity = false;
      }
      if (inName) score *= meta.allInField.name;
      else if (inIdentity) score *= meta.allInField.identity;
      if (matched > best) best = matched;
      hits.push({ id: d.id, matched: matched, level: level, score: score });
    });
    // Documents with every word first; if none has all, those with the most.
    hits = hits.filter(function (h) { return h.matched === best; });
    // At equal match, results in the page's own language first (meta.languages: runs of ids).
    var runs = meta.languages || [];
    var own = function (id) {
      var lang = runs.length ? runs[0][0] : "";
      for (var r = 0; r < runs.length && runs[r][1] <= id; r++) lang = runs[r][0];
      return lang === PAGE_LANG ? 1 : 0;
    };
    hits.forEach(function (h) { h.own = own(h.id); });
    hits.sort(function (a, b) {
      return b.level - a.level || b.own - a.own || b.score - a.score || a.id - b.id;
    });
    return hits;
  }

  // Title, URL, description and passages of these documents.
  Index.prototype.documents = function (ids) {
    var self = this;
    return this.meta().then(function (meta) {
      return Promise.all(ids.map(function (id) {
        return self.get("d/" + Math.floor(id / meta.chunk) + ".json").then(function (chunk) {
          var d = chunk[id % meta.chunk];
          return { id: id, url: d[0], title: d[1], meta: d[2], passages: d[3] };
        });
      }));
    });
  };

  // --- snippets --------------------------------------------------------------------------------

  // Ranges of text whose words match a typed word (or complete the last one).
  function matches(text, terms) {
    var out = [];
    var found = {};
    words(text).forEach(function (span) {
      var f = fold(text.slice(span[0], span[1]));
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        if (f === t.fold || (t.last && f.indexOf(t.fold) === 0)) {
          out.push(span);
          found[i] = true;
          break;
        }
      }
    });
    return { ranges: out, terms: Object.keys(found).length };
  }

  function appendMarked(parent, text, ranges, offset) {
    var at = 0;
    ranges.forEach(function (r) {
      var a = r[0] - offset, b = r[1] - offset;
      if (a < at || b > text.length) return;
      if (a > at) parent.appendChild(document.createTextNode(text.slice(at, a)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(a, b);
      parent.appendChild(mark);
      at = b;
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // The passage that matches most typed words, cut around the first match.
  function snippet(passages, terms, length) {
    var frag = document.createDocumentFragment();
    var best = null;
    (passages || []).forEach(function (p) {
      var m = matches(p, terms);
      if (!best || m.terms > best.m.terms) best = { text: p, m: m };
    });
    if (!best) return frag;
    var text = best.text;
    var ranges = best.m.ranges;
    var start = 0;
    if (ranges.length && ranges[0][0] > length / 3) {
      start = text.lastIndexOf(" ", ranges[0][0] - Math.floor(length / 4));
      start = start < 0 ? 0 : start + 1;
    }
    var end = Math.min(text.length, start + length);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start + length / 2) end = space;
    }
    var piece = text.slice(start, end);
    var inside = ranges.filter(function (r) { return r[0] >= start && r[1] <= end; });
    if (start > 0) frag.appendChild(document.createTextNode("… "));
    appendMarked(frag, piece, inside, start);
    if (end < text.length) frag.appendChild(document.createTextNode(" …"));
    return frag;
  }

  function markedTitle(title, terms) {
    var frag = document.createDocumentFragment();
    appendMarked(frag, title, matches(title, terms).ranges, 0);
    return frag;
  }

  // The English edition's pages (<html lang="en">) speak English; every other page Vietnamese.
  var PAGE_LANG = document.documentElement.lang;
  var EN = PAGE_LANG === "en";
  var T = EN ? {
    loadFailed: "Could not load the search data; please try again.",
    seeAll: function (n, q) { return "See all " + n + " results for " + q; },
    noneFor: function (q) { return "No results for " + q; },
    count: function (n) { return n + (n === "1" ? " result" : " results") + ". Use the up and down arrow keys to choose, Enter to open."; },
    none: "No results.",
    prompt: "Type a word to find honorees, criteria and pages.",
    searching: "Searching…",
    titlePrefix: "Search: ",
    found: function (n, q, shown) { return n + (n === "1" ? " result" : " results") + " for “" + q + "”" + (shown ? "; showing " + shown + "." : "."); },
    notFound: function (q) { return "No results for “" + q + "”. Try another word; results in Vietnamese are found without typing accents."; }
  } : {
    loadFailed: "Không tải được dữ liệu tìm kiếm; hãy thử lại.",
    seeAll: function (n, q) { return "Xem tất cả " + n + " kết quả cho " + q; },
    noneFor: function (q) { return "Không tìm thấy kết quả cho " + q; },
    count: function (n) { return n + " kết quả. Dùng phím mũi tên lên, xuống để chọn, Enter để mở."; },
    none: "Không tìm thấy kết quả.",
    prompt: "Gõ từ khóa để tìm gương điển hình, tiêu chí và trang giới thiệu.",
    searching: "Đang tìm…",
    titlePrefix: "Tìm: ",
    found: function (n, q, shown) { return "Có " + n + " kết quả cho “" + q + "”" + (shown ? "; đang hiện " + shown + "." : "."); },
    notFound: function (q) { return "Không tìm thấy kết quả cho “" + q + "”. Hãy thử từ khác, hoặc xem trang Tra cứu."; }
  };

  function resultCount(n) {
    return n.toLocaleString(EN ? "en-GB" : "vi-VN");
  }

  // --- the header box: combobox with a listbox of results ---------------------------------------

  var VISIBLE = 6;

  function HeaderSearch(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[name=q]");
    this.popup = root.querySelector("[data-hr-search-popup]");
    this.list = root.querySelector("[role=listbox]");
    this.footer = root.querySelector("[data-hr-search-footer]");
    this.status = root.querySelector("[data-hr-search-status]");
    this.opener = document.querySelector("[data-hr-search-open]");
    this.closer = root.querySelector("[data-hr-search-close]");
    this.index = new Index(this.form.getAttribute("data-hr-index"));
    this.rootUrl = new URL((this.form.getAttribute("data-hr-root") || ".").replace(/\/?$/, "/"), location.href);
    this.options = [];
    this.active = -1;
    this.seq = 0;
    this.timer = 0;
    this.setUp();
  }

  HeaderSearch.prototype.setUp = function () {
    var self = this;
    var input = this.input;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.update(); }, 150);
    });
    input.addEventListener("keydown", function (e) { self.onKey(e); });
    input.addEventListener("focus", function () {
      if (self.options.length && input.value.trim()) self.open();
    });
    this.form.addEventListener("focusout", function (e) {
      if (e.relatedTarget && self.form.contains(e.relatedTarget)) return;
      self.close();
      // On a phone the open box covers the header: leaving it closes it.
      if (e.relatedTarget && e.relatedTarget !== self.opener) self.closeBox(false);
    });
    this.form.addEventListener("submit", function (e) {
      if (!input.value.trim()) e.preventDefault();
    });
    this.list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    this.list.addEventListener("click", function (e) {
      var li = e.target.closest("[role=option]");
      if (li) self.go(li);
    });
    if (this.opener) {
      this.opener.setAttribute("role", "button");
      this.opener.setAttribute("aria-expanded", "false");
      this.opener.addEventListener("click", function (e) {
        e.preventDefault();
        self.openBox();
      });
    }
    if (this.closer) {
      this.closer.hidden = false;
      this.closer.addEventListener("click", function () { self.closeBox(); });
    }
    var q = new URLSearchParams(location.search).get("q");
    if (q && document.querySelector("[data-hr-search-page]")) input.value = q;
  };

  HeaderSearch.prototype.openBox = function () {
    this.root.classList.add("hr-search--open");
    if (this.opener) this.opener.setAttribute("aria-expanded", "true");
    this.input.focus();
  };

  HeaderSearch.prototype.closeBox = function (restoreFocus) {
    this.close();
    if (!this.root.classList.contains("hr-search--open")) return;
    this.root.classList.remove("hr-search--open");
    if (this.opener) {
      this.opener.setAttribute("aria-expanded", "false");
      if (restoreFocus !== false && getComputedStyle(this.opener).display !== "none") this.opener.focus();
    }
  };

  HeaderSearch.prototype.url = function (doc) {
    return new URL(doc.url, this.rootUrl).href;
  };

  HeaderSearch.prototype.resultsUrl = function () {
    var url = new URL(this.form.getAttribute("action"), location.href);
    url.search = "?q=" + encodeURIComponent(this.input.value.trim());
    return url.href;
  };

  HeaderSearch.prototype.update = function () {
    var self = this;
    var query = this.input.value;
    var seq = ++this.seq;
    if (!query.trim()) {
      this.clear();
      return;
    }
    this.index.search(query).then(function (result) {
      if (seq !== self.seq) return null;
      var top = result.hits.slice(0, VISIBLE);
      return self.index.documents(top.map(function (h) { return h.id; })).then(function (docs) {
        if (seq !== self.seq) return;
        self.render(query, result.terms, docs, result.hits.length);
      });
    }).catch(function () {
      if (seq !== self.seq) return;
      self.clear();
      self.status.textContent = T.loadFailed;
    });
  };

  HeaderSearch.prototype.clear = function () {
    this.list.textContent = "";
    this.footer.textContent = "";
    this.options = [];
    this.active = -1;
    this.close();
  };

  HeaderSearch.prototype.render = function (query, terms, docs, total) {
    var self = this;
    this.list.textContent = "";
    this.footer.textContent = "";
    this.options = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    docs.forEach(function (doc, i) {
      var li = document.createElement("li");
      li.id = "hr-search-option-" + i;
      li.className = "hr-search__option";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", self.url(doc));
      var title = document.createElement("span");
      title.className = "hr-search__title";
      title.appendChild(markedTitle(doc.title, terms));
      var meta = document.createElement("span");
      meta.className = "hr-search__meta";
      meta.textContent = doc.meta;
      var text = document.createElement("span");
      text.className = "hr-search__snippet";
      text.appendChild(snippet(doc.passages, terms, 110));
      li.appendChild(title);
      li.appendChild(meta);
      if (text.childNodes.length) li.appendChild(text);
      self.list.appendChild(li);
      self.options.push(li);
    });
    // "All results" is a plain link below the list: reachable with Tab, and
    // Enter in the box (no result chosen) goes to the same page.
    var q = "“" + query.trim() + "”";
    if (total) {
      var all = document.createElement("a");
      all.className = "hr-search__all";
      all.href = this.resultsUrl();
      all.textContent = T.seeAll(resultCount(total), q);
      this.footer.appendChild(all);
    } else {
      this.footer.textContent = T.noneFor(q);
    }
    this.status.textContent = total
      ? T.count(resultCount(total))
      : T.none;
    this.open();
  };

  HeaderSearch.prototype.open = function () {
    this.popup.hidden = false;
    this.input.setAttribute("aria-expanded", this.options.length ? "true" : "false");
  };

  HeaderSearch.prototype.close = function () {
    this.popup.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  };

  HeaderSearch.prototype.isOpen = function () { return !this.popup.hidden; };

  HeaderSearch.prototype.setActive = function (i) {
    if (this.active >= 0 && this.options[this.active]) this.options[this.active].setAttribute("aria-selected", "false");
    this.active = i;
    if (i >= 0 && this.options[i]) {
      var li = this.options[i];
      li.setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  HeaderSearch.prototype.go = function (li) {
    location.href = li.getAttribute("data-href");
  };

  HeaderSearch.prototype.onKey = function (e) {
    var n = this.options.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!n) return;
      e.preventDefault();
      if (!this.isOpen()) {
        this.open();
        this.setActive(e.key === "ArrowDown" ? 0 : n - 1);
        return;
      }
      var next = e.key === "ArrowDown" ? this.active + 1 : this.active - 1;
      if (next >= n) next = 0;
      if (next < -1) next = n - 1;
      this.setActive(next);
    } else if (e.key === "Enter") {
      if (this.isOpen() && this.active >= 0) {
        e.preventDefault();
        this.go(this.options[this.active]);
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (this.isOpen()) this.close();
      else if (this.root.classList.contains("hr-search--open")) this.closeBox();
      else {
        this.input.value = "";
        this.clear();
      }
    }
  };

  // --- the results page (/tim-kiem/?q=...) -------------------------------------------------------

  var PAGE = 20;
  var FIRST_STEP = 5;

  function ResultsPage(form, header) {
    this.form = form;
    this.header = header;
    this.input = form.querySelector("input[name=q]");
    this.status = document.querySelector("[data-hr-search-page-status]");
    this.list = document.querySelector("[data-hr-search-page-results]");
    this.more = document.querySelector("[data-hr-search-page-more]");
    this.index = header ? header.index : new Index(document.querySelector("[data-hr-index]").getAttribute("data-hr-index"));
    this.seq = 0;
    var self = this;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var q = self.input.value.trim();
      var url = new URL(location.href);
      url.search = q ? "?q=" + encodeURIComponent(q) : "";
      history.pushState(null, "", url.href);
      self.run(q);
    });
    this.more.addEventListener("click", function () { self.showMore(); });
    window.addEventListener("popstate", function () { self.fromUrl(); });
    this.fromUrl();
  }

  ResultsPage.prototype.fromUrl = function () {
    var q = new URLSearchParams(location.search).get("q") || "";
    this.input.value = q;
    if (this.header) this.header.input.value = q;
    this.run(q);
  };

  ResultsPage.prototype.run = function (query) {
    var self = this;
    var seq = ++this.seq;
    this.list.textContent = "";
    this.list.hidden = true;
    this.more.hidden = true;
    if (!query.trim()) {
      this.status.textContent = T.prompt;
      return;
    }
    this.status.textContent = T.searching;
    this.index.search(query).then(function (result) {
      if (seq !== self.seq) return;
      self.query = query.trim();
      self.terms = result.terms;
      self.hits = result.hits;
      self.shown = 0;
      document.title = T.titlePrefix + self.query + " - " + document.title.replace(/^(Tìm|Search): .* - /, "");
      return self.showMore(true);
    }).catch(function () {
      if (seq !== self.seq) return;
      self.status.textContent = T.loadFailed;
    });
  };

  // The first page comes in two steps, so that the best results show as soon
  // as their few files arrive.
  ResultsPage.prototype.showMore = function (first) {
    var self = this;
    if (first) return this.append(FIRST_STEP, false, false).then(function () { return self.append(PAGE - FIRST_STEP, false, true); });
    return this.append(PAGE, true, true);
  };

  // Results shown + count; the count and the "more" button only once the
  // step is the last (a screen reader hears one announcement).
  ResultsPage.prototype.append = function (count, focusFirst, last) {
    var self = this;
    var seq = this.seq;
    var next = this.hits.slice(this.shown, this.shown + count);
    return this.index.documents(next.map(function (h) { return h.id; })).then(function (docs) {
      if (seq !== self.seq) return;
      var firstNew = null;
      docs.forEach(function (doc) {
        var li = document.createElement("li");
        li.className = "hr-result";
        var a = document.createElement("a");
        a.className = "hr-result__title";
        a.href = self.header ? self.header.url(doc) : doc.url;
        a.appendChild(markedTitle(doc.title, self.terms));
        var meta = document.createElement("p");
        meta.className = "hr-result__meta";
        meta.textContent = doc.meta;
        var text = document.createElement("p");
        text.className = "hr-result__snippet";
        text.appendChild(snippet(doc.passages, self.terms, 240));
        li.appendChild(a);
        li.appendChild(meta);
        if (text.childNodes.length) li.appendChild(text);
        self.list.appendChild(li);
        if (!firstNew) firstNew = a;
      });
      self.shown += docs.length;
      self.list.hidden = self.shown === 0;
      if (!last) return;
      var total = self.hits.length;
      self.more.hidden = self.shown >= total;
      self.status.textContent = total
        ? T.found(resultCount(total), self.query, total > self.shown ? resultCount(self.shown) : "")
        : T.notFound(self.query);
      if (focusFirst && firstNew) firstNew.focus();
    });
  };

  // --- start -----------------------------------------------------------------------------------

  function isEditable(el) {
    return el && (el.isContentEditable || /^(input|textarea|select)$/i.test(el.tagName));
  }

  function start() {
    var root = document.querySelector("[data-hr-search]");
    var header = root ? new HeaderSearch(root) : null;
    var pageForm = document.querySelector("[data-hr-search-page]");
    if (pageForm) new ResultsPage(pageForm, header);
    if (header) {
      // "/" focuses search, as on most sites (Material's own search did the same).
      document.addEventListener("keydown", function (e) {
        if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || isEditable(document.activeElement)) return;
        e.preventDefault();
        if (header.opener && getComputedStyle(header.opener).display !== "none") header.openBox();
        else header.input.focus();
      });
    }
  }

  // For the tests: the same functions as honour_roll/record/vietnamese.py.
  window.hrSearch = { fold: fold, canon: canon, words: words, terms: terms, isFolded: isFolded, queryTerms: queryTerms, Index: Index, PREFIX: PREFIX };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
