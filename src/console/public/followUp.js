// Follow-up views of the helpdesk console: Cases, Partners, Figures. Plain DOM, no framework,
// no inline code (the console's CSP allows only 'self'); every value is set as text, never HTML.
(function () {
  'use strict';
  const state = { csrf: sessionStorage.getItem('helpdeskCsrf') || '', view: 'cases', filters: {} };
  const KINDS = ['pupil-concern', 'laptop-request', 'registration-help', 'callback', 'school-bill'];
  const PARTNER_KINDS = ['naft', 'welfare', 'youth-work', 'school-support', 'digital', 'other'];
  const OFFERS = ['unreachable', 'notOnPlatform', 'paperNotCollected', 'motivation', 'homeSituation', 'wellbeing', 'absence', 'practicalNeeds', 'other', 'laptop', 'registration'];
  const STATUSES = ['new', 'screened', 'assigned', 'contact-made', 'in-progress', 'approved-gift', 'approved-loan', 'approved', 'rejected', 'delivered', 'returned', 'closed'];

  function h(tag, attrs, ...children) {
    const el = document.createElementNS(tag === 'svg' || attrs?.svg ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml', tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'svg' || v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }

  async function api(method, url, body) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = state.csrf;
    const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    if (res.status === 401) throw Object.assign(new Error('not signed in'), { status: 401 });
    const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(data.error || `HTTP ${res.status}`), { status: res.status });
    return data;
  }

  const root = h('section', { id: 'followUp', class: 'fu' });
  const body = h('div', { class: 'fu-body' });
  const message = h('p', { class: 'fu-message', role: 'status', 'aria-live': 'polite' });
  const tabs = ['cases', 'partners', 'figures'].map((view) =>
    h('button', { type: 'button', class: 'fu-tab', 'data-view': view, onclick: () => show(view) }, { cases: 'Cases', partners: 'Partners', figures: 'Figures' }[view]));
  root.append(h('nav', { class: 'fu-tabs', 'aria-label': 'Follow-up' }, tabs), message, body);

  function say(text, isError) {
    message.textContent = text || '';
    message.className = isError ? 'fu-message fu-error' : 'fu-message';
  }

  async function show(view, arg) {
    state.view = view;
    tabs.forEach((t) => t.setAttribute('aria-current', t.dataset.view === view ? 'page' : 'false'));
    say('');
    try {
      body.replaceChildren(await VIEWS[view](arg));
    } catch (error) {
      if (error.status === 401) body.replaceChildren(loginForm(() => show(view, arg)));
      else body.replaceChildren(h('p', { class: 'fu-error' }, error.message));
    }
  }

  function loginForm(then) {
    const user = h('input', { name: 'username', autocomplete: 'username', required: true });
    const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    return h('form', { class: 'fu-login', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const res = await api('POST', '/api/helpdesk/login', { username: user.value, password: pass.value });
        window.followUp.setCsrf(res.csrfToken);
        then();
      } catch (error) { say(error.message, true); }
    } }, h('label', {}, 'Username ', user), h('label', {}, 'Password ', pass), h('button', { type: 'submit' }, 'Sign in'));
  }

  const select = (name, values, current, empty) =>
    h('select', { name }, empty === undefined ? null : h('option', { value: '' }, empty),
      values.map((v) => h('option', { value: v, selected: v === current }, v)));

  function table(headers, rows) {
    return h('table', { class: 'fu-table' }, h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows));
  }

  const when = (iso) => (iso ? new Date(iso).toLocaleString('nl-BE', { dateStyle: 'short', timeStyle: 'short' }) : '');

  // ---- Cases ---------------------------------------------------------------------------
  async function casesView() {
    const query = new URLSearchParams(Object.entries(state.filters).filter(([, v]) => v));
    const [{ cases, schoolYears }, partners] = await Promise.all([api('GET', `/api/helpdesk/cases?${query}`), api('GET', '/api/helpdesk/partners')]);
    const names = new Map(partners.map((p) => [p.id, p.name]));
    const f = state.filters;
    const form = h('form', { class: 'fu-filters', onsubmit: (e) => {
      e.preventDefault();
      state.filters = Object.fromEntries(new FormData(form));
      show('cases');
    } },
      h('label', {}, 'Reference ', h('input', { name: 'q', value: f.q || '', placeholder: 'ZRG-…', size: 10 })),
      h('label', {}, 'Kind ', select('kind', KINDS, f.kind, 'all')),
      h('label', {}, 'Status ', select('status', STATUSES, f.status, 'all')),
      h('label', {}, 'School year ', select('schoolYear', schoolYears, f.schoolYear, 'all')),
      h('label', {}, 'Partner ', h('select', { name: 'partner' }, h('option', { value: '' }, 'all'), partners.map((p) => h('option', { value: p.id, selected: p.id === f.partner }, p.name)))),
      h('label', {}, 'Language ', h('input', { name: 'language', value: f.language || '', size: 3 })),
      h('label', {}, 'Urgency ', h('input', { name: 'urgency', value: f.urgency || '', size: 8 })),
      h('button', { type: 'submit' }, 'Filter'));
    const rows = cases.map((c) => h('tr', {},
      h('td', {}, h('a', { href: `#case/${c.reference}`, 'data-ref': c.reference, onclick: (e) => { e.preventDefault(); show('case', c.reference); } }, c.reference)),
      h('td', {}, c.kind), h('td', { class: `fu-status fu-s-${c.status}` }, c.status), h('td', {}, when(c.createdAt)),
      h('td', {}, c.partnerIds.map((id) => names.get(id) || id).join(' + ')), h('td', {}, c.language || ''), h('td', {}, c.urgency || ''),
      h('td', {}, c.linkedReports ? `+${c.linkedReports}` : '')));
    return h('div', {}, form, h('p', {}, `${cases.length} case(s)`), table(['Reference', 'Kind', 'Status', 'Received', 'Partner', 'Language', 'Urgency', 'Linked'], rows));
  }

  function dataList(data, prefix = '') {
    return Object.entries(data || {}).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v)
      ? dataList(v, `${prefix}${k}.`)
      : [h('dt', {}, prefix + k), h('dd', { dir: 'auto' }, Array.isArray(v) ? v.join(', ') : String(v))]));
  }

  async function caseView(ref) {
    const page = await api('GET', `/api/helpdesk/cases/${encodeURIComponent(ref)}`);
    const c = page.case;
    const holder = page.assigned.length
      ? h('p', { class: 'fu-assigned' }, 'Assigned to: ', page.assigned.map((p) => p.name).join(' + '), ' — do not approach this family through another partner.')
      : null;
    const note = h('textarea', { name: 'note', rows: 2, cols: 50 });
    const status = h('select', { name: 'status' }, page.next.map((s) => h('option', { value: s }, s)));
    const picks = page.suggestions.map((s) => h('label', { class: 'fu-suggestion' },
      h('input', { type: 'checkbox', name: 'partnerIds', value: s.partner.id, checked: c.partnerIds.includes(s.partner.id) }),
      ` ${s.partner.name} (${s.partner.kind}; offer ${s.offers.join(', ') || '—'}; area ${s.areaFit}; language ${s.languageFit}; open ${s.openCases})`));
    const statusForm = page.next.length ? h('form', { class: 'fu-status-form', onsubmit: async (e) => {
      e.preventDefault();
      const partnerIds = picks.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
      const needsPartner = page.partnerStatuses.includes(status.value);
      if (needsPartner && (partnerIds.length < 1 || partnerIds.length > 2)) return say('Pick one partner, or two that work together.', true);
      try {
        const res = await api('POST', `/api/helpdesk/cases/${encodeURIComponent(ref)}/status`, {
          status: status.value, note: note.value || undefined, partnerIds: needsPartner ? partnerIds : undefined, expectedUpdatedAt: c.updatedAt });
        await show('case', ref);
        say(`Status: ${res.status}. Reporter ${res.notification === 'sent' ? 'notified' : `not notified (${res.notification})`}.`);
      } catch (error) { say(error.message, true); }
    } }, h('label', {}, 'New status ', status), picks.length ? h('fieldset', {}, h('legend', {}, 'Suggested partners (best first)'), picks) : null,
      h('label', {}, 'Note / outcome ', note), h('button', { type: 'submit' }, 'Change status'), page.canNotify ? null : h('p', {}, 'The reporter cannot be messaged (no conversation).'))
      : h('p', {}, 'This case is final.');
    const noteText = h('input', { name: 'text', size: 50 });
    return h('article', { class: 'fu-case' },
      h('p', {}, h('a', { href: '#cases', onclick: (e) => { e.preventDefault(); show('cases'); } }, '← All cases')),
      h('h2', {}, `${c.reference} · ${c.kind} · `, h('span', { class: `fu-status fu-s-${c.status}` }, c.status)), holder,
      h('dl', { class: 'fu-data' }, h('dt', {}, 'received'), h('dd', {}, when(c.createdAt)), h('dt', {}, 'school year'), h('dd', {}, c.schoolYear),
        h('dt', {}, 'language'), h('dd', {}, c.locale), dataList(c.data)),
      statusForm,
      h('h3', {}, 'History'), table(['When', 'Who', 'Status', 'Note'], c.history.map((x) => h('tr', {}, h('td', {}, when(x.at)), h('td', {}, x.by), h('td', {}, x.status), h('td', {}, x.note || '')))),
      h('h3', {}, `Linked reports (${c.linkedReports.length})`), table(['When', 'Data'], c.linkedReports.map((x) => h('tr', {}, h('td', {}, when(x.at)), h('td', {}, h('dl', {}, dataList(x.data)))))),
      h('h3', {}, 'Internal notes'), h('ul', {}, c.notes.map((n) => h('li', {}, `${when(n.at)} ${n.by}: `, h('span', { dir: 'auto' }, n.text)))),
      h('form', { onsubmit: async (e) => {
        e.preventDefault();
        try { await api('POST', `/api/helpdesk/cases/${encodeURIComponent(ref)}/notes`, { text: noteText.value }); await show('case', ref); } catch (error) { say(error.message, true); }
      } }, noteText, h('button', { type: 'submit' }, 'Add note')));
  }

  // ---- Partners --------------------------------------------------------------------------
  async function partnersView(editId) {
    const partners = await api('GET', '/api/helpdesk/partners');
    const editing = partners.find((p) => p.id === editId);
    const field = (name, value, size = 30) => h('input', { name, value: value || '', size });
    const form = h('form', { class: 'fu-partner-form', onsubmit: async (e) => {
      e.preventDefault();
      const fd = new FormData(form);
      const list = (name) => String(fd.get(name) || '').split(',').map((s) => s.trim()).filter(Boolean);
      const partner = { name: fd.get('name'), kind: fd.get('kind'), offers: fd.getAll('offers'), area: list('area'), languages: list('languages'),
        contacts: list('contacts').map((c) => { const [name, phone] = c.split(':').map((s) => s.trim()); return { name, phone }; }), source: editing?.source || 'console' };
      try {
        if (editing) await api('PUT', `/api/helpdesk/partners/${editing.id}`, partner); else await api('POST', '/api/helpdesk/partners', partner);
        await show('partners'); say('Saved.');
      } catch (error) { say(error.message, true); }
    } }, h('h3', {}, editing ? `Edit ${editing.name}` : 'New partner'),
      h('label', {}, 'Name ', field('name', editing?.name)), h('label', {}, 'Kind ', select('kind', PARTNER_KINDS, editing?.kind)),
      h('fieldset', {}, h('legend', {}, 'Can be called on for'), OFFERS.map((o) => h('label', {}, h('input', { type: 'checkbox', name: 'offers', value: o, checked: editing?.offers.includes(o) }), ` ${o} `))),
      h('label', {}, 'Area (mechelen, region or districts, comma-separated) ', field('area', editing?.area.join(', ') || 'mechelen')),
      h('label', {}, 'Languages (nl, fr, ar…) ', field('languages', editing?.languages.join(', '))),
      h('label', {}, 'Contacts (name: phone, …) ', field('contacts', editing?.contacts.map((c) => `${c.name}: ${c.phone}`).join(', '), 50)),
      h('button', { type: 'submit' }, 'Save'));
    const rows = partners.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, p.kind), h('td', {}, p.offers.join(', ')), h('td', {}, p.area.join(', ')),
      h('td', {}, p.languages.join(', ')), h('td', {}, p.contacts.map((c) => `${c.name} ${c.phone}`).join('; ')), h('td', {}, String(p.openCases)),
      h('td', {}, h('button', { type: 'button', onclick: () => show('partners', p.id) }, 'Edit'), ' ',
        h('button', { type: 'button', onclick: async () => {
          if (!confirm(`Remove ${p.name}?`)) return;
          try { await api('DELETE', `/api/helpdesk/partners/${p.id}`); await show('partners'); } catch (error) { say(error.message, true); }
        } }, 'Remove'))));
    return h('div', {}, table(['Organisation', 'Kind', 'Offer', 'Area', 'Languages', 'Contacts', 'Open cases', ''], rows), form);
  }

  // ---- Figures ---------------------------------------------------------------------------
  function barChart(rows) {
    const max = Math.max(1, ...rows.map((r) => r.count));
    const rowH = 22, labelW = 170, barW = 300;
    return h('svg', { svg: true, class: 'fu-chart', width: labelW + barW + 50, height: rows.length * rowH + 4, role: 'img' },
      rows.map((r, i) => [
        h('text', { svg: true, x: labelW - 6, y: i * rowH + 15, 'text-anchor': 'end' }, r.key.slice(0, 28)),
        h('rect', { svg: true, x: labelW, y: i * rowH + 3, height: rowH - 6, width: Math.round((r.count / max) * barW), class: 'fu-bar' }),
        h('text', { svg: true, x: labelW + Math.round((r.count / max) * barW) + 4, y: i * rowH + 15 }, String(r.count)),
      ]));
  }

  async function figuresView(year) {
    const fig = await api('GET', `/api/helpdesk/stats${year ? `?schoolYear=${encodeURIComponent(year)}` : ''}`);
    const pick = select('schoolYear', fig.schoolYears, fig.schoolYear);
    pick.addEventListener('change', () => show('figures', pick.value));
    return h('div', { class: 'fu-figures' },
      h('p', {}, h('label', {}, 'School year ', pick), ' ', h('a', { href: `/api/helpdesk/stats.csv?schoolYear=${encodeURIComponent(fig.schoolYear)}`, download: true }, 'Export CSV (counts under 5 shown as <5)')),
      h('p', {}, `Worry reports: ${fig.reports} (+${fig.linkedReports} linked). Median time to first contact: `,
        fig.medianHoursToFirstContact === undefined ? '—' : `${fig.medianHoursToFirstContact} h over ${fig.contactedReports} report(s)`),
      fig.tables.map((t) => h('section', { class: 'fu-figure' }, h('h3', {}, t.id),
        table(['', 'Count'], t.rows.map((r) => h('tr', {}, h('td', {}, r.key), h('td', {}, String(r.count))))), t.rows.length ? barChart(t.rows) : null)));
  }

  const VIEWS = { cases: casesView, case: caseView, partners: partnersView, figures: figuresView };

  /** Hooks for the console page: hand over the CSRF token after its own login. */
  window.followUp = {
    setCsrf(token) { state.csrf = token || ''; sessionStorage.setItem('helpdeskCsrf', state.csrf); },
    show,
  };
  function mount() {
    const host = document.querySelector('[data-followup-root]') || document.querySelector('main') || document.body;
    host.append(root);
    // Signed in on the console already: its session answers /me with the CSRF token.
    fetch('/api/helpdesk/me', { credentials: 'same-origin' })
      .then((res) => (res.ok ? res.json() : {}))
      .then((me) => { if (me.csrfToken) window.followUp.setCsrf(me.csrfToken); })
      .catch(() => undefined)
      .finally(() => show('cases'));
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount); else mount();
})();
