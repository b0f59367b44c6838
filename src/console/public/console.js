// Helpdesk console: plain DOM, no framework. Every value from the server goes in via textContent.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const state = { me: null, csrf: '', current: null, queue: [], staff: [], events: null, lastPing: 0 };
  const PRIORITY = { crisis: 'CRISIS', urgent: 'dringend', normal: 'normaal' };

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
    const res = await fetch(`/api/helpdesk${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && path !== '/login') showLogin();
    if (!res.ok) throw Object.assign(new Error(data.error || `HTTP ${res.status}`), { status: res.status });
    return data;
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) node.append(child);
    return node;
  }

  function minutesSince(iso) {
    const ms = Date.now() - new Date(iso).getTime();
    return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 60000)) : 0;
  }

  function showLogin() {
    if (state.events) state.events.close();
    state.events = null;
    $('desk-view').hidden = true;
    $('login-view').hidden = false;
  }

  async function enter(user, csrf) {
    state.me = user;
    state.csrf = csrf;
    $('login-view').hidden = true;
    $('desk-view').hidden = false;
    $('me').textContent = `${user.name} (${user.teams.join(', ')}; ${user.languages.join(', ')})`;
    const canned = await api('GET', '/canned');
    $('canned').replaceChildren(...canned.map((c) => el('option', { value: c.key, textContent: c.textNl })));
    connect();
  }

  function connect() {
    if (state.events) state.events.close();
    const source = new EventSource('/api/helpdesk/events');
    state.events = source;
    // On every (re)connect reload everything: events missed while away are in the store.
    source.addEventListener('ready', () => {
      $('live').classList.add('on');
      refreshAll();
    });
    source.addEventListener('changed', (e) => {
      const event = JSON.parse(e.data);
      if (event.reason === 'queued') notifyNew(event);
      loadQueue();
      loadStaff();
      if (state.current && state.current.id === event.id) openConversation(event.id);
    });
    source.addEventListener('message', (e) => {
      const event = JSON.parse(e.data);
      if (state.current && state.current.id === event.id) {
        liveSinceLoad = true;
        appendEntry(event.entry);
      } else loadQueue();
    });
    source.addEventListener('presence', () => loadStaff());
    source.onerror = () => $('live').classList.remove('on');
  }

  function refreshAll() {
    loadQueue();
    loadStaff();
    if (state.current) openConversation(state.current.id);
  }

  async function loadQueue() {
    state.queue = await api('GET', '/queue');
    renderQueue();
  }

  function renderQueue() {
    $('queue-count').textContent = `(${state.queue.length})`;
    $('queue').replaceChildren(
      ...state.queue.map((item) => {
        const badges = el('span', {},
          el('span', { className: `badge ${item.priority === 'crisis' ? 'crisis' : ''}`, textContent: PRIORITY[item.priority] || item.priority }),
          el('span', { className: 'badge', textContent: item.kind === 'callback' ? 'terugbellen' : item.topic }),
          el('span', { className: `badge ${item.speaksLanguage ? 'speaks' : ''}`, textContent: item.language, title: item.speaksLanguage ? 'u spreekt deze taal' : '' }),
          item.ownTeam ? el('span', { className: 'badge', textContent: 'uw team' }) : '');
        const li = el('li', { className: `${item.priority}${state.current && state.current.id === item.id ? ' selected' : ''}`, tabIndex: 0 },
          el('div', { className: 'line1' }, badges, el('span', { textContent: `${minutesSince(item.waitingSince)} min` })),
          el('div', { className: 'preview', dir: 'auto', textContent: item.preview || '…' }));
        li.dataset.id = item.id;
        li.addEventListener('click', () => openConversation(item.id));
        li.addEventListener('keydown', (e) => e.key === 'Enter' && openConversation(item.id));
        return li;
      }),
    );
  }

  async function loadStaff() {
    state.staff = await api('GET', '/staff');
    $('staff').replaceChildren(
      ...state.staff.map((s) =>
        el('li', {}, el('span', { className: `dot ${s.presence}` }), `${s.name} — ${s.presence}`, s.handling.length ? ` · ${s.handling.length} gesprek(ken)` : ''),
      ),
    );
    const others = state.staff.filter((s) => s.username !== state.me.username);
    $('transfer-to').replaceChildren(
      el('option', { value: 'queue', textContent: 'terug naar de wachtrij' }),
      ...others.map((s) => el('option', { value: s.username, textContent: `${s.name} (${s.presence})` })),
    );
    const mine = state.staff.find((s) => s.username === state.me.username);
    if (mine) $('presence').value = mine.presence;
  }

  // A transcript fetched while live messages arrive can be older than they are: rendering it
  // would wipe them from the view. Only the newest load renders, and it loads again when a live
  // message came in meanwhile (messages are stored before they are announced).
  let newestLoad = 0;
  let liveSinceLoad = false;

  async function openConversation(id) {
    const load = ++newestLoad;
    liveSinceLoad = false;
    try {
      const conv = await api('GET', `/conversations/${encodeURIComponent(id)}`);
      if (load !== newestLoad) return;
      if (liveSinceLoad) return openConversation(id);
      state.current = conv;
      renderConversation();
      renderQueue();
    } catch (error) {
      if (error.status === 404) state.current = null;
      $('conversation').hidden = !state.current;
    }
  }

  function renderConversation() {
    const c = state.current;
    $('conversation').hidden = false;
    $('conv-error').textContent = '';
    $('conv-title').textContent = `${PRIORITY[c.priority] || ''} · ${c.topic} · ${c.language}`;
    const who = c.assigneeName ? `bij ${c.assigneeName}` : c.state;
    const consent = c.consent ? ` · toestemming: ${{ asked: 'gevraagd', given: 'gegeven', refused: 'geweigerd' }[c.consent]}` : '';
    const callback = c.callback ? ` · terugbellen: ${c.callback.phone} (${c.callback.moment})` : '';
    $('conv-meta').textContent = `${who} · team ${c.team} · wacht sinds ${new Date(c.waitingSince).toLocaleTimeString('nl-BE')}${callback}${consent}`;
    const mine = c.state === 'staff' && c.assignee === state.me.username;
    $('claim').disabled = !(c.state === 'waiting' || c.state === 'callback');
    for (const id of ['release', 'consent', 'transfer', 'message', 'send-canned']) $(id).disabled = !mine;
    $('close').disabled = c.state === 'bot' || c.state === 'closed';
    $('form-data').replaceChildren(...Object.entries(c.formData || {}).flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { dir: 'auto', textContent: typeof v === 'string' ? v : JSON.stringify(v) })]));
    // Another conversation starts afresh; the same one only gains its new lines, so a state change
    // does not rebuild what the staff member is reading (scroll position and selection stay).
    if (transcriptOf !== c.id) {
      $('transcript').replaceChildren();
      shownEntries.clear();
      transcriptOf = c.id;
    }
    c.transcript.forEach(appendEntry);
  }

  /** Entries on screen, so a live event for a line the last load already showed is not shown twice. */
  const shownEntries = new Set();
  /** The conversation whose lines are on screen. */
  let transcriptOf = null;

  function appendEntry(entry) {
    const key = `${entry.at}|${entry.from}|${entry.text}`;
    if (shownEntries.has(key)) return;
    shownEntries.add(key);
    const label = { user: 'gebruiker', bot: 'bot', staff: entry.staff || 'medewerker', note: `notitie ${entry.staff || ''}`, system: '' }[entry.from];
    // The text in its own element with dir="auto": Arabic takes the direction of its own first
    // strong letter, not that of the Dutch label above it.
    const li = el('li', { className: entry.from },
      label ? el('span', { className: 'who', textContent: `${label} · ${new Date(entry.at).toLocaleTimeString('nl-BE')}` }) : '',
      el('span', { className: 'text', dir: 'auto', textContent: entry.text }));
    if (entry.textNl && entry.textNl !== entry.text) li.append(el('span', { className: 'nl', textContent: `NL: ${entry.textNl}` }));
    $('transcript').append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  function notifyNew(event) {
    const mine = state.me.teams.includes(event.team);
    if ($('presence').value !== 'online' || !(mine || event.priority === 'crisis')) return;
    try {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      tone.frequency.value = event.priority === 'crisis' ? 880 : 660;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
    } catch (_) { /* sound is a nicety */ }
    if ('Notification' in window && Notification.permission === 'granted') {
      new Notification('Nieuw gesprek in de wachtrij', { body: `${PRIORITY[event.priority] || ''} · team ${event.team}` });
    }
  }

  async function act(path, body) {
    try {
      await api('POST', `/conversations/${encodeURIComponent(state.current.id)}/${path}`, body);
      await openConversation(state.current.id);
    } catch (error) {
      $('conv-error').textContent = error.message;
    }
  }

  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    try {
      const data = await api('POST', '/login', { username: $('login-username').value, password: $('login-password').value });
      $('login-password').value = '';
      await enter(data.user, data.csrfToken);
    } catch (error) {
      if (error.status === 503) $('no-staff').hidden = false;
      $('login-error').textContent = error.message;
    }
  });
  $('logout').addEventListener('click', async () => {
    await api('POST', '/logout', {}).catch(() => undefined);
    state.current = null;
    showLogin();
  });
  $('presence').addEventListener('change', () => api('POST', '/presence', { status: $('presence').value }));
  $('notify-permission').addEventListener('click', () => 'Notification' in window && Notification.requestPermission());
  $('claim').addEventListener('click', () => act('claim'));
  $('release').addEventListener('click', () => act('release'));
  $('consent').addEventListener('click', () => act('consent'));
  $('transfer').addEventListener('click', () => act('transfer', { to: $('transfer-to').value }));
  $('close').addEventListener('click', () => act('close', { outcome: $('outcome').value }));
  $('send-canned').addEventListener('click', () => act('messages', { cannedKey: $('canned').value }));
  $('send-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('message').value.trim();
    if (!text) return;
    $('message').value = '';
    await act('messages', { text });
  });
  $('message').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      $('send-form').requestSubmit();
    }
  });
  $('note-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('note').value.trim();
    if (!text) return;
    $('note').value = '';
    await act('notes', { text });
  });
  // Activity keeps the staff member online; after the idle time the server counts them offline.
  for (const type of ['keydown', 'click']) {
    document.addEventListener(type, () => {
      if (!state.me || Date.now() - state.lastPing < 60_000 || $('presence').value === 'offline') return;
      state.lastPing = Date.now();
      api('POST', '/presence', { status: $('presence').value }).catch(() => undefined);
    });
  }
  setInterval(() => state.me && renderQueue(), 30_000);

  api('GET', '/me').then((data) => enter(data.user, data.csrfToken), () => showLogin());
})();
