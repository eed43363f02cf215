/**
 * The stylesheet of every HTML page, inlined (a page is one self-contained file). System fonts only, with the
 * Chinese UI fonts of each platform, so nothing is downloaded; a dark scheme; and a print sheet for A4 that
 * keeps charts, table rows and headings with what follows them on one page.
 */
export const CSS = `:root {
  --fg: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; --bg: #fff;
  --accent: #0b5cad; --ok: #1a7f37; --bad: #cf222e; --bar: #6e7781; --open: #9ab7d6;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --soft: #151b23; --bg: #0d1117;
    --accent: #4493f8; --ok: #3fb950; --bad: #f85149; --bar: #9198a1; --open: #2f4f73; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
    "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  font-size: 16px; line-height: 1.8; letter-spacing: 0.01em;
  text-rendering: optimizeLegibility; -webkit-font-smoothing: antialiased;
  line-break: strict; overflow-wrap: anywhere;
}
.site { border-bottom: 1px solid var(--line); }
.site nav, main, .foot { max-width: 60rem; margin: 0 auto; padding: 0 1.5rem; }
.site nav { display: flex; gap: 1.25rem; align-items: baseline; padding-top: 0.75rem; padding-bottom: 0.75rem; font-size: 0.9rem; }
.site .brand { font-weight: 600; color: var(--fg); }
main { padding-top: 1.5rem; padding-bottom: 3rem; }
h1, h2, h3, h4 { line-height: 1.4; font-weight: 600; }
h1 { font-size: 1.9rem; margin: 0.5rem 0 1rem; letter-spacing: 0.02em; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 0.25rem; }
p, ul, ol { margin: 0.5rem 0 1rem; }
ul, ol { padding-left: 1.6em; }
li + li { margin-top: 0.2rem; }
li > ul, li > ol { margin: 0.2rem 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
strong { font-weight: 600; }
blockquote { margin: 1rem 0; padding: 0.6rem 1rem; border-left: 4px solid var(--line); background: var(--soft); color: var(--muted); border-radius: 0 6px 6px 0; }
blockquote p { margin: 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; background: var(--soft); padding: 0.1em 0.3em; border-radius: 4px; }
hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }
.table-wrap { overflow-x: auto; margin: 0.75rem 0 1.25rem; }
table { border-collapse: collapse; font-size: 0.875rem; line-height: 1.5; font-variant-numeric: tabular-nums; min-width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 0.4rem 0.6rem; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; text-align: left; }
td:first-child { white-space: nowrap; }
.align-right { text-align: right; white-space: nowrap; }
.align-center { text-align: center; }
.img-alt { color: var(--muted); }
.charts h3 { color: var(--muted); font-size: 0.95rem; font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem 1.25rem; }
figure.chart { margin: 0.5rem 0 1rem; break-inside: avoid; }
figure.chart.incidents { max-width: 30rem; }
figure.chart svg { display: block; width: 100%; height: auto; overflow: visible; font-family: inherit; }
figcaption { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: baseline; font-size: 0.85rem; line-height: 1.5; }
figcaption .name { font-weight: 600; }
figcaption .value { font-variant-numeric: tabular-nums; }
figcaption .meta { color: var(--muted); font-size: 0.8rem; flex-basis: 100%; }
svg text { fill: var(--muted); font-size: 10px; }
svg .grid, svg .baseline { stroke: var(--line); stroke-width: 1; }
svg .line { fill: none; stroke: var(--accent); stroke-width: 1.8; stroke-linejoin: round; stroke-linecap: round; }
svg .pt { fill: var(--accent); stroke: var(--bg); stroke-width: 1; }
svg .line.s1 { stroke: #d1670f; } svg .pt.s1, .key.s1::before { fill: #d1670f; background: #d1670f; }
svg .line.s2 { stroke: #1a7f37; } svg .pt.s2, .key.s2::before { fill: #1a7f37; background: #1a7f37; }
svg .line.s3 { stroke: #8250df; } svg .pt.s3, .key.s3::before { fill: #8250df; background: #8250df; }
svg .line.s4 { stroke: #bf3989; } svg .pt.s4, .key.s4::before { fill: #bf3989; background: #bf3989; }
svg .line.s5 { stroke: #1b7c83; } svg .pt.s5, .key.s5::before { fill: #1b7c83; background: #1b7c83; }
svg .pt.miss { fill: var(--bad); }
.key { font-size: 0.8rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.key::before { content: ""; display: inline-block; width: 0.7em; height: 0.7em; border-radius: 50%; margin-right: 0.25em; background: var(--accent); vertical-align: baseline; }
svg .target { stroke: var(--ok); stroke-width: 1; stroke-dasharray: 4 3; }
svg .target-label { fill: var(--ok); }
svg .bar rect { fill: var(--bar); }
svg .bar .count { fill: var(--fg); font-size: 11px; font-weight: 600; }
svg .group { fill: var(--fg); font-size: 12px; font-weight: 600; }
svg .label { fill: var(--fg); font-size: 11px; }
svg .item rect { fill: var(--open); }
svg .item.done rect { fill: var(--accent); }
svg .item .end { fill: var(--ok); stroke: var(--bg); stroke-width: 1.5; }
svg .legend text { fill: var(--fg); font-size: 11px; }
svg .cont { fill: var(--muted); font-size: 11px; }
.charts { margin: 0.5rem 0 1rem; }
details { margin: 0.5rem 0; border: 1px solid var(--line); border-radius: 6px; padding: 0.25rem 0.75rem; }
details > summary { cursor: pointer; font-weight: 600; color: var(--muted); }
details[open] > summary { margin-bottom: 0.5rem; }
.appendix h2 { color: var(--muted); }
.reflection { border-bottom: 1px solid var(--line); margin-bottom: 0.75rem; }
.reflection .src, .note-file { color: var(--muted); font-size: 0.85rem; }
:target { background: #fff3bf; scroll-margin-top: 4rem; }
@media (prefers-color-scheme: dark) { :target { background: #3b2e00; } }
.foot { color: var(--muted); font-size: 0.8rem; padding-bottom: 2rem; }
@page { size: A4; margin: 16mm 15mm 18mm; @bottom-center { content: counter(page); font-size: 9pt; color: #59636e; } }
@media print {
  :root { --fg: #000; --muted: #444; --line: #bbb; --soft: #f3f3f3; --bg: #fff; --accent: #0b5cad; --ok: #1a7f37; --bad: #cf222e; --bar: #777; --open: #b7cbe0; color-scheme: light; }
  body { font-size: 10.5pt; line-height: 1.65; }
  .site, .foot { display: none; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 18pt; margin-top: 0; }
  h2 { font-size: 14pt; margin-top: 1.5em; }
  h3 { font-size: 12pt; }
  h1, h2, h3, h4 { break-after: avoid; }
  a { color: inherit; }
  blockquote { background: none; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, figure.chart, li { break-inside: avoid; }
  .appendix { display: none; }
  .grid { grid-template-columns: repeat(2, 1fr); gap: 0.5rem 1rem; }
}
`;
