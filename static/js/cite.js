// Progressive enhancement: the OSCOLA citation is on the page as text; this adds a
// button that copies it to the clipboard.
(function () {
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain HTTP (a local server): copy through a temporary text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  document.querySelectorAll("[data-cite-box]").forEach(function (box) {
    var button = box.querySelector("button[data-copy-target]");
    var status = box.querySelector(".cite-status");
    var source = button && document.getElementById(button.getAttribute("data-copy-target"));
    if (!button || !source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(source.textContent.trim()).then(
        function () { status.textContent = "Copied."; },
        function () { status.textContent = "Could not copy: select the citation and copy it."; }
      );
    });
  });
})();
