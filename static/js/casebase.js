// Progressive enhancement only: every page works without this file.
// On narrow screens, fold the dispute filters away unless some are in use.
(function () {
  var narrow = window.matchMedia("(max-width: 52rem)");
  document.querySelectorAll("details[data-collapse-narrow]").forEach(function (el) {
    if (narrow.matches && !el.hasAttribute("data-keep-open")) {
      el.removeAttribute("open");
    }
  });
})();
