// Swagger UI for the JSON API, from the vendored bundle.
"use strict";

window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("swagger-ui");
  if (!element) { return; }
  window.ui = SwaggerUIBundle({
    url: element.dataset.url,
    domNode: element,
    // Deep links put a link inside each operation's toggle button (nested controls, an axe violation).
    deepLinking: false,
    validatorUrl: null,
    tryItOutEnabled: false
  });
});
