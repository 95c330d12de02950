import './style.css';
import { ApiError, query } from './api';
import { draw, resizeAll } from './chart';
import { toCsv } from './csv';
import type { Panel, View } from './panel';
import { type PageState, readState, stateUrl } from './state';
import { backtestView } from './views/backtest.view';
import { churnView } from './views/churn.view';
import { clvView } from './views/clv.view';
import { overviewView } from './views/overview.view';
import { retentionView } from './views/retention.view';
import { rfmView } from './views/rfm.view';
import { runsView } from './views/runs.view';
import { segmentsView } from './views/segments.view';

const VIEWS: View[] = [overviewView, rfmView, clvView, churnView, retentionView, backtestView, segmentsView, runsView];
const KEY_STORE = 'customer-graph.key';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const main = $<HTMLElement>('main');
const keyInput = $<HTMLInputElement>('key');
const segmentSelect = $<HTMLSelectElement>('segment');
const granularitySelect = $<HTMLSelectElement>('granularity');

// The key stays in this tab (sessionStorage), never in the URL: permalinks can be shared.
let key = sessionStorage.getItem(KEY_STORE) ?? '';
let state: PageState = readState(location.search, VIEWS.map((v) => v.id));
let loadedSegments = false;
/** The CSV downloads of the panels shown (blob URLs, released when the panels are replaced). */
const csvUrls: string[] = [];
/** Each render is numbered, so that a slow answer to an older filter never replaces a newer one. */
let renderId = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

function renderNav(): void {
  $('views').replaceChildren(...VIEWS.map((v) => el('a', {
    href: stateUrl({ ...state, view: v.id }), textContent: v.title, className: v.id === state.view ? 'current' : '',
    onclick: (e: MouseEvent) => { e.preventDefault(); go({ ...state, view: v.id }); },
  })));
  segmentSelect.value = state.segment;
  granularitySelect.value = state.granularity;
  $<HTMLAnchorElement>('permalink').href = stateUrl(state);
}

function message(text: string, kind: 'info' | 'error' = 'info'): void {
  main.replaceChildren(el('p', { className: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status', textContent: text }));
}

/** What to tell the user for an error, by its stable code. */
function explain(err: unknown): string {
  if (!(err instanceof ApiError)) return `The dashboard could not reach the server: ${String(err)}`;
  if (err.code === 'UNAUTHENTICATED') return `This key was not accepted (UNAUTHENTICATED): ${err.message} Paste another key above.`;
  if (err.code === 'FORBIDDEN') return `This key's roles may not read this view (FORBIDDEN): ${err.message}`;
  return `The server refused this view (${err.code}): ${err.message}`;
}

function panelSection(p: Panel): HTMLElement {
  const csv = URL.createObjectURL(new Blob([toCsv(p.columns, p.rows)], { type: 'text/csv' }));
  csvUrls.push(csv);
  const table = el('table', {},
    el('thead', {}, el('tr', {}, ...p.columns.map((c) => el('th', { scope: 'col', textContent: c })))),
    el('tbody', {}, ...p.rows.map((r) => el('tr', {}, ...r.map((c) => el('td', { textContent: c === null ? '' : String(c) }))))));
  const section = el('section', { className: 'panel' },
    el('h2', { textContent: p.title }),
    ...(p.note ? [el('p', { className: 'note', textContent: p.note })] : []));
  section.dataset.panel = p.id;
  section.dataset.marks = String(p.marks);
  const chart = p.chart && p.rows.length ? el('div', { className: 'chart', role: 'img', ariaLabel: p.title }) : null;
  if (chart) {
    if (p.height) chart.style.height = `${p.height}px`;
    section.append(chart);
  }
  if (!p.rows.length) section.append(el('p', { className: 'message info', textContent: 'No data for this filter yet.' }));
  section.append(
    el('p', { className: 'actions' }, el('a', { href: csv, download: `${state.view}-${p.id}.csv`, textContent: `Download CSV (${p.rows.length} ${p.rows.length === 1 ? 'row' : 'rows'})` })),
    el('details', { open: p.rows.length <= 20 }, el('summary', { textContent: 'Data' }), table),
  );
  if (chart && p.chart) queueMicrotask(() => draw(chart, p.chart!));
  return section;
}

async function render(): Promise<void> {
  const mine = ++renderId;
  renderNav();
  $('view-controls').hidden = true;
  if (!key) return message('Paste an API key above: every view reads the GraphQL API with it (the analyst role sees personal data masked).');
  const view = VIEWS.find((v) => v.id === state.view)!;
  message(`Loading ${view.title}...`);
  try {
    if (!loadedSegments) await loadSegments();
    const controls = view.controls ? await view.controls(key, state, (patch) => go({ ...state, ...patch })) : [];
    if (mine !== renderId) return;
    $('view-controls').replaceChildren(...controls);
    $('view-controls').hidden = !controls.length;
    const panels = await view.load(key, state);
    if (mine !== renderId) return;
    // The previous view's downloads go with it.
    for (const url of csvUrls.splice(0)) URL.revokeObjectURL(url);
    main.replaceChildren(el('h1', { textContent: view.title }), ...panels.map(panelSection));
    if (!panels.length && view.empty) main.append(el('p', { className: 'message info', role: 'status', textContent: view.empty }));
    main.dataset.view = view.id;
  } catch (err) {
    if (mine === renderId) message(explain(err), 'error');
  }
}

async function loadSegments(): Promise<void> {
  const { segments } = await query<{ segments: { key: string; name: string; size: number }[] }>(key, '{ segments { key name size } }');
  segmentSelect.replaceChildren(el('option', { value: '', textContent: 'everyone' }),
    ...segments.map((s) => el('option', { value: s.key, textContent: `${s.name} (${s.size})` })));
  segmentSelect.value = state.segment;
  loadedSegments = true;
}

function go(next: PageState): void {
  state = next;
  history.pushState(null, '', stateUrl(state));
  void render();
}

$<HTMLFormElement>('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  key = keyInput.value.trim();
  sessionStorage.setItem(KEY_STORE, key);
  loadedSegments = false;
  void render();
});
segmentSelect.addEventListener('change', () => go({ ...state, segment: segmentSelect.value }));
granularitySelect.addEventListener('change', () => go({ ...state, granularity: granularitySelect.value as PageState['granularity'] }));
window.addEventListener('popstate', () => { state = readState(location.search, VIEWS.map((v) => v.id)); void render(); });
window.addEventListener('resize', () => resizeAll(main));
window.addEventListener('beforeprint', () => {
  // Print shows every data table, so nothing is read from colour alone.
  for (const d of main.querySelectorAll('details')) d.open = true;
  resizeAll(main);
});
keyInput.value = key;
void render();
