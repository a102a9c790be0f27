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
      fetch("/api/v1/search?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
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
            a.href = "/" + pad(e.code);
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
