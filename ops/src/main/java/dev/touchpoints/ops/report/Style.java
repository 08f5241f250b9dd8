package dev.touchpoints.ops.report;

/** The report's stylesheet, inline: system fonts only, so the page needs nothing from a network. */
final class Style {

  private Style() {}

  static final String CSS =
      """
      :root{--ink:#1f2328;--muted:#59636e;--line:#d8dee4;--bg:#f6f8fa;--card:#fff;
        --good:#1a7f37;--bad:#cf222e;--mean:#0969da;--risk:#bc4c00;--band:#fff8c5;
        --lost:#e5534b;--gained:#2da44e;--taken:#2da44e;--open:#afb8c1}
      *{box-sizing:border-box}
      body{margin:0;background:var(--bg);color:var(--ink);
        font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      main{max-width:1080px;margin:0 auto;padding:24px 20px 40px}
      header h1{font-size:26px;margin:0 0 2px}
      header .period{font-size:18px;color:var(--muted);margin:0}
      .meta{color:var(--muted);font-size:12px;margin:6px 0 0}
      .tag{display:inline-block;font-size:12px;padding:1px 8px;border-radius:10px;
        background:var(--band);border:1px solid #d4a72c;color:#7d4e00;vertical-align:middle}
      section{background:var(--card);border:1px solid var(--line);border-radius:8px;
        padding:16px 18px;margin:16px 0}
      h2{font-size:17px;margin:0 0 10px}
      h3{font-size:14px;margin:14px 0 6px}
      .now{display:flex;flex-wrap:wrap;gap:6px 18px;color:var(--muted);margin:14px 2px 0}
      .now b{color:var(--ink)}
      .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(132px,1fr));gap:10px}
      .card{border:1px solid var(--line);border-radius:8px;padding:10px 12px}
      .card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
      .card .big{font-size:24px;font-weight:600;margin:2px 0}
      .card .sub,.cmp{font-size:12px;color:var(--muted)}
      .cmp{margin-top:2px}
      .good{color:var(--good)}.bad{color:var(--bad)}.flat{color:var(--muted)}
      table{border-collapse:collapse;width:100%}
      table.narrow{max-width:640px}
      th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      th{font-size:12px;color:var(--muted);font-weight:600}
      td.num,th.num{text-align:right;white-space:nowrap}
      code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
      .two{display:grid;grid-template-columns:1fr 1fr;gap:16px}
      @media (max-width:800px){.two{grid-template-columns:1fr}}
      svg.chart{width:100%;height:auto;display:block}
      svg.bar{width:220px;height:16px;display:block}
      svg.split{width:100%;height:18px;display:block;border-radius:4px}
      .band{fill:var(--band)}
      .grid{stroke:#eaeef2}.base,.tick{stroke:#8c959f}
      .axis{font-size:11px;fill:var(--muted)}.axis.risk{fill:var(--risk)}
      .line{fill:none;stroke-width:2}.line.mean{stroke:var(--mean)}
      .line.risk{stroke:var(--risk);stroke-dasharray:5 3}
      circle.mean{fill:var(--mean)}circle.risk{fill:var(--risk)}
      rect.lost{fill:var(--lost)}rect.gained{fill:var(--gained)}
      rect.taken{fill:var(--taken)}rect.open{fill:var(--open)}rect.none{fill:#eaeef2}
      line.was{stroke:var(--ink);stroke-width:2}
      .legend{display:flex;gap:16px;font-size:12px;color:var(--muted);margin:0 0 6px}
      .swatch{display:inline-block;width:18px;height:3px;vertical-align:middle;margin-right:4px}
      .figures{display:flex;flex-wrap:wrap;gap:10px 28px;margin:0 0 10px}
      .figures .n{font-size:22px;font-weight:600}
      .figures div{color:var(--muted)}
      .figures small .n{font-size:inherit}
      .sev{font-size:11px;font-weight:600;padding:1px 6px;border-radius:4px;background:#eaeef2}
      .sev.CRITICAL{background:#ffebe9;color:var(--bad)}.sev.HIGH{background:#fff1e5;color:#953800}
      .sev.WARNING{background:#fff8c5;color:#7d4e00}
      .empty{font-size:16px;padding:24px 0;color:var(--muted)}
      .ok{color:var(--good)}
      footer{color:var(--muted);font-size:12px;margin-top:24px}
      @media print{body{background:#fff}section{break-inside:avoid;border-color:#ccc}}
      """;
}
