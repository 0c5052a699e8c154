/** The report's stylesheet: a light, readable page of cards, plots and tables. */
export const REPORT_CSS = `
:root { --ink: #1F2328; --muted: #57606A; --line: #D8DEE4; --bg: #F6F8FA; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 28px 20px 48px; }
header h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; }
.subtitle { margin: 0 0 6px; color: var(--muted); }
.meta { margin: 0 0 20px; color: var(--muted); font-size: 13px; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin-bottom: 24px; }
.card { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 24px; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
.card .note { color: var(--muted); font-size: 12px; }
figure.plot, section.plot, details { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-bottom: 18px; }
figure.plot { margin: 0 0 18px; }
section.plot h2 { margin: 0 0 4px; font-size: 18px; }
figcaption.explain { margin: 8px 0 0; padding-top: 8px; border-top: 1px solid var(--line); }
.explain { margin: 0 0 10px; color: var(--muted); font-size: 14px; max-width: 760px; }
.chart { overflow-x: auto; min-height: 60px; }
details summary { cursor: pointer; font-weight: 600; }
details pre { overflow: auto; max-height: 480px; font-size: 12px; background: var(--bg); padding: 10px; border-radius: 6px; }
.table-wrap { overflow-x: auto; margin-top: 10px; }
table.data { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: right; white-space: nowrap; }
table.data th { white-space: normal; vertical-align: bottom; max-width: 150px; }
table.data th:first-child, table.data td:first-child { text-align: left; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
.tip { position: fixed; display: none; pointer-events: none; background: rgba(31,35,40,.94); color: white; font-size: 12px;
  padding: 6px 8px; border-radius: 6px; z-index: 10; box-shadow: 0 2px 8px rgba(0,0,0,.2); }
.tip th { text-align: left; font-weight: 500; color: #C9D1D9; padding-right: 10px; }
.tip td { text-align: right; font-variant-numeric: tabular-nums; }
`;
