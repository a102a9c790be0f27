// httpstatus, static export: the search as you type runs the library's own
// search compiled to WebAssembly (static/search.wasm), loaded on first use,
// instead of asking /api/v1/search. app.js calls window.httpstatusSearch and
// window.httpstatusHref when they exist.
"use strict";

(function () {
  // This file is ROOT/static/export.js, so ROOT is one directory up: the
  // export works from a host's root or from any sub-path.
  const me = document.currentScript;
  const root = me ? new URL("..", me.src).href : new URL("./", location.href).href;

  let ready = null;
  function load() {
    if (ready) return ready;
    ready = new Promise(function (resolve, reject) {
      const s = document.createElement("script");
      s.src = root + "static/wasm_exec.js";
      s.onload = resolve;
      s.onerror = function () { reject(new Error("wasm_exec.js did not load")); };
      document.head.appendChild(s);
    }).then(function () {
      return fetch(root + "static/search.wasm");
    }).then(function (r) {
      if (!r.ok) throw new Error("search.wasm: " + r.status);
      return r.arrayBuffer();
    }).then(function (buf) {
      const go = new Go();
      return WebAssembly.instantiate(buf, go.importObject).then(function (res) {
        go.run(res.instance); // runs main until it waits, having set httpstatusWasmSearch
      });
    });
    ready.catch(function () { ready = null; }); // try again on the next query
    return ready;
  }

  // The same JSON array as GET /api/v1/search?q=&limit=, parsed.
  window.httpstatusSearch = function (q, limit) {
    return load().then(function () {
      return JSON.parse(window.httpstatusWasmSearch(String(q), limit || 10));
    });
  };

  // A page of the site ("/404") as a link in the export ("ROOT/404/").
  window.httpstatusHref = function (path) {
    const p = String(path).replace(/^\//, "");
    return root + (p === "" || p.endsWith("/") ? p : p + "/");
  };

  // The search page cannot search on a static host; with ?q= it fills the
  // box and shows the live results instead.
  const q = new URLSearchParams(location.search).get("q");
  const box = document.querySelector("input[data-live]");
  if (q && box && box.value === "") {
    box.value = q;
    box.dispatchEvent(new Event("input"));
  }
})();
