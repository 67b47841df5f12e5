// Charts of incidents per year (Vega-Lite specs from the API). A click on a bar opens the list
// filtered to that year and group. Vega runs with its expression interpreter, not `new Function`,
// so the page works under a CSP without 'unsafe-eval'.
"use strict";

(function () {
  document.querySelectorAll(".chart[data-spec]").forEach(function (element) {
    fetch(element.dataset.spec, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (spec) {
        var param = spec.usermeta && spec.usermeta.param;
        return vegaEmbed(element, spec, {
          actions: false, renderer: "svg", ast: true, expr: vega.expressionInterpreter, defaultStyle: false,
          tooltip: { disableDefaultStyle: true }  // its <style> element would break the CSP; app.css styles it
        }).then(function (result) {
          element.dataset.rendered = "true";
          result.view.addEventListener("click", function (_event, item) {
            if (!item || !item.datum || item.datum.year === undefined) { return; }
            var url = new URL(element.dataset.list, window.location.origin);
            url.searchParams.set("year_from", item.datum.year);
            url.searchParams.set("year_to", item.datum.year);
            if (param && item.datum.group && item.datum.group !== "unknown") {
              url.searchParams.delete(param);
              url.searchParams.append(param, item.datum.group);
            }
            window.location.assign(url.toString());
          });
        });
      })
      .catch(function (error) {
        element.textContent = "The chart could not be drawn.";
        element.dataset.error = String(error);
      });
  });
})();
