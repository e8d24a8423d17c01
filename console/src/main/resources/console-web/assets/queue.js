// The team's queue, most urgent first, as routing-service streams it (server-sent events through
// the console): a new ticket appears when the queue changes, the time to breach counts down here.
// Take a ticket, or assign it to an agent of the team (a dialog shared by the rows).
import { call, duration, element, showProblem, start, t, term, clearProblem } from './console.js';

const body = document.querySelector('#queue tbody');
const live = document.getElementById('live');
let session;
let stream;
let items = [];
let receivedAt = Date.now();
// the agents by team, for assigning (null: this role may not list them)
let agentsByTeam = null;

function breachText(item) {
  if (!item.breachAt) return t('breach.none');
  const left = item.workingSecondsLeft - (item.band === 'paused' ? 0 : (Date.now() - receivedAt) / 1000);
  return left < 0 ? t('breach.overdue', duration(-left)) : duration(left);
}

function row(item) {
  const take = item.assignee === session.name ? t('queue.taken') : null;
  return element('tr', { 'data-ticket': item.ticketId, 'data-band': item.band, class: 'band-' + item.band },
    element('td', {}, element('span', { class: 'band', text: t('band.' + item.band) })),
    element('td', {}, element('a', { href: '/tickets/' + encodeURIComponent(item.ticketId), text: item.ticketId })),
    element('td', { class: 'breach', text: breachText(item) }),
    element('td', { text: term(item.urgentTarget) || '' }),
    element('td', { text: item.priority || '' }),
    element('td', { text: item.language || '' }),
    element('td', { text: item.category || '' }),
    element('td', { text: term(item.status) || '' }),
    element('td', { class: 'suggestion' }, suggestion(item)),
    element('td', { text: item.assignee || '' }),
    element('td', { class: 'actions' }, take ? element('span', { text: take }) : element('button', {
      type: 'button', class: 'take', text: t('queue.take'),
      'aria-label': t('queue.take') + ' ' + item.ticketId,
      onclick: (event) => takeTicket(item.ticketId, event.currentTarget),
    }), agentsByTeam ? element('button', {
      type: 'button', class: 'assign secondary', text: t('queue.assignTo'),
      'aria-label': t('queue.assignTo') + ' ' + item.ticketId,
      onclick: () => openAssign(item),
    }) : null));
}

// the best suggestion (a known issue before a template) and how many more the ticket's page has
function suggestion(item) {
  if (!item.suggestion) return '';
  const s = item.suggestion;
  const more = item.suggestions > 1 ? ` +${item.suggestions - 1}` : '';
  return element('span', { title: `${t('v.' + s.kind)} · ${t('ticket.score')} ${s.score.toFixed(2)}` },
    s.title || s.ref, element('span', { class: 'muted', text: ` (${s.score.toFixed(2)})${more}` }));
}

function openAssign(item) {
  const dialog = document.getElementById('assign-dialog');
  const team = document.getElementById('team').value;
  const select = document.getElementById('assign-agent');
  select.replaceChildren(...(agentsByTeam.get(team) || [])
    .filter((a) => a.id !== item.assignee)
    .map((a) => new Option(`${a.name || a.id}${a.available ? '' : ' · ' + t('queue.away')}`, a.id)));
  dialog.dataset.ticket = item.ticketId;
  document.getElementById('assign-title').textContent = t('queue.assignTitle', item.ticketId);
  dialog.showModal();
}

async function assign(event) {
  event.preventDefault();
  const dialog = document.getElementById('assign-dialog');
  const agent = document.getElementById('assign-agent').value;
  const ticketId = dialog.dataset.ticket;
  dialog.close();
  if (!agent) return;
  clearProblem();
  try {
    await call('POST', `/api/ticket/tickets/${encodeURIComponent(ticketId)}/assignment`, { agent });
  } catch (e) {
    showProblem(e);
  }
}

// rows kept by ticket and drawn again only when they changed: a button under the agent's pointer
// stays where it is while the rest of the queue moves
const rows = new Map();

