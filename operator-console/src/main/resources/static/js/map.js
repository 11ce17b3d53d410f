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
  function intersectionLayer(fc) {
    return L.geoJSON(fc, {
      pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 6, color: '#4a148c', weight: 2, fillColor: '#ab47bc', fillOpacity: 0.9 }); },
      onEachFeature: function (f, l) {
        var p = f.properties;
        var plan = p.plan ? (t.i18nCycle + ' ' + esc(p.plan.cycleSeconds) + ' s') : '—';
        l.bindPopup('<strong>' + esc(p.name || p.id) + '</strong><br>' + esc(t.i18nPlan) + ': ' + plan + '<br>' + esc(t.i18nWaiting) + ': ' + esc(p.proposalsWaiting));
      }
    });
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
  get('/api/map/layers/intersections').then(function (fc) { replace('intersections', intersectionLayer(fc), 'Intersections / skrzyżowania'); }).catch(failed);
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
      renderCameras(d.cameras);
      renderAlerts(d.alerts);
    });
    es.onerror = function () { state.textContent = t.i18nOffline; };
  }
})();
