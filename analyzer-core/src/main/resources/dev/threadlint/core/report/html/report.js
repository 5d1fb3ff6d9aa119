(function () {
  'use strict';
  var pool = document.getElementById('pool');
  var groupsEl = document.getElementById('groups');
  var shown = document.getElementById('shown');
  var search = document.getElementById('search');
  var ruleSel = document.getElementById('rule');
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll('input.sev'));
  var suppressedBox = document.getElementById('suppressed');
  var groupRadios = Array.prototype.slice.call(document.querySelectorAll('input[name=group]'));
  var findings = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var titles = {};
  Array.prototype.forEach.call(ruleSel.options, function (o) { if (o.value) { titles[o.value] = o.getAttribute('data-title') || ''; } });
  var groups = [];

  // Filters can be preset from the address: #rule=ID&severity=error,warning&q=TEXT&group=file&suppressed=1
  var params = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (params.has('rule')) { ruleSel.value = params.get('rule'); }
  if (params.has('q')) { search.value = params.get('q'); }
  if (params.has('severity')) {
    var wanted = params.get('severity').split(',');
    sevBoxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
  }
  if (params.get('suppressed') === '1') { suppressedBox.checked = true; }
  if (params.get('group') === 'file') { groupRadios.forEach(function (r) { r.checked = r.value === 'file'; }); }

  function groupBy() {
    var g = 'rule';
    groupRadios.forEach(function (r) { if (r.checked) { g = r.value; } });
    return g;
  }

  function regroup() {
    var by = groupBy();
    var map = {};
    var keys = [];
    findings.forEach(function (f) {
      var key = f.getAttribute('data-' + by);
      if (!map[key]) { map[key] = []; keys.push(key); }
      map[key].push(f);
    });
    keys.sort();
    while (groupsEl.firstChild) { groupsEl.removeChild(groupsEl.firstChild); }
    groups = keys.map(function (key) {
      var section = document.createElement('section');
      section.className = 'group';
      section.setAttribute('data-key', key);
      var h = document.createElement('h2');
      var name = document.createElement('span');
      name.className = 'gname';
      name.textContent = key;
      h.appendChild(name);
      if (by === 'rule' && titles[key]) {
        var t = document.createElement('span');
        t.className = 'gtitle';
        t.textContent = titles[key];
        h.appendChild(t);
      }
      var c = document.createElement('span');
      c.className = 'gcount';
      h.appendChild(c);
      section.appendChild(h);
      map[key].forEach(function (f) { section.appendChild(f); });
      groupsEl.appendChild(section);
      return { el: section, count: c, items: map[key] };
    });
    pool.hidden = true;
  }

  function apply() {
    var q = search.value.trim().toLowerCase();
    var rule = ruleSel.value;
    var sev = {};
    sevBoxes.forEach(function (b) { sev[b.value] = b.checked; });
    var withSuppressed = suppressedBox.checked;
    var visible = 0;
    var total = 0;
    findings.forEach(function (f) {
      var suppressed = f.getAttribute('data-suppressed') === 'true';
      if (!suppressed || withSuppressed) { total++; }
      var show = sev[f.getAttribute('data-severity')]
        && (!rule || f.getAttribute('data-rule') === rule)
        && (withSuppressed || !suppressed)
        && (!q || f.textContent.toLowerCase().indexOf(q) >= 0);
      f.hidden = !show;
      if (show) { visible++; }
    });
    groups.forEach(function (g) {
      var n = g.items.filter(function (f) { return !f.hidden; }).length;
      g.count.textContent = n + (n === 1 ? ' finding' : ' findings');
      g.el.hidden = n === 0;
    });
    shown.textContent = visible + ' of ' + total + (total === 1 ? ' finding' : ' findings') + ' shown'
      + (withSuppressed ? ' (suppressed included)' : '');
    shown.setAttribute('data-visible', String(visible));
    shown.setAttribute('data-total', String(total));
  }

  search.addEventListener('input', apply);
  ruleSel.addEventListener('change', apply);
  suppressedBox.addEventListener('change', apply);
  sevBoxes.forEach(function (b) { b.addEventListener('change', apply); });
  groupRadios.forEach(function (r) { r.addEventListener('change', function () { regroup(); apply(); }); });
  regroup();
  apply();
  document.body.setAttribute('data-rendered', 'true');
}());
