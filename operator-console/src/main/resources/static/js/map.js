// Live map: GeoJSON layers served by the console (no tile server, no CDN), live updates by server-sent events.
(function () {
  var el = document.getElementById('map');
  var t = el.dataset;
  var csrf = document.querySelector('meta[name="_csrf"]');
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]');
  var map = L.map('map', { zoomControl: true, keyboard: true, preferCanvas: false }).setView([50.8705, 20.628], 14);
  map.attributionControl.addAttribution('City pack: cities/kielce (illustrative)');
  var stageColours = { 'stage-1': '#c62828', 'stage-2': '#ef6c00', 'stage-3': '#f9a825' };
  var layers = {};
  var control = L.control.layers(null, null, { collapsed: false }).addTo(map);

  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  window.mapErrors = [];
  function failed(e) { window.mapErrors.push(String(e && e.stack || e)); if (window.console) { console.error(e); } }
  function get(url) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/geo+json, application/json;q=0.9' } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ': HTTP ' + r.status); } return r.json(); });
  }

  function zoneStyle(f) {
    var stages = f.properties.stages || [];
    var c = stageColours[stages[0]] || '#546e7a';
    return { color: c, weight: 2, fillColor: c, fillOpacity: 0.08, dashArray: stages.length ? null : '4 4', className: 'zone' };
  }
  function cameraLayer(fc) {
    return L.geoJSON(fc, {
      pointToLayer: function (f, ll) {
        var n = f.properties.passagesLastHour || 0;
        return L.circleMarker(ll, { radius: 6 + Math.min(10, Math.sqrt(n) / 2), color: '#0b4f9c', weight: 2, fillColor: '#5c9ce6', fillOpacity: 0.8 });
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.bindPopup('<strong>' + esc(p.name) + '</strong><br>' + esc(p.id) + '<br>' + esc(t.i18nPassages) + ': ' + esc(p.passagesLastHour));
        l.bindTooltip(esc(p.name));
      }
    });
  }
  function vehicleLayer(fc) {
    return L.geoJSON(fc, {
      pointToLayer: function (f, ll) {
        var d = f.properties.delaySeconds;
        var late = d != null && d > 180;
        return L.circleMarker(ll, { radius: 5, color: '#111', weight: 1, fillColor: late ? '#c62828' : '#2e7d32', fillOpacity: 0.95 });
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.bindPopup(esc(p.routeId) + ' · ' + esc(p.id) + '<br>' + esc(t.i18nDelay) + ': ' + (p.delaySeconds == null ? '—' : Math.round(p.delaySeconds / 60) + ' min'));
      }
    });
  }
  // Intersections: colour = the highest degree of saturation x of their approaches' latest flows (grey: no flow data in
  // the last 30 min), dashed ring = a proposed plan waits for approval. Corridors are dashed lines.
  function dosClass(x) { return x == null ? 'xnone' : x < 0.6 ? 'x0' : x < 0.85 ? 'x1' : x < 1 ? 'x2' : 'x3'; }
  var dosColours = { xnone: '#9e9e9e', x0: '#2e7d32', x1: '#f9a825', x2: '#ef6c00', x3: '#b71c1c' };
  var intersectionMarkers = {};
  var openIntersection = null;
  function planText(plan) {
    if (!plan) { return '—'; }
    var src = { approved: t.i18nPlanApproved, 'signal-timing': t.i18nPlanJob, shipped: t.i18nPlanShipped }[plan.source] || plan.source;
    var phases = (plan.phases || []).map(function (ph) { return esc(ph.id) + ' ' + esc(ph.greenSeconds) + ' s'; }).join(' · ');
    return esc(t.i18nCycle) + ' ' + esc(plan.cycleSeconds) + ' s' + (plan.offsetSeconds ? ', ' + esc(t.i18nOffset) + ' ' + esc(plan.offsetSeconds) + ' s' : '')
      + (phases ? '<br><small>' + phases + '</small>' : '') + '<br><small class="muted">' + esc(src) + (plan.planId ? ' · ' + esc(plan.planId) : '') + '</small>';
  }
  function intersectionPopup(p) {
    var h = '<strong>' + esc(p.name || p.id) + '</strong> <small class="muted">' + esc(p.id) + '</small>';
    h += '<br><b>' + esc(t.i18nPlan) + ':</b> ' + planText(p.plan);
    if (p.proposal) {
      h += '<br><b>' + esc(t.i18nProposal) + ':</b> ' + esc(t.i18nCycle) + ' ' + esc(p.proposal.cycleSeconds) + ' s'
        + (p.proposal.expectedDelayChangePercent != null ? ', ' + esc(t.i18nExpectedChange) + ' ' + esc(p.proposal.expectedDelayChangePercent) + ' %' : '')
        + '<br><small>' + (p.proposal.phases || []).map(function (ph) { return esc(ph.id) + ' ' + esc(ph.greenSeconds) + ' s'; }).join(' · ') + '</small>'
        + '<br>' + esc(t.i18nWaiting) + ': ' + esc(p.proposalsWaiting) + ' · <a href="/signals">' + esc(t.i18nOpenPlans) + '</a>';
    } else {
      h += '<br><small class="muted">' + esc(t.i18nNoProposal) + '</small>';
    }
    var flows = p.flows || [];
    if (flows.length) {
      h += '<table class="ix-flows"><caption>' + esc(t.i18nFlows) + ' (' + esc(new Date(p.flowsAt).toLocaleTimeString()) + ')</caption>'
        + '<thead><tr><th scope="col">' + esc(t.i18nApproach) + '</th><th scope="col">' + esc(t.i18nFlowVph) + '</th><th scope="col">x</th></tr></thead><tbody>';
      flows.forEach(function (f) {
        h += '<tr><td>' + esc(f.approach) + (f.source === 'camera' ? ' (ANPR)' : '') + '</td><td class="num">' + esc(f.flowVehPerHour)
          + ' / ' + esc(f.capacityVehPerHour) + '</td><td class="num ' + dosClass(f.degreeOfSaturation) + '" title="' + esc(t.i18nDos) + '">'
          + esc(f.degreeOfSaturation.toFixed(2)) + '</td></tr>';
      });
      h += '</tbody></table>';
    } else {
      h += '<br><small class="muted">' + esc(t.i18nNoFlows) + '</small>';
    }
    return h;
  }
  function intersectionLayer(fc) {
    intersectionMarkers = {};
    return L.geoJSON(fc, {
      style: function () { return { color: '#6a1b9a', weight: 3, opacity: 0.6, dashArray: '6 6', className: 'corridor' }; },
      pointToLayer: function (f, ll) {
        var p = f.properties;
        var c = dosColours[dosClass(p.maxDegreeOfSaturation)];
        return L.circleMarker(ll, { radius: 9, color: p.proposalsWaiting ? '#4a148c' : '#212121', weight: p.proposalsWaiting ? 4 : 2,
          dashArray: p.proposalsWaiting ? '3 3' : null, fillColor: c, fillOpacity: 0.95, className: 'intersection ix-' + dosClass(p.maxDegreeOfSaturation) });
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        if (p.kind === 'corridor') { l.bindPopup('<strong>' + esc(p.name) + '</strong><br>' + esc((p.intersections || []).join(' → '))); return; }
        l.bindPopup(intersectionPopup(p), { maxWidth: 420 });
        l.bindTooltip(esc(p.name || p.id) + (p.maxDegreeOfSaturation != null ? ' · x ' + esc(p.maxDegreeOfSaturation.toFixed(2)) : ''));
        l.on('popupopen', function () { openIntersection = p.id; });
        l.on('popupclose', function () { if (openIntersection === p.id) { openIntersection = null; } });
        intersectionMarkers[p.id] = l;
      }
    });
  }
  function showIntersection(id) {
    var m = intersectionMarkers[id];
    if (!m) { return; }
    map.panTo(m.getLatLng());
    m.openPopup();
    var link = document.querySelector('.leaflet-popup-content a') || document.querySelector('.leaflet-popup-close-button');
    if (link) { link.focus(); }
  }
  function renderIntersections(fc) {
    var ul = document.getElementById('intersection-list');
    if (!ul) { return; }
    ul.innerHTML = '';
    fc.features.filter(function (f) { return f.properties.kind !== 'corridor'; }).forEach(function (f) {
      var p = f.properties;
      var li = document.createElement('li');
      li.dataset.intersection = p.id;
      var b = document.createElement('button');
      b.type = 'button'; b.className = 'ix-btn';
      var x = p.maxDegreeOfSaturation;
      var parts = [p.name || p.id];
      parts.push(x == null ? t.i18nNoFlows : 'x ' + x.toFixed(2));
      if (p.plan && p.plan.cycleSeconds != null) { parts.push(t.i18nCycle + ' ' + p.plan.cycleSeconds + ' s'); }
      if (p.proposalsWaiting) { parts.push(t.i18nWaiting + ': ' + p.proposalsWaiting); }
      b.textContent = parts.join(' · ');
      var sw = document.createElement('i'); sw.className = 'swatch sw-' + dosClass(x); sw.setAttribute('aria-hidden', 'true');
      b.addEventListener('click', function () { showIntersection(p.id); });
      li.appendChild(sw); li.appendChild(b);
      ul.appendChild(li);
    });
  }
  // Live updates keep the user's place: while an intersection's popup is open the layer is not redrawn (the popup
  // would close under a keyboard user), and focus on a list button moves to its redrawn twin.
  function updateIntersections(fc) {
    if (!openIntersection) { replace('intersections', intersectionLayer(fc), 'Intersections / skrzyżowania'); }
    var focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('#intersection-list li');
    renderIntersections(fc);
    if (focused) {
      var again = document.querySelector('#intersection-list li[data-intersection="' + focused.dataset.intersection + '"] button');
      if (again) { again.focus(); }
    }
  }
  function replace(name, layer, label) {
    var visible = !layers[name] || map.hasLayer(layers[name]);
    if (layers[name]) { control.removeLayer(layers[name]); map.removeLayer(layers[name]); }
    layers[name] = layer;
    if (visible) { layer.addTo(map); }
    control.addOverlay(layer, label);
  }

  get('/api/map/layers/zones').then(function (fc) {
    var z = L.geoJSON(fc, { style: zoneStyle, onEachFeature: function (f, l) {
      l.bindPopup('<strong>' + esc(f.properties.name) + '</strong><br>' + esc(t.i18nStages) + ': ' + esc((f.properties.stages || []).join(', ')));
    } });
    replace('zones', z, 'Zones / strefy');
    if (fc.features.length) { map.fitBounds(z.getBounds(), { padding: [10, 10] }); }
  }).catch(failed);
  get('/api/map/layers/intersections').then(updateIntersections).catch(failed);
  get('/api/map/layers/cameras').then(function (fc) { replace('cameras', cameraLayer(fc), 'Cameras / kamery'); renderCameras(fc); }).catch(failed);
  get('/api/map/layers/vehicles').then(function (fc) { replace('vehicles', vehicleLayer(fc), 'Buses / autobusy'); }).catch(failed);

  function renderCameras(fc) {
    var ul = document.getElementById('camera-list');
    ul.innerHTML = '';
    fc.features.slice().sort(function (a, b) { return (b.properties.passagesLastHour || 0) - (a.properties.passagesLastHour || 0); })
      .forEach(function (f) {
        var li = document.createElement('li');
        li.textContent = f.properties.name + ': ' + (f.properties.passagesLastHour || 0);
        ul.appendChild(li);
      });
  }
  function renderAlerts(alerts) {
    var ul = document.getElementById('alerts');
    ul.innerHTML = '';
    if (!alerts.length) { var li0 = document.createElement('li'); li0.textContent = t.i18nNone; ul.appendChild(li0); return; }
    alerts.forEach(function (a) {
      var li = document.createElement('li');
      li.className = 'alert-item';
      var kind = document.createElement('span'); kind.className = 'kind'; kind.textContent = a.kind + ' · ' + a.severity;
      var msg = document.createElement('span'); msg.textContent = a.message;
      var when = document.createElement('small'); when.className = 'muted'; when.textContent = new Date(a.raisedAt).toLocaleString();
      var btn = document.createElement('button'); btn.type = 'button'; btn.textContent = t.i18nAck;
      btn.setAttribute('aria-label', t.i18nAck + ': ' + a.message);
      btn.addEventListener('click', function () { ack(a.id); });
      li.appendChild(kind); li.appendChild(msg); li.appendChild(when); li.appendChild(btn);
      ul.appendChild(li);
    });
  }
  function ack(id) {
    var h = { 'Content-Type': 'application/json' };
    if (csrf) { h[csrfHeader.content] = csrf.content; }
    fetch('/api/alerts/' + encodeURIComponent(id) + '/ack', { method: 'POST', credentials: 'same-origin', headers: h, body: '{}' })
      .then(function (r) { return r.json(); }).then(renderAlerts);
  }
  get('/api/alerts').then(renderAlerts).catch(failed);

  var state = document.getElementById('live-state');
  if (window.EventSource) {
    var es = new EventSource('/api/map/stream');
    es.addEventListener('update', function (e) {
      var d = JSON.parse(e.data);
      state.textContent = t.i18nLive + ' ' + new Date().toLocaleTimeString();
      replace('cameras', cameraLayer(d.cameras), 'Cameras / kamery');
      replace('vehicles', vehicleLayer(d.vehicles), 'Buses / autobusy');
      if (d.intersections) { updateIntersections(d.intersections); }
      renderCameras(d.cameras);
      renderAlerts(d.alerts);
    });
    es.onerror = function () { state.textContent = t.i18nOffline; };
  }
})();
