// Small behaviours for every page. No inline scripts: the CSP allows only files from this site.
"use strict";

function setUpCopyButtons(root) {
  root.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.querySelector(button.dataset.copy);
      var status = button.parentElement.querySelector(".copied");
      var done = function () { if (status) { status.textContent = "Copied."; } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
      } else {
        field.select();
        document.execCommand("copy");
        done();
      }
    });
  });
}

// The filter drawer starts closed so phones see results first; wide screens open it. An HTMX update
// re-renders it, so its state from before the update is kept.
var wide = window.matchMedia("(min-width: 50rem)");
var drawerWasOpen = null;

function setUpDrawer() {
  var drawer = document.getElementById("filter-drawer");
  if (!drawer) { return; }
  drawer.open = drawerWasOpen === null ? wide.matches : drawerWasOpen;
}

document.addEventListener("DOMContentLoaded", function () { setUpCopyButtons(document); setUpDrawer(); });
document.addEventListener("htmx:beforeSwap", function () {
  var drawer = document.getElementById("filter-drawer");
  drawerWasOpen = drawer ? drawer.open : null;
});
document.addEventListener("htmx:afterSettle", function (event) { setUpCopyButtons(event.target); setUpDrawer(); });
