// One known issue: its facts, its linked tickets and how far the outcome's fan-out has come (the
// share of linked tickets whose customer was told), and engineering's and agents' actions on it.
import { call, clearProblem, element, showNotice, showProblem, start, t, term } from './console.js';

const key = decodeURIComponent(location.pathname.split('/').pop());
const path = `/api/ticket/issues/${encodeURIComponent(key)}`;
// a linked ticket whose customer has been told of the fix or of the decline
const TOLD = new Set(['CUSTOMER_NOTIFIED', 'RESOLVED', 'CLOSED']);
let version = -1;
let following = 0;
let mayOpenTickets = false;

function fact(term, value) {
  return [element('dt', { text: term }), element('dd', { text: value ?? '—' })];
}

async function tickets() {
  const all = [];
  let after = null;
  do {
    const page = await call('GET', `${path}/tickets?limit=200${after ? '&after=' + encodeURIComponent(after) : ''}`);
    all.push(...page.items);
    after = page.next;
  } while (after && all.length < 2000);
  return all;
}

async function load() {
  const issue = await call('GET', path);
  version = issue.version;
  document.getElementById('title').textContent = t('issue.title', issue.issueKey);
  document.body.dataset.status = issue.status;
  document.getElementById('facts').replaceChildren(...fact(t('issue.state'), term(issue.status)),
    ...fact(t('issue.key'), issue.title), ...fact(t('issue.description'), issue.description),
    ...fact(t('issue.version'), issue.releasedVersion || issue.targetVersion), ...fact(t('issue.linked'), issue.linkedTickets));
  const linked = await tickets();
  document.querySelector('#tickets tbody').replaceChildren(...linked.map((x) => element('tr', { 'data-ticket': x.ticketId },
    element('td', {}, mayOpenTickets ? element('a', { href: '/tickets/' + encodeURIComponent(x.ticketId), text: x.ticketId })
      : x.ticketId),
    element('td', { text: term(x.status) }), element('td', { text: x.channel }), element('td', { text: x.subject }))));
  const told = linked.filter((x) => TOLD.has(x.status)).length;
  const progress = document.getElementById('fanout');
  progress.max = Math.max(1, linked.length);
  progress.value = told;
  document.getElementById('fanout-text').textContent = t('issue.told', told, linked.length);
  document.body.dataset.told = String(told);
  // while the fan-out goes on, its progress is read again every 2 s (for at most a minute)
  if ((issue.status === 'RELEASED' || issue.status === 'WONT_FIX') && told < linked.length && following < 30) {
    following++;
    setTimeout(() => load().catch(showProblem), 2000);
  }
}

async function act(suffix, body, url) {
  clearProblem();
  try {
    const before = version;
    const state = await call('POST', url || path + suffix, body);
    showNotice(t('issue.done', term(state?.status) ?? (state?.issues || []).map((i) => `${i.issueKey}: ${i.outcome}`).join(', ')));
    following = 0;
    for (let i = 0; i < 20; i++) {
      await load();
      if (version > before) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (e) {
    showProblem(e);
  }
}

function onSubmit(id, handler) {
  document.getElementById(id).addEventListener('submit', (event) => { event.preventDefault(); handler(); });
}

try {
  const session = await start('issue');
  mayOpenTickets = session.pages.includes('ticket');
  await load();
  document.getElementById('confirm').addEventListener('click', () => act('/confirmation'));
  onSubmit('schedule-form', () => act('/fix-schedule', { targetVersion: document.getElementById('target-version').value }));
  onSubmit('decline-form', () => act('/decline', { explanation: document.getElementById('explanation').value }));
  onSubmit('release-form', () => act('', { version: document.getElementById('release-version').value, fixedIssues: [key] },
    '/api/ticket/releases'));
} catch (e) {
  showProblem(e);
}
