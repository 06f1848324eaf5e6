// rashomon dashboard map: Leaflet over GeoJSON from this server, no tile server (offline).
// Country outlines under clustered circle markers of the filtered events; popups are built
// with textContent only, never from HTML strings (event text is untrusted).
"use strict";

(function () {
  var STATUSES = ["single-source", "corroborated", "contested", "disputed", "discounted"];

  function statusClass(status) {
    // as charts.status_class: unknown statuses share one colour
    return STATUSES.indexOf(status) >= 0 ? status : "other";
  }

  function radius(best) {
    // as charts.marker_radius: circle area grows with the best estimate killed
    return Math.round((3 + 1.6 * Math.sqrt(Math.max(best || 0, 0))) * 10) / 10;
  }

  function killedText(p) {
    if (p.killed_best === null && p.killed_low === null) { return "killed: no figure"; }
    var best = p.killed_best === null ? "?" : String(p.killed_best);
    var range = p.killed_low !== p.killed_high ? " (range " + p.killed_low + "–" + p.killed_high + ")" : "";
    return "killed, best estimate " + best + range;
  }

  function placeText(p) {
    return [p.place_name, p.admin1 !== p.place_name ? p.admin1 : null, p.country]
      .filter(function (x) { return x; }).join(", ") || "?";
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "map-popup";
    function line(tag, text, cls) {
      var el = document.createElement(tag);
      el.textContent = text;
      if (cls) { el.className = cls; }
      box.appendChild(el);
      return el;
    }
    var date = p.date_start || "?";
    if (p.date_end && p.date_end !== p.date_start) { date += "–" + p.date_end; }
    line("strong", date + " · " + (p.sub_event_type || p.event_type || "event"));
    line("div", placeText(p));
    line("div", killedText(p));
    line("span", p.status || "?", "badge st-" + statusClass(p.status));
    var link = line("a", "event page →", "more");
    link.href = "/events/" + encodeURIComponent(p.event_id);
    return box;
  }

  function lightRows(id, on) {
    document.querySelectorAll('#events tr[data-event="' + CSS.escape(id) + '"]').forEach(function (el) {
      el.classList.toggle("hl", on);
    });
  }

  function outlineStyle(feature) {
    return feature.properties.kind === "provinces"
      ? {className: "province", interactive: false}
      : {className: "country c-" + feature.properties.iso3, interactive: false};
  }

  function addLabels(map, outlines) {
    // permanent tooltips at a point of each country: labels without a label tile layer
    outlines.features.forEach(function (f) {
      if (f.properties.kind !== "country" || !f.properties.label) { return; }
      var at = [f.properties.label[1], f.properties.label[0]];
      L.tooltip({permanent: true, direction: "center", className: "country-label", interactive: false})
        .setLatLng(at).setContent(f.properties.name).addTo(map);
    });
  }

  function getJSON(url) {
    return fetch(url, {headers: {Accept: "application/geo+json"}}).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  function init(host) {
    var e = host.dataset.extent.split(",").map(Number);
    var region = L.latLngBounds([e[1], e[0]], [e[3], e[2]]);
    var map = L.map(host, {attributionControl: false, zoomSnap: 0.25, minZoom: 2, maxZoom: 14});
    L.control.attribution({prefix: false}).addAttribution("Natural Earth · Leaflet").addTo(map);
    L.control.scale({imperial: false}).addTo(map);
    // a pane of its own below the markers' (overlayPane, z-index 400), whatever loads first
    map.createPane("outlines").style.zIndex = 350;
    map.fitBounds(region);
    var fit = document.getElementById("map-fit");
    var whole = document.getElementById("map-region");
    whole.hidden = false;
    whole.addEventListener("click", function () { map.fitBounds(region); });

    getJSON(host.dataset.outlines).then(function (outlines) {
      L.geoJSON(outlines, {style: outlineStyle, pane: "outlines"}).addTo(map);
      addLabels(map, outlines);
    }).catch(function (err) { host.dataset.outlinesError = String(err); });

    getJSON(host.dataset.events).then(function (data) {
      var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40,
                                          spiderfyOnMaxZoom: true, chunkedLoading: true});
      data.features.forEach(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var m = L.circleMarker([c[1], c[0]], {radius: radius(p.killed_best), weight: 1,
                                              className: "marker st-" + statusClass(p.status)});
        m.bindPopup(popup(p));
        m.bindTooltip(placeText(p) + " · " + (p.date_start || "?"));
        // dashboard.js lights every [data-event] of a hovered list row: the circle is one of
        // them whenever it is drawn (not inside a cluster)
        m.on("add", function () { m.getElement().setAttribute("data-event", p.event_id); });
        m.on("mouseover mouseout", function (ev) { lightRows(p.event_id, ev.type === "mouseover"); });
        cluster.addLayer(m);
      });
      cluster.addTo(map);
      host.dataset.count = String(data.features.length);
      host.dataset.loaded = "true";  // tests and scripts wait for this
      if (data.features.length) {
        fit.hidden = false;
        fit.addEventListener("click", function () {
          map.fitBounds(cluster.getBounds(), {padding: [24, 24], maxZoom: 10});
        });
      }
    }).catch(function (err) { host.dataset.eventsError = String(err); host.dataset.loaded = "error"; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var host = document.getElementById("map");
    if (host && window.L && L.markerClusterGroup) { init(host); }
  });
})();
