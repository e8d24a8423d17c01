// What every page of the console shares: its words, the session, calls of the services through
// /api/<service>/ with the CSRF token, problem details shown as they came, the navigation.
import { MESSAGES } from './i18n.js';

export const LANGUAGES = ['en', 'es', 'zh'];

export function language() {
  const chosen = localStorage.getItem('ticketloop.language');
  if (LANGUAGES.includes(chosen)) return chosen;
  for (const l of navigator.languages || []) {
    const base = l.toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

export function t(key, ...args) {
  const text = (MESSAGES[language()] || {})[key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** A value the services send (a status, a step, a target) in the reader's language, or as sent. */
export function term(value) {
  if (value === null || value === undefined || value === '') return value;
  const key = 'v.' + value;
  return (MESSAGES[language()] || {})[key] ?? MESSAGES.en[key] ?? value;
}

/** Puts the words of the current language into every element with data-i18n. */
export function translate(root = document) {
  document.documentElement.lang = language();
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nLabel)); });
}

function csrfToken() {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
}

/** A refusal or failure: the problem detail as the service or the console sent it. */
export class Problem extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || 'Refused');
    this.problem = problem;
  }
}

/** Calls the console (a path such as /session or /api/ticket/tickets/1); JSON in, JSON out. */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new Problem({ title: t('problem.title'), detail: t('problem.network') });
  }
  const type = response.headers.get('Content-Type') || '';
  const content = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    if (response.status === 401 && path !== '/session') {
      location.assign('/sign-in?next=' + encodeURIComponent(location.pathname + location.search));
    }
    throw new Problem(content || { status: response.status, title: response.statusText });
  }
  return content;
}

/** Shows a problem detail (title, detail, status) in the page's alert region. */
export function showProblem(error) {
  const region = document.getElementById('problem');
  if (!region) return;
  const p = error instanceof Problem ? error.problem : { title: t('problem.title'), detail: String(error) };
  region.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = `${p.title || t('problem.title')}${p.status ? ` (${p.status})` : ''}`;
  const detail = document.createElement('span');
  detail.textContent = ' ' + (p.detail || '');
  region.append(title, detail);
  region.dataset.type = p.type || '';
  region.hidden = false;
}

export function clearProblem() {
  const region = document.getElementById('problem');
  if (region) { region.hidden = true; region.replaceChildren(); }
}

export function showNotice(text) {
  const region = document.getElementById('notice');
  if (region) { region.textContent = text; region.hidden = false; }
}

/** Reads the session, draws the navigation with the pages this person may open; the session. */
export async function start(current) {
  translate();
  const session = await call('GET', '/session');
  const nav = document.getElementById('nav');
  const list = document.createElement('ul');
  for (const page of session.pages.filter((p) => p !== 'ticket' && p !== 'issue')) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '/' + page;
    link.textContent = t('nav.' + page);
    if (page === current) link.setAttribute('aria-current', 'page');
    item.append(link);
    list.append(item);
  }
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = `${session.name} (${session.role})`;
  const choose = document.createElement('select');
  choose.id = 'language';
  choose.setAttribute('aria-label', t('nav.language'));
  for (const l of LANGUAGES) {
    const option = new Option({ en: 'English', es: 'Español', zh: '中文' }[l], l, false, l === language());
    choose.append(option);
  }
  choose.addEventListener('change', () => { localStorage.setItem('ticketloop.language', choose.value); location.reload(); });
  const out = document.createElement('button');
  out.type = 'button';
  out.id = 'sign-out';
  out.textContent = t('nav.signOut');
  out.addEventListener('click', async () => {
    try { await call('DELETE', '/session'); } finally { location.assign('/sign-in'); }
  });
  nav.replaceChildren(list, who, choose, out);
  return session;
}

/** "1 h 05 min", "12 min 30 s" from seconds (working time as the SLA counts it). */
export function duration(seconds) {
  const s = Math.abs(Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(r).padStart(2, '0')} s`;
  return `${r} s`;
}

export function element(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null) continue;
    if (k === 'text') el.textContent = v; else if (k.startsWith('on')) el.addEventListener(k.substring(2), v);
    else el.setAttribute(k, v);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}
