// httpstatus: search as you type, "/" to search, copy buttons.
// The pages work without this file; it only adds to them.
"use strict";

(function () {
  function debounce(fn, ms) {
    let t;
    return function () {
      const args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function pad(code) {
    return String(code).padStart(3, "0");
  }

  // search returns the ranked entries for q: from /api/v1/search, or from
  // window.httpstatusSearch where the page provides it (the static export
  // runs the library's search there, compiled to WebAssembly).
  function search(q, limit) {
    if (typeof window.httpstatusSearch === "function") return window.httpstatusSearch(q, limit);
    return fetch("/api/v1/search?limit=" + limit + "&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; });
  }

  // href is the link to a page of the site: its path, or what
  // window.httpstatusHref makes of it (the export's relative links).
  function href(path) {
    return typeof window.httpstatusHref === "function" ? window.httpstatusHref(path) : path;
  }

  // Live results: fetch the ranked entries and list them under the box,
  // with textContent only.
  function live(input) {
    const list = document.getElementById(input.dataset.live);
    if (!list) return;
    let seq = 0;
    const clear = function () {
      list.replaceChildren();
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    };
    const run = debounce(function () {
      const q = input.value.trim();
      const mine = ++seq;
      if (q === "") { clear(); return; }
      search(q, 8)
        .then(function (entries) {
          if (mine !== seq) return; // a newer query is on its way
          list.replaceChildren();
          if (!Array.isArray(entries) || entries.length === 0) {
            const li = document.createElement("li");
            li.className = "empty";
            li.textContent = "Nothing found; press Enter for the full search.";
            list.appendChild(li);
          }
          (entries || []).forEach(function (e) {
            const li = document.createElement("li");
            const a = document.createElement("a");
            a.href = href("/" + pad(e.code));
            const code = document.createElement("span");
            code.className = "code";
            code.textContent = pad(e.code);
            a.appendChild(code);
            a.appendChild(document.createTextNode(e.name));
            if (e.vendor) {
              const v = document.createElement("span");
              v.className = "vendor";
              v.textContent = e.vendor;
              a.appendChild(v);
            }
            if (e.matched) {
              const m = document.createElement("span");
              m.className = "matched";
              m.textContent = e.matched.product + " " + e.matched.kind + ": " + e.matched.text;
              a.appendChild(m);
            }
            if (e.situation) {
              const s = document.createElement("span");
              s.className = "matched";
              s.textContent = "Situation: " + e.situation.title;
              a.appendChild(s);
            }
            li.appendChild(a);
            list.appendChild(li);
          });
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        })
        .catch(function () { /* the form still works */ });
    }, 120);
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") clear();
      if (ev.key === "ArrowDown" && !list.hidden) {
        const first = list.querySelector("a");
        if (first) { ev.preventDefault(); first.focus(); }
      }
    });
    list.addEventListener("keydown", function (ev) {
      const links = Array.prototype.slice.call(list.querySelectorAll("a"));
      const i = links.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && i >= 0 && i < links.length - 1) { ev.preventDefault(); links[i + 1].focus(); }
      if (ev.key === "ArrowUp" && i >= 0) { ev.preventDefault(); (i === 0 ? input : links[i - 1]).focus(); }
      if (ev.key === "Escape") { clear(); input.focus(); }
    });
    if (input.value.trim() !== "" && input === document.activeElement) run();
  }

  document.querySelectorAll("input[data-live]").forEach(live);

  // "/" focuses the search box, unless the user is typing somewhere.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const box = document.getElementById("q") || document.querySelector("input[type=search]");
    if (box) { ev.preventDefault(); box.focus(); box.select(); }
  });

  // The decision guide (/choose): every step is a page of its own and its
  // answers are links; here the next page replaces the current one without a
  // full load, and the keys 1-9 pick an answer and b goes back.
  function isGuideLink(a) {
    return a && a.origin === location.origin && /^\/choose(\/|$)/.test(a.pathname);
  }
  function showGuide(url, push) {
    return fetch(url, { headers: { Accept: "text/html" } })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      })
      .then(function (html) {
        const doc = new DOMParser().parseFromString(html, "text/html");
        const next = doc.querySelector("main");
        const main = document.querySelector("main");
        if (!next || !main) throw new Error("no main");
        main.replaceChildren.apply(main, Array.prototype.map.call(next.childNodes, function (n) { return document.importNode(n, true); }));
        document.title = doc.title;
        if (push) history.pushState({ guide: true }, "", url);
        const h1 = main.querySelector("h1");
        if (h1) h1.focus();
      })
      .catch(function () { location.href = url; });
  }
  if (document.querySelector("[data-choose]")) {
    history.replaceState({ guide: true }, "");
  }
  document.addEventListener("click", function (ev) {
    const a = ev.target.closest && ev.target.closest("a");
    if (!a || !a.closest("[data-choose]") || !isGuideLink(a)) return;
    if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    showGuide(a.href, true);
  });
  window.addEventListener("popstate", function (ev) {
    if (ev.state && ev.state.guide) showGuide(location.href, false);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !/^[1-9b]$/.test(ev.key)) return;
    const t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const a = document.querySelector('[data-choose] a[data-key="' + ev.key + '"]');
    if (a) { ev.preventDefault(); a.click(); }
  });

  // Copy buttons, shown only when the clipboard can be used.
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("button.copy[data-copy]").forEach(function (b) {
      b.hidden = false;
      b.setAttribute("aria-label", "Copy " + b.dataset.copy);
      b.addEventListener("click", function () {
        navigator.clipboard.writeText(b.dataset.copy).then(function () {
          b.textContent = "Copied";
          setTimeout(function () { b.textContent = "Copy"; }, 1500);
        });
      });
    });
  }
})();
