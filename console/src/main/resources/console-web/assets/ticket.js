// A ticket's page: its facts, its whole history as a timeline (every event, who and when), the
// suggestions with their scores, and the agent's actions, each refusal shown as the API's problem.
import { call, clearProblem, element, showNotice, showProblem, start, t, term } from './console.js';

const ticketId = decodeURIComponent(location.pathname.split('/').pop());
const path = `/api/ticket/tickets/${encodeURIComponent(ticketId)}`;
let session;
let version = -1;

const WHO = ['agent', 'by', 'actor', 'assignee', 'requestedBy', 'closedBy'];

function fact(term, value) {
  return [element('dt', { text: term }), element('dd', { text: value ?? '—' })];
}

function timelineEntry(entry) {
  const who = WHO.map((k) => entry.details?.[k]).find((v) => v);
  const details = Object.entries(entry.details || {})
    .filter(([, v]) => v !== null && v !== '' && typeof v !== 'object')
    .map(([k, v]) => element('span', { class: 'detail' }, element('span', { class: 'key', text: k + ': ' }), String(v)));
  return element('li', { 'data-type': entry.type },
    element('time', { datetime: entry.at, text: new Date(entry.at).toLocaleString(document.documentElement.lang) }),
    element('strong', { text: ' ' + entry.type }),
    who ? element('span', { class: 'who', text: ' · ' + who }) : null,
    element('div', { class: 'details' }, ...details));
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
  document.getElementById('timeline').replaceChildren(...(view.history || []).map(timelineEntry));
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

try {
  session = await start('ticket');
  await load();
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
