// The operators' page: every service's event processors (state, how far behind, a replay's
// progress; pause, resume, replay), insights-service's replay of the topics, the notifications
// given up on (send again, discard) and every service's Kafka records set aside (send again,
// discard).
import { call, clearProblem, element, showNotice, showProblem, start, t } from './console.js';

const SERVICES = ['ticket', 'routing', 'notification'];

function button(label, handler, name) {
  return element('button', { type: 'button', text: label, 'aria-label': `${label} ${name}`, onclick: handler });
}

async function act(method, url, body, done) {
  clearProblem();
  try {
    await call(method, url, body);
    showNotice(done);
    await load();
  } catch (e) {
    showProblem(e);
  }
}

function replayText(p) {
  if (!p.replay) return '';
  const r = p.replay;
  return `${r.state} ${r.done} / ${r.done + r.toDo}`;
}

async function processors() {
  const rows = [];
  for (const service of SERVICES) {
    let list = [];
    try {
      list = await call('GET', `/api/${service}/operations/processors`);
    } catch (e) { showProblem(e); continue; }
    for (const p of list) {
      const base = `/api/${service}/operations/processors/${encodeURIComponent(p.name)}`;
      const name = `${service}-service ${p.name}`;
      const actions = [];
      if (p.state === 'PAUSED') actions.push(button(t('ops.resume'), () => act('POST', base + '/resume', undefined, name), name));
      else actions.push(button(t('ops.pause'), () => act('POST', base + '/pause', undefined, name), name));
      if (p.replayable) actions.push(button(t('ops.replay'), () => act('POST', base + '/replay', undefined, name), name));
      rows.push(element('tr', { 'data-processor': `${service}/${p.name}`, 'data-state': p.state },
        element('td', { text: `${service}-service` }), element('td', { text: p.name }), element('td', { text: p.state }),
        element('td', { text: String(p.lagEvents) }),
        element('td', { text: p.replayable ? replayText(p) : t('ops.notReplayable') }),
        element('td', { class: 'actions' }, ...actions)));
    }
  }
  document.querySelector('#processors tbody').replaceChildren(...rows);
}

async function deadLetters() {
  const page = await call('GET', '/api/notification/dead-letters?limit=200');
  const rows = page.items.map((d) => {
    const base = `/api/notification/dead-letters/${encodeURIComponent(d.notificationId)}`;
    return element('tr', { 'data-dead-letter': d.notificationId },
      element('td', { text: d.ticketId }), element('td', { text: d.reason }), element('td', { text: d.channel }),
      element('td', { text: String(d.attempts) }), element('td', { text: [d.failure, d.detail].filter((x) => x).join(' · ') }),
      element('td', { text: d.abandonedAt ? new Date(d.abandonedAt).toLocaleString(document.documentElement.lang) : '' }),
      element('td', { class: 'actions' },
        button(t('ops.retry'), () => act('POST', base + '/retry', undefined, d.notificationId), d.notificationId),
        button(t('ops.discard'), () => act('POST', base + '/discard', { note: 'discarded in the console' }, d.notificationId),
          d.notificationId)));
  });
  document.querySelector('#dead-letters tbody').replaceChildren(...rows);
  document.getElementById('no-dead-letters').hidden = rows.length > 0;
}

// insights-service reads the topics, not an event store: its replay starts over from them
async function insights() {
  const base = '/api/insights/operations/insights/replay';
  let state = t('ops.neverReplayed');
  try {
    const r = await call('GET', base);
    state = `${r.state} · ${new Date(r.requestedAt).toLocaleString(document.documentElement.lang)} · ${r.requestedBy}`;
  } catch (e) {
    if (e.problem?.status !== 404) showProblem(e);
  }
  const status = document.getElementById('insights-replay');
  status.textContent = state;
  document.getElementById('insights-actions').replaceChildren(
    button(t('ops.replay'), () => act('POST', base, undefined, 'insights-service'), 'insights-service'));
}

// the records a service's consumers could not handle, set aside on the dead-letter topics
async function records() {
  const rows = [];
  for (const service of [...SERVICES, 'insights']) {
    let page = { items: [] };
    try {
      page = await call('GET', `/api/${service}/operations/dead-letter-records?state=pending`);
    } catch (e) { showProblem(e); continue; }
    for (const r of page.items) {
      const id = `${r.deadLetterTopic}/${r.partition}/${r.offset}`;
      const base = `/api/${service}/operations/dead-letter-records/${encodeURIComponent(r.deadLetterTopic)}/${r.partition}/${r.offset}`;
      rows.push(element('tr', { 'data-record': `${service}/${id}` },
        element('td', { text: `${service}-service` }),
        element('td', { text: `${r.originalTopic} ${r.originalPartition ?? ''}:${r.originalOffset ?? ''}` }),
        element('td', { text: r.reason || r.exception || '' }),
        element('td', { text: r.deadLetteredAt ? new Date(r.deadLetteredAt).toLocaleString(document.documentElement.lang) : '' }),
        element('td', { class: 'actions' },
          button(t('ops.redrive'), () => act('POST', base + '/redrive', undefined, id), id),
          button(t('ops.discard'), () => act('POST', base + '/discard', { note: 'discarded in the console' }, id), id))));
    }
  }
  document.querySelector('#records tbody').replaceChildren(...rows);
  document.getElementById('no-records').hidden = rows.length > 0;
}

async function load() {
  await processors();
  await insights();
  await records();
  await deadLetters();
}

try {
  await start('operations');
  await load();
} catch (e) {
  showProblem(e);
}
