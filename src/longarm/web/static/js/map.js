// The incident map: an offline basemap (country shapes from world-atlas) and markers loaded from
// the GeoJSON API with the page's filters, for the view and zoom shown: the server counts crowded
// places as clusters, so 100,000 incidents never travel at once. No tile server: nothing leaves the site.
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

  // Incidents of a sparse place; several at one spot (a city's) open like a fan when selected.
  var incidents = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  // Crowded places at this zoom, counted by the server: one marker each.
  var crowded = L.layerGroup();
  map.addLayer(crowded);
  map.addLayer(incidents);

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text == null ? "" : String(text);
    return span.innerHTML;
  }

  function incidentMarker(feature, latlng) {
    var p = feature.properties;
    var when = p.date_text && p.date_text !== "—" ? p.date_text : "undated";
    var marker = L.circleMarker(latlng, {
      radius: 7, weight: 1.5, color: "#7a1f1f", fillColor: "#c0392b", fillOpacity: 0.85,
      className: "incident-marker"
    });
    marker.bindPopup(
      '<a dir="auto" href="' + encodeURI(p.url) + '">' + escapeText(p.title) + "</a><br>" +
      escapeText(when) + " · " + escapeText(p.tactic_label) + " · " + escapeText(p.country_name)
    );
    marker.bindTooltip(escapeText(p.title));
    return marker;
  }

  function clusterMarker(feature, latlng) {
    var p = feature.properties;
    var size = p.count < 100 ? "small" : p.count < 1000 ? "medium" : "large";
    var marker = L.marker(latlng, {
      icon: L.divIcon({
        html: "<div><span>" + p.count + "</span></div>",
        className: "marker-cluster marker-cluster-" + size + " incident-cluster",
        iconSize: L.point(40, 40)
      }),
      title: p.count + " incidents",
      keyboard: true
    });
    // Selecting a cluster zooms to the incidents it holds; the server then splits it.
    marker.on("click", function () {
      var b = p.bounds;
      var bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(latlng, Math.min(map.getMaxZoom(), map.getZoom() + 3));
      } else {
        map.fitBounds(bounds, { padding: [20, 20] });
      }
    });
    return marker;
  }

  var asked = 0;
  var fitted = false;

  function load() {
    var url = new URL(element.dataset.geojson, window.location.origin);
    url.searchParams.set("zoom", String(map.getZoom()));
    if (fitted) { url.searchParams.set("bbox", map.getBounds().toBBoxString()); }
    var mine = ++asked;
    fetch(url.toString(), { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        if (mine !== asked) { return; }  // the view moved on while this answer travelled
        crowded.clearLayers();
        incidents.clearLayers();
        var count = 0;
        collection.features.forEach(function (feature) {
          var c = feature.geometry.coordinates;
          var latlng = L.latLng(c[1], c[0]);
          if (feature.properties.cluster) {
            crowded.addLayer(clusterMarker(feature, latlng));
            count += feature.properties.count;
          } else {
            incidents.addLayer(incidentMarker(feature, latlng));
            count += 1;
          }
        });
        element.dataset.markers = String(count);
        status.textContent = count + " incident" + (count === 1 ? "" : "s") + " in view.";
        if (!fitted) {
          // The first answer covers the world: frame what it holds, and ask again for that view.
          fitted = true;
          var layers = crowded.getLayers().concat(incidents.getLayers());
          if (layers.length > 0) {
            map.fitBounds(L.featureGroup(layers).getBounds(), { maxZoom: 6, padding: [20, 20] });
          }
        }
      })
      .catch(function () { status.textContent = "The incidents could not be loaded."; });
  }

  map.on("moveend", function () { if (fitted) { load(); } });
  load();
})();
