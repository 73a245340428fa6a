// The console's only script, and an enhancement: every page works without it.
// - weight sliders show their value as they move;
// - the upload drop zone accepts dragged files;
// - a status badge (data-status-url) follows its document until it is indexed or rejected.
(() => {
  'use strict';

  document.querySelectorAll('input[type=range][data-output]').forEach(slider => {
    const output = document.getElementById(slider.dataset.output);
    slider.addEventListener('input', () => { output.value = Number(slider.value).toFixed(2); });
  });

  document.querySelectorAll('[data-dropzone]').forEach(zone => {
    const input = zone.querySelector('input[type=file]');
    ['dragenter', 'dragover'].forEach(type => zone.addEventListener(type, e => { e.preventDefault(); zone.classList.add('over'); }));
    ['dragleave', 'drop'].forEach(type => zone.addEventListener(type, () => zone.classList.remove('over')));
    zone.addEventListener('drop', e => {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length > 0) {
        input.files = e.dataTransfer.files;
      }
    });
  });

  // Skill fields: the last comma-separated entry is looked up in the taxonomy (English or Chinese names).
  const suggestions = document.getElementById('skill-suggestions');
  document.querySelectorAll('input[data-skill-autocomplete]').forEach(field => {
    let timer;
    field.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const parts = field.value.split(',');
        const typed = parts[parts.length - 1].trim();
        if (typed.length < 1) {
          return;
        }
        const response = await fetch('/console/skills?q=' + encodeURIComponent(typed), { credentials: 'same-origin' });
        if (!response.ok) {
          return;
        }
        const prefix = parts.slice(0, -1).map(p => p.trim()).filter(p => p).join(',');
        suggestions.replaceChildren(...(await response.json()).map(skill => {
          const option = document.createElement('option');
          option.value = prefix ? prefix + ',' + skill.id : skill.id;
          option.label = skill.name;
          return option;
        }));
      }, 150);
    });
  });

  const settled = status => status === 'indexed' || status === 'rejected' || status === 'deleted';
  const follow = badge => {
    let delay = 1000;
    const poll = async () => {
      try {
        const response = await fetch(badge.dataset.statusUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (!response.ok) {
          return;
        }
        const body = await response.json();
        badge.dataset.status = body.status;
        badge.className = 'status status-' + body.status;
        badge.textContent = body.label + (body.reason ? ' – ' + body.reason : '');
        if (settled(body.status)) {
          return;
        }
      } catch {
        // The server restarting or the network dropping: keep trying, more slowly.
      }
      delay = Math.min(delay * 1.5, 10000);
      setTimeout(poll, delay);
    };
    setTimeout(poll, delay);
  };
  document.querySelectorAll('[data-status-url]').forEach(badge => {
    if (!settled(badge.dataset.status)) {
      follow(badge);
    }
  });
})();
