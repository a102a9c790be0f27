// The table of contents of a page (issue 13): on a wide screen, where the
// stylesheet shows it beside the text anyway, it is kept open so that
// assistive technology reports it as expanded; on a narrow screen it starts
// collapsed above the text and the reader opens it.
(function () {
  "use strict";
  var toc = document.querySelector(".toc details");
  if (!toc || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 56rem)");
  function sync() {
    toc.open = wide.matches;
  }
  sync();
  if (wide.addEventListener) {
    wide.addEventListener("change", sync);
  }
  toc.addEventListener("toggle", function () {
    if (wide.matches && !toc.open) {
      toc.open = true;
    }
  });
})();
