/** The HTML report's stylesheet, inlined in the page (the page fetches nothing). */

/** Okabe–Ito blue and vermillion: told apart with any colour vision, and both at least 3:1 against white. */
export const BASELINE_COLOUR = '#0072b2';
export const CURRENT_COLOUR = '#d55e00';

export const PAGE_STYLE = `
:root { color-scheme: light; --baseline: ${BASELINE_COLOUR}; --current: ${CURRENT_COLOUR}; --drift: #b42318; --drift-bg: #fef3f2; --ok: #067647; --ok-bg: #ecfdf3; --other: #475467; --other-bg: #f2f4f7; --border: #d0d5dd; --muted: #667085; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #101828; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 18px; margin: 28px 0 10px; }
h3 { font-size: 16px; margin: 0 0 4px; display: flex; gap: 8px; align-items: baseline; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.page-header { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; gap: 8px; margin-bottom: 16px; }
.meta, .count, .facts, .verdict-rule, .auto, .omitted, .no-chart { color: var(--muted); }
.meta { margin: 0; font-size: 13px; }
/* Names break between words, and inside one only when it cannot fit a line on its own (never to narrow a column). */
.column-name, th[scope="row"], .sources li { overflow-wrap: break-word; }
.verdict { border-radius: 10px; padding: 18px 22px; border-left: 8px solid; }
.verdict-drift { background: var(--drift-bg); border-color: var(--drift); }
.verdict-no-drift { background: var(--ok-bg); border-color: var(--ok); }
.verdict-insufficient-data { background: var(--other-bg); border-color: var(--other); }
.verdict-headline { font-size: 32px; font-weight: 700; margin: 0; line-height: 1.2; }
.verdict-drift .verdict-headline { color: var(--drift); }
.verdict-no-drift .verdict-headline { color: var(--ok); }
.verdict-insufficient-data .verdict-headline { color: var(--other); }
.verdict-summary { font-size: 17px; margin: 6px 0 0; }
.verdict-rule { font-size: 12px; margin: 8px 0 0; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-top: 16px; }
.side { border: 1px solid var(--border); border-top: 5px solid; border-radius: 8px; padding: 10px 14px; min-width: 0; }
.side-baseline { border-top-color: var(--baseline); }
.side-current { border-top-color: var(--current); }
.side h2 { margin: 0; font-size: 15px; }
.side-rows { margin: 2px 0 4px; font-size: 20px; font-weight: 600; }
.sources { margin: 0; padding-left: 18px; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; }
.columns { width: 100%; font-size: 13px; }
.columns th, .columns td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--border); }
.columns thead th { background: #f9fafb; border-bottom: 2px solid var(--border); white-space: nowrap; }
.columns th[scope="row"] { max-width: 260px; font-weight: 600; }
.columns .number { font-variant-numeric: tabular-nums; white-space: nowrap; }
.row-drift { background: var(--drift-bg); }
.reasons { margin: 4px 0 0; padding-left: 16px; color: #344054; }
a { color: #175cd3; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.badge-drift { background: var(--drift); color: #fff; }
.badge-no-drift { background: var(--ok-bg); color: var(--ok); border: 1px solid var(--ok); }
.badge-other { background: var(--other-bg); color: var(--other); border: 1px solid var(--border); }
.column { border: 1px solid var(--border); border-radius: 8px; padding: 14px 16px; margin: 0 0 16px; }
.column-drift { border-left: 5px solid var(--drift); }
.facts { margin: 0 0 8px; font-size: 13px; }
.legend { margin: 0 0 4px; font-size: 13px; display: flex; gap: 6px; align-items: center; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; }
.swatch-current { margin-left: 14px; }
.swatch-baseline, .bar-baseline { background: var(--baseline); fill: var(--baseline); }
.swatch-current, .bar-current { background: var(--current); fill: var(--current); }
.chart { display: block; max-width: 100%; height: auto; }
.chart .grid { stroke: #eaecf0; }
.chart .axis { stroke: #98a2b3; }
.chart .tick { font-size: 11px; fill: #475467; }
.chart .other { font-style: italic; }
.chart .axis-title { font-size: 11px; fill: var(--muted); }
.column-body { display: flex; flex-wrap: wrap; gap: 8px 28px; align-items: flex-start; }
.distribution { flex: 0 1 760px; min-width: 0; }
.summary { font-size: 12px; margin-top: 26px; }
.summary th, .summary td { padding: 2px 12px 2px 0; text-align: right; font-variant-numeric: tabular-nums; }
.summary th[scope="row"] { text-align: left; font-weight: 500; color: var(--muted); }
.omitted { font-style: italic; }
.model-block { border: 1px solid var(--border); border-radius: 8px; padding: 14px 16px; margin: 0 0 16px; }
.model-drift { border-left: 5px solid var(--drift); }
.model-no-drift { border-left: 5px solid var(--ok); }
.metrics { width: auto; }
.metrics .judged { font-weight: 600; }
.matrices { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: flex-start; }
.matrix { flex: 0 1 auto; min-width: 0; }
.confusion { width: auto; }
.confusion caption { text-align: left; font-weight: 600; padding: 4px 0; border-top: 4px solid; }
.matrix-baseline caption { border-top-color: var(--baseline); }
.matrix-current caption { border-top-color: var(--current); }
.confusion .hit { font-weight: 600; background: var(--ok-bg); }
.confusion .other { font-style: italic; }
.chart .error-line { fill: none; stroke: var(--current); stroke-width: 2; }
.chart .error-point { fill: var(--current); }
.chart .change-onset { stroke: var(--drift); stroke-width: 2; }
.chart .change-detected { stroke: var(--drift); stroke-width: 1.5; stroke-dasharray: 5 4; }
.swatch-onset { background: var(--drift); width: 4px; margin-left: 14px; }
.swatch-detected { border-left: 2px dashed var(--drift); width: 4px; border-radius: 0; }
`;
