// A ticket's page: its facts, its whole history as a timeline (every event, who and when; the
// SLA clock's warnings and breaches from routing; each notification's delivery proof on demand),
// the suggestions with their scores, and the agent's actions, each refusal shown as the API's
// problem. The page follows the ticket live: ticket-service's stream says when it changed.
import { call, clearProblem, element, showNotice, showProblem, start, t, term } from './console.js';

const ticketId = decodeURIComponent(location.pathname.split('/').pop());
const path = `/api/ticket/tickets/${encodeURIComponent(ticketId)}`;
let session;
let version = -1;

const WHO = ['agent', 'by', 'actor', 'assignee', 'requestedBy', 'closedBy'];

function fact(term, value) {
  return [element('dt', { text: term }), element('dd', { text: value ?? '—' })];
}

// the SLA clock's events that belong in the ticket's history (routing-service keeps them)
const SLA_EVENTS = ['SlaWarningRaised', 'SlaTargetBreached', 'SlaTargetMet', 'PriorityEscalated'];
const SLA_DETAILS = ['target', 'policy', 'dueAt', 'elapsed', 'from', 'to'];

function timelineEntry(entry) {
  const who = WHO.map((k) => entry.details?.[k]).find((v) => v);
  const details = Object.entries(entry.details || {})
    .filter(([, v]) => v !== null && v !== '' && typeof v !== 'object')
    .map(([k, v]) => element('span', { class: 'detail' }, element('span', { class: 'key', text: k + ': ' }), String(v)));
  const notification = entry.details?.notificationId;
  const proof = notification ? element('button', { type: 'button', class: 'proof', text: t('ticket.proof') }) : null;
  const item = element('li', { 'data-type': entry.type, class: entry.source === 'sla' ? 'sla' : null },
    element('time', { datetime: entry.at, text: new Date(entry.at).toLocaleString(document.documentElement.lang) }),
    element('strong', { text: ' ' + entry.type }),
    who ? element('span', { class: 'who', text: ' · ' + who }) : null,
    element('div', { class: 'details' }, ...details), proof);
  proof?.addEventListener('click', () => showProof(item, proof, notification));
  return item;
}

// what notification-service knows of a notification's delivery: status, attempts, the server's id
async function showProof(item, button, notificationId) {
  clearProblem();
  try {
    const n = await call('GET', `/api/notification/notifications/${encodeURIComponent(notificationId)}`);
    const facts = [[t('ticket.delivery'), term(n.status)], [t('ticket.attempts'), n.attempts],
      [t('ticket.messageId'), n.messageId], [t('ticket.lastFailure'), n.lastFailure]]
      .filter(([, v]) => v !== null && v !== undefined && v !== '');
    button.replaceWith(element('dl', { class: 'proof' }, ...facts.flatMap(([k, v]) => fact(k, String(v)))));
    item.dataset.proof = n.status;
  } catch (e) {
    showProblem(e);
  }
}

// the SLA clock's warnings, breaches and targets met, as timeline entries
async function slaEntries() {
  try {
    const page = await call('GET', `/api/routing/tickets/${encodeURIComponent(ticketId)}/sla-clock/events?limit=500`);
    return (page.events || []).filter((e) => SLA_EVENTS.includes(e.type)).map((e) => ({
      type: e.type, at: e.timestamp, source: 'sla',
      details: Object.fromEntries(SLA_DETAILS.filter((k) => e.payload?.[k] != null).map((k) => [k, e.payload[k]])),
    }));
  } catch (e) {
    return []; // routing has no clock for it yet
  }
}

async function load() {
  const view = await call('GET', path);
  version = view.version;
  document.getElementById('title').textContent = t('ticket.title', view.ticketId);
  document.title = `ticketloop · ${view.ticketId}`;
  document.body.dataset.status = view.status;
  document.getElementById('facts').replaceChildren(
    ...fact(t('ticket.statusNow'), term(view.status)), ...fact(t('ticket.subject'), view.subject),
    ...fact(t('ticket.channel'), view.channel), ...fact(t('col.priority'), view.priority),
    ...fact(t('col.assignee'), view.assignee), ...fact(t('col.language'), view.locale),
    ...fact(t('ticket.customer'), view.customerTier));
  const history = [...(view.history || []), ...await slaEntries()]
    .sort((a, b) => new Date(a.at) - new Date(b.at));
  document.getElementById('timeline').replaceChildren(...history.map(timelineEntry));
  try {
    const sla = await call('GET', `/api/routing/tickets/${encodeURIComponent(ticketId)}/sla-clock`);
    document.getElementById('facts').append(...fact(t('ticket.sla'), summary(sla)));
  } catch (e) { /* not yet triaged */ }
  try {
    const s = await call('GET', `/api/routing/tickets/${encodeURIComponent(ticketId)}/suggestions`);
    const list = (s.suggestions || []).map((x) => element('li', {},
      element('strong', { text: x.title || x.ref }), ` (${x.kind}, ${t('ticket.score')} ${x.score.toFixed(2)})`,
      x.answer ? element('p', { class: 'answer', text: x.answer }) : null));
    document.getElementById('suggestions').replaceChildren(...(list.length ? list : [element('li', { text: t('ticket.noSuggestions') })]));
  } catch (e) { /* routing does not know it yet */ }
  return view;
}

function summary(sla) {
  const targets = (sla.targets || []).map((x) => `${x.target}: ${x.breached ? t('band.breached') : x.phase}${x.warned && !x.breached ? ' ⚠' : ''}`);
  return `${sla.policy} · ${targets.join(', ')}`;
}

async function act(method, suffix, body) {
  clearProblem();
  try {
    const before = version;
    const state = await call(method, path + suffix, body);
    showNotice(t('ticket.done', term(state?.status) ?? ''));
    // the page's view follows the ticket within moments: read it again until it has the step
    for (let i = 0; i < 20; i++) {
      await load();
      if (version > before) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return true;
  } catch (e) {
    showProblem(e);
    return false;
  }
}

function onSubmit(id, handler) {
  document.getElementById(id).addEventListener('submit', (event) => { event.preventDefault(); handler(); });
}

// reads the ticket again whenever ticket-service says it changed (an EventSource reconnects
// by itself; the console passes the stream with the session)
function follow() {
  const stream = new EventSource(`${path}/stream`);
  stream.addEventListener('ticket', async (event) => {
    if (JSON.parse(event.data).version > version) {
      try { await load(); } catch (e) { showProblem(e); }
    }
  });
  window.addEventListener('pagehide', () => stream.close());
}

try {
  session = await start('ticket');
  await load();
  follow();
  document.getElementById('take').addEventListener('click', () => act('POST', '/assignment', { agent: session.name }));
  onSubmit('reply-form', () => act('POST', '/replies', { body: document.getElementById('reply').value }));
  document.getElementById('ask').addEventListener('click',
    () => act('POST', '/clarification-requests', { question: document.getElementById('reply').value }));
  onSubmit('resolve-form', () => act('POST', '/resolution', { resolution: document.getElementById('resolution').value }));
  onSubmit('escalate-form', () => act('POST', '/escalation', { title: document.getElementById('issue-title').value }));
  onSubmit('link-form', () => act('POST', '/issue-link', { issueKey: document.getElementById('issue-key').value }));
  onSubmit('merge-form', () => act('POST', '/merge', { survivingTicketId: document.getElementById('survivor').value }));
} catch (e) {
  showProblem(e);
}
