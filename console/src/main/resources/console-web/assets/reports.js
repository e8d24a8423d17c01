// The loop's numbers as charts (insights-service): the funnel as bars, SLA attainment per target
// with a bar each, satisfaction as heat maps of category × channel and category × platform. Bars
// and cells carry their figures as text, so the charts read without colour too.
import { call, clearProblem, element, showProblem, start, t, term } from './console.js';

const percent = (x) => (x == null ? '—' : `${Math.round(x * 1000) / 10} %`);

function bar(share, label) {
  const width = Math.max(0, Math.min(100, share * 100));
  return element('div', { class: 'bar', role: 'img', 'aria-label': label },
    element('span', { class: 'fill', style: null, 'data-width': width.toFixed(1) }));
}

// the stylesheet only allows 'self': widths are set through the CSSOM, not a style attribute
function sizeBars(root) {
  root.querySelectorAll('.fill[data-width]').forEach((el) => { el.style.width = `${el.dataset.width}%`; });
}

function funnel(report) {
  const row = (report.rows || [])[0];
  const box = document.getElementById('funnel');
  if (!row) {
    box.replaceChildren(element('p', { text: t('reports.none') }));
    document.getElementById('single-reply').textContent = '';
    return;
  }
  document.getElementById('single-reply').textContent = t('reports.singleReply', percent(row.singleReplyRate));
  box.replaceChildren(...row.steps.map((s) => element('div', { class: 'bar-row', 'data-step': s.step },
    element('span', { class: 'bar-label', text: term(s.step) }),
    bar(s.shareOfOpened, `${term(s.step)}: ${s.reached} (${percent(s.shareOfOpened)})`),
    element('span', { class: 'bar-figure', text: `${s.reached} · ${percent(s.shareOfOpened)}` }))));
  sizeBars(box);
}

function sla(report) {
  const rows = (report.rows || []).map((r) => element('tr', {},
    element('td', { text: term(r.target) }), element('td', { text: r.policy }), element('td', { text: r.team }),
    element('td', { text: String(r.metWithin) }), element('td', { text: String(r.metLate) }),
    element('td', { text: String(r.breachedNotMet) }),
    element('td', {}, bar(r.attainment ?? 0, percent(r.attainment)), ' ', percent(r.attainment))));
  const body = document.querySelector('#sla tbody');
  body.replaceChildren(...(rows.length ? rows : [element('tr', {}, element('td', { colspan: '7', text: t('reports.none') }))]));
  sizeBars(body);
}

// five steps from red (1) to green (5), each with dark text (contrast AA)
function heat(mean) {
  return `heat-${Math.max(1, Math.min(5, Math.round(mean)))}`;
}

function heatMap(id, report) {
  const cells = report.cells || [];
  const box = document.getElementById(id);
  if (!cells.length) {
    box.replaceChildren(element('p', { text: t('reports.none') }));
    return;
  }
  const categories = [...new Set(cells.map((c) => c.category))].sort();
  const values = [...new Set(cells.map((c) => c.value))].sort();
  const byKey = new Map(cells.map((c) => [`${c.category}|${c.value}`, c]));
  box.replaceChildren(element('table', { class: 'heat', 'data-by': report.by },
    element('thead', {}, element('tr', {}, element('th', { scope: 'col', text: t('reports.category') }),
      ...values.map((v) => element('th', { scope: 'col', text: v })))),
    element('tbody', {}, ...categories.map((c) => element('tr', {}, element('th', { scope: 'row', text: c }),
      ...values.map((v) => {
        const cell = byKey.get(`${c}|${v}`);
        if (!cell) return element('td', { text: '—' });
        // the cell opens its ratings and comments below the maps
        const open = element('button', { type: 'button', class: 'cell', title: t('reports.cell', cell.count, cell.mean.toFixed(2)) },
          element('strong', { text: cell.mean.toFixed(1) }), ` (${cell.count})`);
        open.addEventListener('click', () => ratings(report.by, c, v).catch(showProblem));
        return element('td', { class: heat(cell.mean), 'data-cell': `${c}|${v}` }, open);
      }))))));
}

// the ratings and comments behind one cell, the latest first
async function ratings(by, category, value) {
  clearProblem();
  const period = `from=${document.getElementById('from').value}&to=${document.getElementById('to').value}`;
  const r = await call('GET', `/api/insights/reports/csat/ratings?${period}&by=${encodeURIComponent(by)}`
    + `&category=${encodeURIComponent(category)}&value=${encodeURIComponent(value)}`);
  const box = document.getElementById('ratings');
  box.hidden = false;
  box.dataset.cell = `${category}|${value}`;
  document.getElementById('ratings-title').textContent = t('reports.ratings', category, value, r.total);
  document.querySelector('#ratings tbody').replaceChildren(...(r.ratings || []).map((row) => element('tr', {},
    element('td', { class: heat(row.score), text: String(row.score) }),
    element('td', { text: row.comment || '—' }),
    element('td', {}, element('time', { datetime: row.ratedAt,
      text: new Date(row.ratedAt).toLocaleString(document.documentElement.lang) })),
    element('td', {}, element('a', { href: `/tickets/${encodeURIComponent(row.ticketId)}`, text: row.ticketId })))));
  box.scrollIntoView({ block: 'nearest' });
}

async function load() {
  const from = document.getElementById('from').value;
  const to = document.getElementById('to').value;
  const q = `from=${from}&to=${to}`;
  const [f, s, channel, platform] = await Promise.all([
    call('GET', `/api/insights/reports/funnel?${q}`), call('GET', `/api/insights/reports/sla?${q}`),
    call('GET', `/api/insights/reports/csat?${q}&by=channel`), call('GET', `/api/insights/reports/csat?${q}&by=platform`)]);
  funnel(f);
  sla(s);
  heatMap('csat-channel', channel);
  heatMap('csat-platform', platform);
  document.getElementById('ratings').hidden = true;
  document.body.dataset.loaded = `${from}/${to}`;
}

try {
  await start('reports');
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 29 * 86_400_000);
  document.getElementById('to').value = today.toISOString().slice(0, 10);
  document.getElementById('from').value = monthAgo.toISOString().slice(0, 10);
  document.getElementById('period').addEventListener('submit', (event) => {
    event.preventDefault();
    load().catch(showProblem);
  });
  await load();
} catch (e) {
  showProblem(e);
}