function fingerprint(item) {
  return [item.band, item.status, item.assignee, item.priority, item.urgentTarget, item.category, item.language,
    item.suggestion?.ref, item.suggestions].join('|');
}

function render() {
  const started = performance.now();
  const seen = new Set();
  const ordered = items.map((item) => {
    seen.add(item.ticketId);
    const known = rows.get(item.ticketId);
    if (known && known.fingerprint === fingerprint(item)) return known.tr;
    const tr = row(item);
    rows.set(item.ticketId, { tr, fingerprint: fingerprint(item) });
    return tr;
  });
  for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
  body.replaceChildren(...ordered);
  document.getElementById('empty').hidden = items.length > 0;
  const now = performance.now();
  document.body.dataset.rendered = String(items.length);
  document.body.dataset.renderMillis = (now - started).toFixed(1);
  // from the page's navigation to the first queue drawn with tickets (the browser test reads it)
  if (items.length > 0 && !document.body.dataset.firstRenderMillis) {
    document.body.dataset.firstRenderMillis = now.toFixed(0);
  }
}

function tick() {
  body.querySelectorAll('tr').forEach((tr, i) => {
    const cell = tr.querySelector('.breach');
    if (cell && items[i]) cell.textContent = breachText(items[i]);
  });
}

async function takeTicket(ticketId, button) {
  clearProblem();
  button.disabled = true;
  try {
    await call('POST', `/api/ticket/tickets/${encodeURIComponent(ticketId)}/assignment`, { agent: session.name });
    button.textContent = t('queue.taken');
  } catch (e) {
    button.disabled = false;
    showProblem(e);
  }
}

function follow() {
  if (stream) stream.close();
  const team = document.getElementById('team').value;
  if (!team) return;
  const show = document.getElementById('show').value;
  history.replaceState(null, '', `?team=${encodeURIComponent(team)}&show=${show}`);
  stream = new EventSource(`/api/routing/queues/${encodeURIComponent(team)}/stream?status=${show}&limit=1000`);
  live.textContent = t('queue.reconnecting');
  stream.addEventListener('open', () => { live.textContent = '● ' + t('queue.live'); });
  stream.addEventListener('queue', (event) => {
    items = JSON.parse(event.data).items;
    receivedAt = Date.now();
    render();
  });
  stream.addEventListener('error', () => { live.textContent = t('queue.reconnecting'); });
}

async function teams() {
  const summary = await call('GET', '/api/routing/queues');
  const names = new Set(Object.keys(summary || {}));
  try {
    const agents = await call('GET', '/api/routing/agents');
    agentsByTeam = new Map();
    for (const a of agents) {
      for (const team of a.teams || []) {
        names.add(team);
        if (!agentsByTeam.has(team)) agentsByTeam.set(team, []);
        agentsByTeam.get(team).push(a);
      }
    }
    const me = agents.find((a) => a.id === session.name);
    const available = document.getElementById('available');
    if (me) {
      available.checked = me.available;
      available.addEventListener('change', async () => {
        try {
          await call('PUT', `/api/routing/agents/${encodeURIComponent(me.id)}/availability`, { available: available.checked });
        } catch (e) { available.checked = !available.checked; showProblem(e); }
      });
      return { names: [...names].sort(), mine: (me.teams || [])[0] };
    }
    available.closest('label').hidden = true;
  } catch (e) { /* the list of agents is for agents and operators */ }
  return { names: [...names].sort(), mine: undefined };
}

try {
  session = await start('queue');
  const { names, mine } = await teams();
  const select = document.getElementById('team');
  const params = new URLSearchParams(location.search);
  for (const name of names) select.append(new Option(name, name));
  select.value = params.get('team') || mine || names[0] || '';
  if (params.get('show')) document.getElementById('show').value = params.get('show');
  select.addEventListener('change', follow);
  document.getElementById('assign-form').addEventListener('submit', assign);
  document.getElementById('assign-cancel').addEventListener('click', () => document.getElementById('assign-dialog').close());
  document.getElementById('show').addEventListener('change', follow);
  follow();
  setInterval(tick, 1000);
} catch (e) {
  showProblem(e);
}
