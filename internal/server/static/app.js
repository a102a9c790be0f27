// httpstatus: search as you type, "/" to search, the decision guide, copy
// buttons and the try-it panel.
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

  function pad(code) {
    return String(code).padStart(3, "0");
  }

  // site-ui: search as you type. The box is an ARIA 1.2 combobox: the
  // focus stays in the box while the arrow keys move the active option
  // (aria-activedescendant), so every key typed still reaches the box.
  // Enter opens the active option, or submits the form: /search sends an
  // exact code or class to its page. The ranking is the server's.
  function live(input) {
    const list = document.getElementById(input.dataset.live);
    const count = document.getElementById("live-count");
    const form = input.form;
    if (!list || !form) return;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    let seq = 0;
    let active = -1;
    const options = function () {
      return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    };
    const announce = function (text) {
      if (count) count.textContent = text;
    };
    const setActive = function (i) {
      const opts = options();
      opts.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0 && opts[i]) {
        input.setAttribute("aria-activedescendant", opts[i].id);
        opts[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };
    const close = function () {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    };
    const clear = function () {
      seq++;
      list.replaceChildren();
      close();
      announce("");
    };
    const open = function () {
      if (list.childElementCount === 0) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    };
    const option = function (e, i) {
      const li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.href = href("/" + pad(e.code));
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = pad(e.code);
      li.appendChild(code);
      li.appendChild(document.createTextNode(e.name));
      if (e.vendor) {
        const v = document.createElement("span");
        v.className = "vendor";
        v.textContent = e.vendor;
        li.appendChild(v);
      }
      const why = e.matched ? e.matched.product + " " + e.matched.kind + ": " + e.matched.text
        : e.situation ? "Situation: " + e.situation.title : "";
      if (why) {
        const m = document.createElement("span");
        m.className = "matched";
        m.textContent = why;
        li.appendChild(m);
      }
      return li;
    };
    const run = debounce(function () {
      const q = input.value.trim();
      const mine = ++seq;
      if (q === "") { clear(); return; }
      search(q, 8)
        .then(function (entries) {
          if (mine !== seq) return; // a newer query is on its way
          if (!Array.isArray(entries)) entries = [];
          list.replaceChildren.apply(list, entries.map(option));
          setActive(-1);
          if (entries.length === 0) {
            const li = document.createElement("li");
            li.className = "empty";
            li.setAttribute("role", "presentation");
            li.textContent = "Nothing found; press Enter for the full search.";
            list.appendChild(li);
          }
          announce(entries.length === 0 ? "No suggestions." :
            entries.length + (entries.length === 1 ? " suggestion" : " suggestions") + "; use the up and down arrow keys to choose.");
          if (document.activeElement === input) open();
        })
        .catch(function () { /* the form still works */ });
    }, 150);
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (ev) {
      const opts = options();
      switch (ev.key) {
        case "ArrowDown":
          if (list.hidden) { open(); if (!list.hidden) ev.preventDefault(); return; }
          if (opts.length) { ev.preventDefault(); setActive(active + 1 >= opts.length ? 0 : active + 1); }
          return;
        case "ArrowUp":
          if (!list.hidden && opts.length) { ev.preventDefault(); setActive(active <= 0 ? opts.length - 1 : active - 1); }
          return;
        case "Enter":
          if (!list.hidden && active >= 0 && opts[active]) {
            ev.preventDefault();
            location.href = opts[active].dataset.href;
          }
          return; // otherwise the form is submitted
        case "Escape":
          if (!list.hidden) { ev.preventDefault(); close(); }
          return;
      }
    });
    input.addEventListener("focus", function () { if (input.value.trim() !== "") open(); });
    // A click on an option opens it; pointerdown keeps the focus in the box.
    list.addEventListener("pointerdown", function (ev) { ev.preventDefault(); });
    list.addEventListener("click", function (ev) {
      const o = ev.target.closest("[role=option]");
      if (o) location.href = o.dataset.href;
    });
    // The list closes when the focus leaves the box (Tab, a click
    // elsewhere): a click on an option does not take the focus.
    document.addEventListener("pointerdown", function (ev) {
      if (!form.contains(ev.target)) close();
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-live]").forEach(live);

  // The "/" shortcut is offered where there is a keyboard to press it on.
  const keyboard = window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches;
  if (keyboard) {
    document.querySelectorAll("[data-keyboard-hint]").forEach(function (h) { h.hidden = false; });
    const small = document.querySelector("header .search input[type=search]");
    if (small) small.placeholder = "Search codes (press /)";
  }

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

  // site-ui: copy buttons, shown only when the clipboard can be used. The
  // confirmation is said through a live region, since a button's label
  // changing under the focus is not announced.
  const canCopy = !!(navigator.clipboard && window.isSecureContext);
  let said = null;
  const say = function (text) {
    if (!said) {
      said = document.createElement("p");
      said.className = "visually-hidden";
      said.setAttribute("role", "status");
      said.setAttribute("aria-live", "polite");
      document.body.appendChild(said);
    }
    said.textContent = "";
    setTimeout(function () { said.textContent = text; }, 50);
  };
  const copyButton = function (b, text) {
    b.addEventListener("click", function () {
      const value = typeof text === "function" ? text() : text;
      navigator.clipboard.writeText(value).then(function () {
        const label = b.textContent;
        b.textContent = "Copied";
        say("Copied " + (b.dataset.copyLabel || value) + " to the clipboard.");
        setTimeout(function () { b.textContent = label; }, 1500);
      }, function () { say("Copying failed; select the text and copy it by hand."); });
    });
  };
  if (canCopy) {
    document.querySelectorAll("button.copy[data-copy]").forEach(function (b) {
      b.hidden = false;
      if (!b.dataset.copyLabel) b.setAttribute("aria-label", "Copy " + b.dataset.copy);
      copyButton(b, b.dataset.copy);
    });
    // An example's button copies the text of its block.
    document.querySelectorAll("button.copy[data-copy-from]").forEach(function (b) {
      const from = document.getElementById(b.dataset.copyFrom);
      if (!from) return;
      b.hidden = false;
      copyButton(b, function () { return from.textContent; });
    });
  }

  // site-ui: the try-it panel sends a request to the test endpoint and
  // shows what came back: status line, headers, content. What a page
  // cannot see (interim responses, a redirect's headers) it says, and the
  // curl command shows it all.
  document.querySelectorAll("[data-try]").forEach(function (panel) {
    const url = panel.dataset.try;
    const absolute = location.origin + url;
    const kind = panel.dataset.kind || "";
    const curl = panel.querySelector("[data-try-curl]");
    const send = panel.querySelector("[data-try-send]");
    const note = panel.querySelector("[data-try-note]");
    const out = panel.querySelector("[data-try-out]");
    const status = panel.querySelector("[data-try-status]");
    const code = panel.dataset.code;
    const name = panel.dataset.name;
    let command = "curl -i " + absolute;
    if (kind === "upgrade") command = "curl -i -H 'Connection: Upgrade' -H 'Upgrade: websocket' " + absolute;
    if (curl) curl.textContent = command;
    const copy = panel.querySelector("[data-try-copy]");
    if (copy) {
      copy.hidden = !canCopy;
      if (canCopy) copyButton(copy, function () { return command; });
    }
    panel.hidden = false;
    const tell = function (text) {
      note.textContent = text;
      note.hidden = text === "";
    };
    const show = function (lines) {
      out.querySelector("code").textContent = lines;
      out.hidden = false;
    };
    if (kind === "none") {
      send.hidden = true;
      tell(code + " is not a status a server sends: it is what a client writes down when no response came at all. There is nothing to request.");
      panel.querySelector(".tryit-curl").hidden = true;
      return;
    }
    if (kind === "upgrade") {
      send.hidden = true;
      tell("A page cannot ask for 101: fetch may not send Connection or Upgrade. Run the command below, which asks to switch to WebSocket; the endpoint answers 101 and closes the connection.");
      return;
    }
    send.addEventListener("click", function () {
      send.disabled = true;
      status.textContent = "Sending…";
      fetch(url + (panel.dataset.tryQuery || ""), { redirect: "manual", credentials: "omit", cache: "no-store" })
        .then(function (r) {
          if (r.type === "opaqueredirect") {
            tell("The endpoint answered " + code + " " + name + " with a Location header. A browser hides a redirect from the page that asked for it, so its headers and content cannot be shown here; the curl command shows them.");
            show(code + " " + name + "\n\n(headers and content hidden by the browser)");
            status.textContent = "Received a redirect: " + code + " " + name + ".";
            return;
          }
          return r.text().then(function (body) {
            const lines = [r.status + " " + (r.statusText || name)];
            r.headers.forEach(function (value, key) { lines.push(key + ": " + value); });
            let text = lines.join("\n") + "\n\n" + (body === "" ? "(no content)" : body.replace(/\n$/, ""));
            let said = "";
            if (r.statusText && r.statusText !== name) said = "The reason phrase “" + r.statusText + "” is the server's own label; the catalogue calls " + code + " “" + name + "”. Clients go by the number.";
            if (kind === "interim") said = "The endpoint sent " + code + " " + name + " first, then this final response. Browsers keep interim responses from pages; the curl command shows both.";
            if (panel.dataset.tryQuery) said = "The panel asks for a Bearer challenge (?header=), which browsers do not answer with a login dialog; curl gets the endpoint's own Basic challenge.";
            tell(said);
            show(text);
            status.textContent = "Received " + r.status + " " + (r.statusText || name) + ".";
          });
        })
        .catch(function () {
          tell("The browser refused to hand this response to the page (it does so with some codes, such as 407 from a server that is not a proxy). The curl command shows what the endpoint sends.");
          out.hidden = true;
          status.textContent = "The browser refused the response.";
        })
        .finally(function () { send.disabled = false; });
    });
  });
})();
