// Keyboard help for lists and the evidence page (no inline scripts: CSP allows only 'self').
(function () {
  // Plate box: positioned from data attributes (percentages of the image), since inline styles are not allowed.
  document.querySelectorAll('.platebox').forEach(function (b) {
    b.style.left = b.dataset.x + '%'; b.style.top = b.dataset.y + '%';
    b.style.width = b.dataset.w + '%'; b.style.height = b.dataset.h + '%';
  });
  // Split bars: width from data-pct (no inline styles under the CSP).
  document.querySelectorAll('.bar span[data-pct]').forEach(function (s) { s.style.width = s.dataset.pct + '%'; });
  // Arrow keys move between the links of a case list.
  var links = Array.prototype.slice.call(document.querySelectorAll('a.case-link'));
  document.addEventListener('keydown', function (e) {
    if (!links.length || e.target.matches('input, select, textarea')) return;
    var i = links.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' || e.key === 'j') { links[Math.min(links.length - 1, i + 1)].focus(); e.preventDefault(); }
    if (e.key === 'ArrowUp' || e.key === 'k') { links[Math.max(0, i - 1)].focus(); e.preventDefault(); }
  });
})();
