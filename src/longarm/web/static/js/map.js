// The incident map: an offline basemap (country shapes from world-atlas) and clustered markers
// loaded from the GeoJSON API with the page's filters. No tile server: nothing leaves the site.
"use strict";

(function () {
  var element = document.getElementById("map");
  if (!element) { return; }
  var status = document.getElementById("map-status");
  var map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([35, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Country shapes: Natural Earth via world-atlas");

  // Shape key (ISO numeric code, or the name of a shape without one: Kosovo) -> [alpha-2 code, name shown].
  var countriesByKey = JSON.parse(element.dataset.countries || "{}");

  function countryOf(feature) {
    var name = feature.properties && feature.properties.name;
    return countriesByKey[feature.id != null ? String(feature.id).padStart(3, "0") : name] || null;
  }

  function countryUrl(code) {
    var url = new URL(element.dataset.countryUrl, window.location.origin);
    url.searchParams.append("country", code);
    return url.toString();
  }

  fetch(element.dataset.basemap).then(function (response) { return response.json(); }).then(function (world) {
    var countries = topojson.feature(world, world.objects.countries);
    L.geoJSON(countries, {
      style: function (feature) {
        var country = countryOf(feature);
        var code = country ? country[0] : "none";
        return { color: "#8a8f98", weight: 0.6, fillColor: "#e9ecef", fillOpacity: 1, className: "country country-" + code };
      },
      onEachFeature: function (feature, shape) {
        var country = countryOf(feature);
        if (!country) { return; }
        var code = country[0];
        shape.bindTooltip(escapeText(country[1]), { sticky: true });
        // A country click narrows the map (and its list link) to incidents that happened there.
        shape.on("click", function () { window.location.assign(countryUrl(code)); });
      }
    }).addTo(map).bringToBack();
    element.dataset.basemapReady = "1";
  });

  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  map.addLayer(clusters);

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text == null ? "" : String(text);
    return span.innerHTML;
  }

  fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var layer = L.geoJSON(collection, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, {
            radius: 7, weight: 1.5, color: "#7a1f1f", fillColor: "#c0392b", fillOpacity: 0.85,
            className: "incident-marker"
          });
        },
        onEachFeature: function (feature, marker) {
          var p = feature.properties;
          var when = p.date_text && p.date_text !== "—" ? p.date_text : "undated";
          marker.bindPopup(
            '<a dir="auto" href="' + encodeURI(p.url) + '">' + escapeText(p.title) + "</a><br>" +
            escapeText(when) + " · " + escapeText(p.tactic_label) + " · " + escapeText(p.country_name)
          );
          marker.bindTooltip(escapeText(p.title));
        }
      });
      clusters.addLayer(layer);
      var count = collection.features.length;
      element.dataset.markers = String(count);
      status.textContent = count + " incident" + (count === 1 ? "" : "s") + " on the map.";
      if (count > 0) { map.fitBounds(clusters.getBounds(), { maxZoom: 6, padding: [20, 20] }); }
    })
    .catch(function () { status.textContent = "The incidents could not be loaded."; });
})();
