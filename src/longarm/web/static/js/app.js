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

document.addEventListener("DOMContentLoaded", function () { setUpCopyButtons(document); });
document.addEventListener("htmx:afterSettle", function (event) { setUpCopyButtons(event.target); });
