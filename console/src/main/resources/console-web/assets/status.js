// The leads' status page: per team, open tickets by colour band, breached now, at risk within the
// hour, waiting for the customer or a release, from each team's live queue (server-sent events);
// the agents and today's figures are read again when a queue changes (at most every 10 s), never
// on a timer.
import { call, element, showProblem, start, t } from './console.js';

const BANDS = ['breached', 'critical', 'at-risk', 'on-track', 'paused', 'no-target'];
// a key holds at most 4 streams on routing-service; the queue page may hold one
const MAX_TEAMS = 3;
let lastRefresh = 0;
let refreshPending = false;

function figure(id, label, value, extra) {
  return element('div', { class: 'card', 'data-figure': id },
    element('h3', { text: label }), element('p', { class: 'figure', text: String(value) }), extra || null);
}

function teamCard(team) {
  const section = element('section', { class: 'team', 'data-team': team, 'aria-labelledby': 'team-' + team },
    element('h2', { id: 'team-' + team, text: `${t('status.team')}: ${team}` }),
    element('div', { class: 'cards' }));
  document.getElementById('teams').append(section);
  return section;
}

function renderTeam(section, items) {
  const counts = Object.fromEntries(BANDS.map((b) => [b, 0]));
  for (const item of items) counts[item.band] = (counts[item.band] || 0) + 1;
  const atRisk = items.filter((i) => i.band !== 'breached' && i.band !== 'paused' && i.breachAt
    && i.workingSecondsLeft >= 0 && i.workingSecondsLeft <= 3600).length;
  const bands = element('div', { class: 'bands' }, ...BANDS.filter((b) => counts[b] > 0).map((b) =>
    element('span', { class: 'band-' + b }, element('span', { class: 'band', text: `${t('band.' + b)}: ${counts[b]}` }))));
  section.querySelector('.cards').replaceChildren(
    figure('open', t('status.open'), items.length, bands),
    figure('breached', t('status.breachedNow'), counts.breached),
    figure('at-risk', t('status.atRisk'), atRisk),
    figure('waiting-customer', t('status.waitingCustomer'), items.filter((i) => i.waitingFor === 'customer').length),
    figure('waiting-release', t('status.waitingRelease'), items.filter((i) => i.waitingFor === 'release').length));
}

function follow(team) {
  const section = teamCard(team);
  const stream = new EventSource(`/api/routing/queues/${encodeURIComponent(team)}/stream?status=all&limit=500`);
  stream.addEventListener('queue', (event) => {
    renderTeam(section, JSON.parse(event.data).items);
    refreshSoon();
  });
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

async function refresh() {
  lastRefresh = Date.now();
  refreshPending = false;
  try {
    const agents = await call('GET', '/api/routing/agents');
    document.querySelector('#agents tbody').replaceChildren(...agents.map((a) => element('tr', { 'data-agent': a.id },
      element('td', { text: a.name || a.id }), element('td', { text: (a.teams || []).join(', ') }),
      element('td', { text: a.available ? t('status.yes') : t('status.no') }),
      element('td', { text: `${a.load} / ${a.capacity}` }))));
  } catch (e) { showProblem(e); }
  const cards = [];
  try {
    const funnel = await call('GET', `/api/insights/reports/funnel?from=${today()}&to=${today()}`);
    const row = (funnel.rows || [])[0];
    cards.push(figure('opened-today', t('status.openedToday'), row?.opened ?? 0));
    cards.push(figure('resolved-today', t('status.resolvedToday'), row?.resolved ?? 0));
  } catch (e) { cards.push(figure('opened-today', t('status.openedToday'), t('status.notYet'))); }
  try {
    const sla = await call('GET', `/api/insights/reports/sla?from=${today()}&to=${today()}`);
    const rows = sla.rows || [];
    const met = rows.reduce((n, r) => n + (r.metWithin || 0), 0);
    const late = rows.reduce((n, r) => n + (r.metLate || 0) + (r.breachedNotMet || 0), 0);
    cards.push(figure('sla-today', t('status.slaToday'), met + late > 0 ? `${Math.round((100 * met) / (met + late))} %` : '—'));
  } catch (e) { cards.push(figure('sla-today', t('status.slaToday'), t('status.notYet'))); }
  document.getElementById('today').replaceChildren(...cards);
}

function refreshSoon() {
  if (refreshPending) return;
  refreshPending = true;
  setTimeout(refresh, Math.max(0, 10_000 - (Date.now() - lastRefresh)));
}

try {
  await start('status');
  const summary = await call('GET', '/api/routing/queues');
  const teams = new Set(Object.keys(summary || {}));
  try {
    for (const a of await call('GET', '/api/routing/agents')) for (const team of a.teams || []) teams.add(team);
  } catch (e) { /* agents are listed for agents and operators */ }
  const names = [...teams].sort().slice(0, MAX_TEAMS);
  document.getElementById('no-teams').hidden = names.length > 0;
  names.forEach(follow);
  await refresh();
} catch (e) {
  showProblem(e);
}
