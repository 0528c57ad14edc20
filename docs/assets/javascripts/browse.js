/*
 * Tra cứu: filters over the list of every honoree, kept in the URL.
 *
 * The page's plain list (every honoree under each of its pillars, each group
 * newest first, inside <noscript>) gives names and links; the form's data-codes gives, per
 * honoree newest first, one base-36 character per facet (see
 * honour_roll/site/browse.py): the value's index, or a bit mask for the facets an
 * honoree may have several values of. The first facet is the pillars: it says
 * in which groups the honoree is listed, hence which entry is its own.
 * The checkboxes of each fieldset are in the same order as the values.
 *
 * Within a facet, checked values are alternatives (OR); facets combine (AND).
 * Each value's count is what checking it would leave, given the other facets.
 *
 * The keyword box combines with the facets: it asks the site's search index
 * (search.js, window.hrSearch), whose first documents are the honorees in the
 * same order as the codes, so a hit's number is the honoree's place here.
 * With a keyword the list is in the search's order, best first.
 */
(function () {
  "use strict";

  var PAGE = 100;

  // Honorees newest first: name, link and per facet a bit mask of its values.
  function readHonorees(codes, facets, staticList) {
    var width = facets.length;
    var groups = Array.prototype.map.call(staticList.querySelectorAll("ul[data-pillar]"), function (ul) {
      return { index: parseInt(ul.getAttribute("data-pillar"), 10), items: ul.children, next: 0 };
    });
    var byPillar = {};
    groups.forEach(function (g) { byPillar[g.index] = g; });
    var out = [];
    for (var n = 0; n * width < codes.length; n++) {
      var code = codes.substr(n * width, width);
      var bits = facets.map(function (f, i) {
        var v = parseInt(code.charAt(i), 36);
        return f.multi ? v : (1 << v);
      });
      var link = null, fig = null;
      for (var p = 0; p < 31; p++) {
        if (!(bits[0] & (1 << p))) continue;
        var g = byPillar[p];
        if (!g || g.next >= g.items.length) return null;
        var li = g.items[g.next++];
        if (!link) {
          link = li.querySelector("a");
          fig = li.querySelector(".hr-fig");  // given once, where the honoree is listed first
        }
      }
      if (!link) return null;
      var href = link.getAttribute("href");
      out.push({
        n: out.length, href: href, name: link.textContent, bits: bits, pictured: link.hasAttribute("data-pictured"),
        // The page's address ends with the honoree's id: guong-dien-hinh/<id>/ or <id>.html.
        id: href.replace(/(\/|\.html)$/, "").split("/").pop(),
        figure: fig ? { value: fig.getAttribute("data-value"), text: fig.textContent } : null
      });
    }
    var complete = groups.every(function (g) { return g.next === g.items.length; });
    return complete ? out : null;
  }

  function start() {
    var form = document.querySelector("[data-hr-browse]");
    if (!form) return;
    var list = document.querySelector("[data-hr-browse-results]");
    var status = document.querySelector("[data-hr-browse-status]");
    var more = document.querySelector("[data-hr-browse-more]");
    var clear = form.querySelector("[data-hr-browse-clear]");
    // The plain list is inside <noscript>: parse it off-screen (a template
    // neither lays out nor loads anything).
    var holder = document.querySelector("noscript[data-hr-browse-list]");
    var parsed = document.createElement("template");
    parsed.innerHTML = holder ? holder.textContent : "";
    var staticList = parsed.content.querySelector("[data-hr-browse-static]");
    if (!staticList) return;
    var panel = form.querySelector("[data-hr-browse-panel]");
    var active = form.querySelector("[data-hr-browse-active]");
    var keywordBox = form.querySelector("[data-hr-browse-q]");
    var jump = form.querySelector("[data-hr-browse-jump]");
    var indexForm = document.querySelector("[data-hr-index]");
    var search = window.hrSearch && indexForm ? new window.hrSearch.Index(indexForm.getAttribute("data-hr-index")) : null;
    if (!search) keywordBox.parentNode.hidden = true;
    var phone = window.matchMedia("(max-width: 44.984375em)");

    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (fs) {
      var inputs = Array.prototype.slice.call(fs.querySelectorAll("input[type=checkbox]"));
      return {
        param: fs.getAttribute("data-facet"),
        multi: fs.hasAttribute("data-multi"),
        inputs: inputs,
        labels: inputs.map(function (i) { return i.parentNode.querySelector(".hr-facet__label").textContent; }),
        counts: inputs.map(function (i) { return i.parentNode.querySelector(".hr-facet__count"); })
      };
    });

    var honorees = readHonorees(form.getAttribute("data-codes") || "", facets, staticList);
    if (!honorees) {  // the list and the codes disagree: show the plain list
      holder.replaceWith(parsed.content);
      return;
    }

    var selected = [];  // per facet: bit mask of checked values (0: no filter)
    var matching = [];
    var shown = 0;
    var keyword = "";
    var keywordRank = null;  // honoree number -> place in the search's results, while a keyword is set
    var searches = 0;  // only the latest search's answer is shown

    function readForm() {
      selected = facets.map(function (f) {
        return f.inputs.reduce(function (m, input, i) { return input.checked ? m | (1 << i) : m; }, 0);
      });
    }

    // Returns whether the address used a value's former spelling (dia-ban=province).
    function readUrl() {
      var params = new URLSearchParams(location.search);
      var old = false;
      facets.forEach(function (f) {
        var values = params.getAll(f.param);
        f.inputs.forEach(function (input) {
          var former = input.getAttribute("data-old-value");
          input.checked = values.indexOf(input.value) >= 0 || (!!former && values.indexOf(former) >= 0);
          if (former && values.indexOf(former) >= 0) old = true;
        });
      });
      keywordBox.value = search ? (params.get("q") || "") : "";
      readForm();
      return old;
    }

    // The keyword's matches, then render; a keyword whose words no honoree has matches none.
    function runKeyword(then) {
      var q = keywordBox.value.trim();
      var mine = ++searches;
      if (!q) {
        keyword = "";
        keywordRank = null;
        then();
        return;
      }
      search.search(q).then(function (r) {
        if (mine !== searches) return;
        var rankOf = new Map();
        r.hits.forEach(function (hit) {
          if (hit.id < honorees.length && hit.matched === r.terms.length) rankOf.set(hit.id, rankOf.size);
        });
        keyword = q;
        keywordRank = rankOf;
        then();
      }).catch(function () {
        if (mine !== searches) return;
        status.textContent = "Không tải được chỉ mục tìm kiếm; hãy thử lại.";
      });
    }

    function query() {
      var params = new URLSearchParams();
      if (keywordBox.value.trim()) params.append("q", keywordBox.value.trim());
      facets.forEach(function (f) {
        f.inputs.forEach(function (input) { if (input.checked) params.append(f.param, input.value); });
      });
      var s = params.toString();
      return s ? "?" + s : "";
    }

    function passes(h, skip) {
      if (keywordRank && !keywordRank.has(h.n)) return false;
      for (var i = 0; i < facets.length; i++) {
        if (i !== skip && selected[i] && !(h.bits[i] & selected[i])) return false;
      }
      return true;
    }

    // Facets in the order of honour_roll/browse.py facets(): pillars, kind, locality, year.
    function label(h, i) {
      return facets[i].labels[31 - Math.clz32(h.bits[i])];
    }

    function element(tag, className, text) {
      var e = document.createElement(tag);
      if (className) e.className = className;
      if (text) e.textContent = text;
      return e;
    }

    // The card of honour_roll/templates/_cards.md.j2: picture (or the share card's design), name, badges,
    // locality and year, key figure.
    var pictures = form.getAttribute("data-pictures") || "";
    var widths = (form.getAttribute("data-picture-widths") || "").split(" ");
    var fallback = form.getAttribute("data-picture-fallback");
    var ratio = (form.getAttribute("data-picture-ratio") || "40/21").split("/");
    var SIZES = "(max-width: 44.984375em) calc(100vw - 48px), 400px";

    function picture(h) {
      var pic = document.createElement("picture");
      var source = document.createElement("source");
      source.type = "image/webp";
      source.srcset = widths.map(function (w) { return pictures + h.id + "-" + w + ".webp " + w + "w"; }).join(", ");
      source.sizes = SIZES;
      var img = document.createElement("img");
      img.src = pictures + h.id + "-" + fallback + ".jpg";
      img.alt = "";  // the name beside it says what it shows
      img.width = +fallback;
      img.height = Math.round(fallback * ratio[1] / ratio[0]);
      img.loading = "lazy";
      img.decoding = "async";
      pic.appendChild(source);
      pic.appendChild(img);
      return pic;
    }

    function pillarLabels(h) {
      return facets[0].labels.filter(function (text, v) { return h.bits[0] & (1 << v); });
    }

    // An honoree without a photo: its share card's design, as _cards.md.j2's art() draws it
    // (the card's words but its position and unit, which the list does not give).
    var artWords = {
      eyebrow: form.getAttribute("data-art-eyebrow") || "",
      footer: form.getAttribute("data-art-footer") || "",
      place: form.getAttribute("data-art-place") || ""
    };

    function art(h) {
      var box = element("div", "hr-art");
      box.setAttribute("aria-hidden", "true");
      var eyebrow = element("span", "hr-art__eyebrow", artWords.eyebrow.split(" · ")[0]);
      var more = artWords.eyebrow.split(" · ").slice(1).join(" · ");  // the movement: not on a narrow card
      if (more) eyebrow.appendChild(element("span", "hr-art__more", " · " + more));
      box.appendChild(eyebrow);
      box.appendChild(element("span", "hr-art__title", h.name));
      box.appendChild(element("span", "hr-art__line", label(h, 1) + " · " + pillarLabels(h).join(", ")));
      var place = artWords.place.replace("{locality}", label(h, 2)).replace("{year}", label(h, 3));
      box.appendChild(element("span", "hr-art__line", place));
      box.appendChild(element("span", "hr-art__footer", artWords.footer));
      return box;
    }

    function item(h) {
      var li = element("li", "hr-card");
      var frame = element("div", "hr-card__picture");
      frame.appendChild(h.pictured ? picture(h) : art(h));
      li.appendChild(frame);
      var body = element("div", "hr-card__body");
      var title = element("p", "hr-card__title");
      var a = element("a", "", h.name);
      a.href = h.href;
      title.appendChild(a);
      body.appendChild(title);
      var badges = element("p", "hr-card__badges");
      badges.appendChild(element("span", "hr-badge hr-badge--kind", label(h, 1)));
      pillarLabels(h).forEach(function (text) {
        badges.appendChild(document.createTextNode(" "));
        badges.appendChild(element("span", "hr-badge hr-badge--pillar", text));
      });
      body.appendChild(badges);
      body.appendChild(element("p", "hr-card__meta", label(h, 2) + " · " + label(h, 3)));
      if (h.figure) {
        var fig = element("p", "hr-card__figure");
        var value = element("span", "hr-figure__value", h.figure.value);
        value.setAttribute("aria-hidden", "true");
        fig.appendChild(value);
        fig.appendChild(document.createTextNode(" "));
        fig.appendChild(element("span", "hr-figure__text", h.figure.text));
        body.appendChild(fig);
      }
      li.appendChild(body);
      return li;
    }

    function showMore() {
      var frag = document.createDocumentFragment();
      var next = matching.slice(shown, shown + PAGE);
      next.forEach(function (h) { frag.appendChild(item(h)); });
      list.appendChild(frag);
      shown += next.length;
      var left = matching.length - shown;
      more.hidden = left <= 0;
      more.textContent = "Hiển thị thêm " + Math.min(PAGE, left) + " (còn " + left + ")";
      return next.length;
    }

    function render() {
      matching = honorees.filter(function (h) { return passes(h, -1); });
      if (keywordRank) matching.sort(function (a, b) { return keywordRank.get(a.n) - keywordRank.get(b.n); });
      facets.forEach(function (f, fi) {
        var counts = f.inputs.map(function () { return 0; });
        honorees.forEach(function (h) {
          if (!passes(h, fi)) return;
          for (var v = 0; v < counts.length; v++) if (h.bits[fi] & (1 << v)) counts[v]++;
        });
        counts.forEach(function (c, v) {
          f.counts[v].textContent = c;
          f.inputs[v].parentNode.classList.toggle("hr-facet__option--empty", c === 0);
        });
      });
      list.textContent = "";
      shown = 0;
      showMore();
      list.hidden = matching.length === 0;
      var filtered = selected.some(function (m) { return m; }) || !!keywordRank;
      var checked = form.querySelectorAll("input[type=checkbox]:checked").length;
      active.textContent = checked ? "(" + checked + " đang chọn)" : "";
      clear.hidden = !filtered;
      if (!matching.length) status.textContent = "Không có gương điển hình nào phù hợp; hãy bỏ bớt lựa chọn.";
      else if (filtered) {
        status.textContent = matching.length + " trên " + honorees.length + " gương điển hình phù hợp với " +
          (keywordRank ? "từ khóa “" + keyword + "”" + (selected.some(function (m) { return m; }) ? " và bộ lọc." : ".") : "bộ lọc.");
      } else status.textContent = "Tất cả " + honorees.length + " gương điển hình.";
      jump.textContent = "Xem " + matching.length + " kết quả";
    }

    // On a phone the results are far below the filters: after a choice, a
    // button (kept in view at the bottom of the form) takes the reader there.
    function offerJump() {
      jump.hidden = !phone.matches;
    }

    form.addEventListener("change", function (e) {
      if (e.target === keywordBox) return;  // typing is handled as it happens
      readForm();
      history.pushState(null, "", location.pathname + query() + location.hash);
      render();
      offerJump();
    });
    var typing = null;
    keywordBox.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () {
        runKeyword(function () {
          history.replaceState(null, "", location.pathname + query() + location.hash);
          render();
          offerJump();
        });
      }, 150);
    });
    jump.addEventListener("click", function (e) {
      e.preventDefault();
      jump.hidden = true;
      status.focus();
      status.scrollIntoView({ block: "start" });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    clear.addEventListener("click", function () {
      facets.forEach(function (f) { f.inputs.forEach(function (i) { i.checked = false; }); });
      keywordBox.value = "";
      keyword = "";
      keywordRank = null;
      searches++;
      readForm();
      history.pushState(null, "", location.pathname + location.hash);
      render();
      if (facets.length && facets[0].inputs.length) facets[0].inputs[0].focus();
    });
    more.addEventListener("click", function () {
      var first = shown;
      if (showMore()) list.children[first].querySelector("a").focus();
    });
    window.addEventListener("popstate", function () {
      readUrl();
      runKeyword(render);
    });

    form.hidden = false;
    // On a phone the filters would push the list off the screen: start folded
    // unless the link already carries a choice.
    if (phone.matches && !location.search) panel.open = false;
    if (readUrl()) history.replaceState(null, "", location.pathname + query() + location.hash);
    render();
    if (keywordBox.value) runKeyword(render);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
