/* Accessible names for the admin controls that scripts draw after the page loads.

   The server names every field it renders (a <label>, or an aria-label on a tabular
   inline's cells: casebase/core/admin.py). select2 (the autocomplete widgets) and
   Django's filter boxes build further controls in the browser; this names them from
   the original field, and keeps doing so as rows are added and selections change.
   Loaded on every admin page by templates/admin/base_site.html (CSP: no inline
   script). */
(function () {
    "use strict";

    // The name of a form control as the server gave it: its aria-label, else the
    // text of its <label> without the trailing colon.
    function fieldName(control) {
        if (!control) {
            return "";
        }
        var given = control.getAttribute("aria-label");
        if (given) {
            return given;
        }
        if (control.id) {
            var label = document.querySelector('label[for="' + CSS.escape(control.id) + '"]');
            if (label) {
                return label.textContent.trim().replace(/\s*:$/, "");
            }
        }
        return "";
    }

    // The <select> a select2 widget stands for. The selection box sits right after
    // its select; the dropdown (moved to <body> while open) names its results list
    // "select2-<select id>-results".
    function originalSelect(node) {
        var container = node.closest(".select2-container");
        if (container) {
            var previous = container.previousElementSibling;
            if (previous && previous.tagName === "SELECT") {
                return previous;
            }
        }
        var controls = node.getAttribute("aria-controls") || "";
        var match = /^select2-(.+)-results$/.exec(controls);
        return match ? document.getElementById(match[1]) : null;
    }

    function nameOnce(element, name) {
        if (name && !element.getAttribute("aria-label")) {
            element.setAttribute("aria-label", name);
        }
    }

    function fix(root) {
        if (!root.querySelectorAll) {
            return;
        }
        // A single select's box is a combobox labelled by its "textbox" showing the
        // choice; naming that textbox names both (the choice stays its value).
        root.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(function (el) {
            nameOnce(el, fieldName(originalSelect(el)));
        });
        root.querySelectorAll(".select2-selection--multiple[role=combobox]").forEach(function (el) {
            nameOnce(el, fieldName(originalSelect(el)));
        });
        root.querySelectorAll(".select2-search__field").forEach(function (el) {
            var name = fieldName(originalSelect(el));
            nameOnce(el, name && "Search " + name.charAt(0).toLowerCase() + name.slice(1));
        });
        // The "clear all" cross select2 puts inside the list of choices is for the
        // mouse (Backspace clears from the keyboard); hidden from assistive
        // technology, the list holds only its items.
        root.querySelectorAll(".select2-selection__rendered > .select2-selection__clear").forEach(function (el) {
            el.setAttribute("aria-hidden", "true");
        });
        // Date-and-time boxes in forms casebase does not build (Django's own user
        // admin): the field's label names neither box (casebase's admins name them
        // on the server).
        root.querySelectorAll("p.datetime").forEach(function (p) {
            var row = p.closest(".form-row, .fieldBox, .flex-container");
            var label = row && row.querySelector("label");
            var name = label ? label.textContent.trim().replace(/\s*:$/, "") : "";
            var boxes = p.querySelectorAll("input:not([type=hidden])");
            if (name && boxes.length === 2) {
                nameOnce(boxes[0], name + ": date");
                nameOnce(boxes[1], name + ": time");
            }
        });
        // The filter boxes' help icons carry an aria-label, which a plain <span> may
        // not: as an image their label is their text alternative.
        root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (el) {
            el.setAttribute("role", "img");
        });
    }

    // A row added to a tabular inline is a copy of the blank one, whose cells are
    // named "..., new <thing>": give it its number, as the server does for the rest.
    document.addEventListener("formset:added", function (event) {
        var row = event.target;
        var match = /-(\d+)$/.exec(row.id || "");
        if (!match) {
            return;
        }
        var number = Number(match[1]) + 1;
        row.querySelectorAll("[aria-label]").forEach(function (el) {
            var label = el.getAttribute("aria-label");
            el.setAttribute("aria-label", label.replace(/, new (.+)$/, ", $1 " + number));
        });
        fix(row);
    });

    // An open select2 box points at its list of results with aria-owns; ARIA 1.2
    // asks a combobox for aria-controls (axe aria-required-attr).
    function mirrorOwns(combobox) {
        var owns = combobox.getAttribute("aria-owns");
        if (owns) {
            combobox.setAttribute("aria-controls", owns);
        } else {
            combobox.removeAttribute("aria-controls");
        }
    }

    new MutationObserver(function (mutations) {
        mutations.forEach(function (mutation) {
            if (mutation.type === "attributes") {
                if (mutation.target.getAttribute("role") === "combobox") {
                    mirrorOwns(mutation.target);
                }
                return;
            }
            mutation.addedNodes.forEach(function (node) {
                if (node.nodeType === 1) {
                    fix(node.parentNode || node);
                }
            });
        });
    }).observe(document.documentElement, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ["aria-owns"],
    });
    fix(document);
})();
