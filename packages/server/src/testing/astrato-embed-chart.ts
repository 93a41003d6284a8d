/**
 * The emulated dashboard's chart: net sales by product group, stacked by organisation, as
 * an inline SVG drawn in the page from the rows the session may see and the dynamic filters
 * applied so far. No library: the emulator serves the page itself.
 *
 * @module
 */

/** @internal The chart's styles. */
export const CHART_STYLE = `
.chart{display:flex;flex-direction:column}.chips{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 12px}
.chip{font-size:12px;padding:2px 9px;border-radius:999px;background:#eef2fd;color:#2a4aa8;border:1px solid #cfd9f7}
.chip.rls{background:#1d2433;color:#fff;border-color:#1d2433}
.kpis{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:8px;margin:0 0 14px}
.kpi{background:#f6f7fb;border-radius:6px;padding:8px 10px}
.kpi b{display:block;font-size:19px;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.kpi span{font-size:12px;color:#687089}
.chart-head{display:flex;align-items:baseline;gap:8px;margin:0 0 4px}
.chart-head h2{margin:0;font-size:14px}.chart-head span{font-size:12px;color:#687089}
#chart{flex:1;min-height:150px;position:relative}#chart svg{position:absolute;inset:0}
#chart text{font:12px system-ui,sans-serif;fill:#4a5268}
#chart .value{font-weight:600;fill:#1d2433}
#chart .empty{font-size:13px;fill:#687089}
[data-selectable] #chart rect{cursor:pointer}#chart rect.selected{stroke:#1d2433;stroke-width:2}
.legend{display:flex;gap:14px;font-size:12px;color:#4a5268;margin:6px 0 0}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
`;

/**
 * @internal The chart's script; it expects `state` (rows, model, org, access) in scope and
 * defines `drawChart(filters)`, called with the filters in force (`[field, values]` pairs) after
 * each change (it answers whether it drew any bars), and `selectedCategory`, the product group whose bars are outlined as selected.
 * Filters on fields the model does not have are ignored, as a filter on a missing field changes
 * nothing in a dashboard.
 */
export const CHART_SCRIPT = `
const COLOURS = ['#3867d6', '#f59f3a', '#1fa59a'];
let selectedCategory = null;
const NS = 'http://www.w3.org/2000/svg';
const node = (name, attributes, text) => {
  const element = document.createElementNS(NS, name);
  for (const key in attributes) element.setAttribute(key, String(attributes[key]));
  if (text !== undefined) element.textContent = text;
  return element;
};
const money = (thousands) => thousands === 0 ? '£0' : thousands >= 1000 ? '£' + Number((thousands / 1000).toFixed(2)) + 'm' : '£' + Math.round(thousands) + 'k';
// A round step near a quarter of the largest bar, so the axis has three to five ticks.
const axisStep = (largest) => {
  const power = 10 ** Math.floor(Math.log10(largest / 4));
  return [1, 2, 2.5, 5, 10].find((step) => step * power * 4 >= largest) * power;
};
const colour = (org) => COLOURS[state.model.organisations.indexOf(org) % COLOURS.length];
const sumBy = (rows, column) => {
  const sums = new Map();
  for (const row of rows) sums.set(row[column], (sums.get(row[column]) ?? 0) + row[4]);
  return sums;
};
const largest = (rows, column) => [...sumBy(rows, column)].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '–';
function emptyReason(rows) {
  if (!state.access) return 'No data: this user is in no group.';
  if (state.org === undefined) return 'No data: the session set no org_id parameter, and this model shows nothing without one.';
  if (state.rows.length === 0) return 'No data for org_id ' + state.org + ': the emulated data covers ' + state.model.organisations.join(', ') + '.';
  return rows.length === 0 ? 'No rows match the applied filters.' : '';
}
function drawChart(filters) {
  const active = [...filters].filter(([field]) => field in state.model.fields);
  const rows = state.rows.filter((row) => active.every(([field, values]) => values.includes(row[state.model.fields[field].column])));
  const chips = document.getElementById('chips');
  const rls = state.org === null ? 'Row level: all organisations' : state.org === undefined ? 'Row level: no org_id' : 'Row level: org_id ' + state.org;
  chips.replaceChildren(Object.assign(document.createElement('span'), { className: 'chip rls', textContent: rls }),
    ...active.map(([field, values]) => Object.assign(document.createElement('span'), { className: 'chip', textContent: state.model.fields[field].label + ': ' + values.join(', ') })));
  document.getElementById('total').textContent = money(rows.reduce((sum, row) => sum + row[4], 0));
  document.getElementById('top-country').textContent = largest(rows, 1);
  document.getElementById('top-group').textContent = largest(rows, 2);

  const byCategory = state.model.categories.filter((category) => rows.some((row) => row[2] === category));
  const orgs = state.model.organisations.filter((org) => rows.some((row) => row[0] === org));
  const years = [...new Set(rows.map((row) => row[3]))].sort();
  document.getElementById('chart-note').textContent = (years.length > 1 ? years[0] + '–' + years.at(-1) : years.join('')) + (orgs.length > 1 ? ', stacked by organisation' : '');
  const chart = document.getElementById('chart');
  // Drawn at the tile's own size in pixels, so it fills the tile and text never scales.
  const width = Math.max(chart.clientWidth, 280), height = Math.max(chart.clientHeight, 120);
  const left = 96, right = 60, axis = 22;
  const band = (height - axis) / Math.max(1, byCategory.length), barHeight = Math.min(30, band * 0.62);
  const svg = node('svg', { viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img', 'aria-label': 'Net sales by product group', 'data-testid': 'chart' });
  const reason = emptyReason(rows);
  if (reason) {
    svg.append(node('text', { class: 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle', 'data-testid': 'chart-empty' }, reason));
  } else {
    const totals = byCategory.map((category) => rows.filter((row) => row[2] === category).reduce((sum, row) => sum + row[4], 0));
    const step = axisStep(Math.max(...totals));
    const max = step * Math.ceil(Math.max(...totals) / step);
    const scale = (value) => (value / max) * (width - left - right);
    for (let tick = 0; tick <= max / step; tick++) {
      const x = left + scale(tick * step);
      svg.append(node('line', { x1: x, x2: x, y1: 0, y2: height - axis, stroke: '#e6e9f2' }),
        node('text', { x, y: height - 6, 'text-anchor': 'middle' }, money(tick * step)));
    }
    byCategory.forEach((category, index) => {
      const y = index * band + (band - barHeight) / 2, middle = y + barHeight / 2 + 4;
      svg.append(node('text', { x: left - 10, y: middle, 'text-anchor': 'end' }, category));
      let x = left;
      for (const [org, sales] of sumBy(rows.filter((row) => row[2] === category), 0)) {
        const bar = node('rect', { x, y, width: Math.max(scale(sales), 0.5), height: barHeight, rx: 2, fill: colour(org), 'data-testid': 'bar', 'data-org': org, 'data-category': category, 'data-value': sales, ...(category === selectedCategory ? { class: 'selected' } : {}) });
        bar.append(node('title', {}, org + ' · ' + category + ': ' + money(sales)));
        svg.append(bar);
        x += scale(sales);
      }
      svg.append(node('text', { class: 'value', x: x + 6, y: middle }, money(totals[index])));
    });
  }
  chart.replaceChildren(svg);
  document.getElementById('legend').replaceChildren(...orgs.map((org) => {
    const item = document.createElement('span');
    item.append(Object.assign(document.createElement('i'), { style: 'background:' + colour(org) }), org);
    return item;
  }));
  return reason === '';
}
`;
