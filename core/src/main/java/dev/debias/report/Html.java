package dev.debias.report;

import dev.debias.stats.Estimate;
import dev.debias.stats.EstimateFormat;

/** Small helpers for the self-contained HTML reports: escaping, number formats, the page frame. */
public final class Html {
    private Html() {}

    /** Escapes text for HTML element content and attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** The numbers of the pages: 3 decimals, an em dash for NaN. */
    public static final EstimateFormat NUMBERS = EstimateFormat.FIXED_3.withNaN("\u2014");

    /** A number with 3 decimals, or an em dash for NaN. */
    public static String num(double v) {
        return NUMBERS.number(v);
    }

    /** An estimate in {@link #NUMBERS}, as {@link #estimate(Estimate, EstimateFormat)} writes it. */
    public static String estimate(Estimate e) {
        return estimate(e, NUMBERS);
    }

    /**
     * An estimate as {@code 0.123 <span class="ci">[0.100, 0.150]</span>} in format {@code f}; an
     * undefined one reads {@code undefined} with the reason as a tooltip, one without an interval
     * {@code (no interval)} with the reason as a tooltip when there is one; null reads as nothing.
     */
    public static String estimate(Estimate e, EstimateFormat f) {
        if (e == null) {
            return "";
        }
        if (!e.isDefined()) {
            return "<span class=\"undef\" title=\"" + esc(e.undefined()) + "\">undefined</span>";
        }
        String v = f.number(e.value());
        if (e.low() == null) {
            return e.undefined() == null ? v : v + " <span class=\"meta\" title=\"" + esc(e.undefined()) + "\">(no interval)</span>";
        }
        return v + " <span class=\"ci\">" + f.interval(e) + "</span>";
    }

    /** A table cell holding an {@link #estimate(Estimate)}, right-aligned, sortable by its exact value. */
    public static String estimateCell(Estimate e) {
        String v = e != null && e.isDefined() ? EstimateFormat.EXACT.number(e.value()) : "";
        return "<td class=\"n\" data-v=\"" + v + "\">" + estimate(e) + "</td>";
    }

    /**
     * The interval of {@code e} in format {@code f}, {@code [0.100, 0.150]}; without an interval, the
     * escaped reason, or nothing when there is none.
     */
    public static String interval(Estimate e, EstimateFormat f) {
        if (e.low() == null) {
            return e.undefined() == null ? "" : esc(e.undefined());
        }
        return f.interval(e);
    }

    /** Opens a page: doctype, title, the shared style. */
    public static StringBuilder page(String title) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>").append(CSS).append("</style></head><body>\n<h1>").append(esc(title))
                .append("</h1>\n");
        return h;
    }

    /** Closes a page opened by {@link #page}, adding the table-sorting script. */
    public static String close(StringBuilder h) {
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
            h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ccc}h3{margin-top:1.5em}
            table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}
            th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .scroll{overflow-x:auto}
            table.sortable th{cursor:pointer}table.sortable th:hover{background:#e8e8e8}
            .meta,.ci{color:#666}.undef{color:#a33;border-bottom:1px dotted #a33}
            .warn{background:#fff6e0;border:1px solid #e0c060;padding:.5em 1em}
            .reading{background:#eef4fb;border-left:4px solid #4f81bd;padding:.5em 1em}
            svg.chart text{font-size:11px}svg.chart .lbl{text-anchor:end}svg.chart .tick{text-anchor:middle;fill:#555}
            svg.chart .axis{stroke:#888}svg.chart .grid{stroke:#eee}svg.chart .err{stroke:#222;stroke-width:1.2}
            svg.chart .title{font-size:13px;font-weight:600}
            """;

    /** The script that makes every {@code table.sortable} sortable by clicking a header (numbers by {@code data-v}). */
    public static final String SCRIPT = """
            document.querySelectorAll('table.sortable').forEach(function (t) {
              t.querySelectorAll('th').forEach(function (th, i) {
                th.addEventListener('click', function () {
                  var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
                  var asc = th.dataset.dir !== 'asc'; th.dataset.dir = asc ? 'asc' : 'desc';
                  function key(r) { var c = r.cells[i], v = c.dataset.v;
                    if (v !== undefined) { return v === '' ? NaN : parseFloat(v); }
                    var n = parseFloat(c.textContent); return isNaN(n) ? c.textContent : n; }
                  rows.sort(function (a, b) { var x = key(a), y = key(b);
                    if (typeof x === 'number' && isNaN(x)) { return 1; } if (typeof y === 'number' && isNaN(y)) { return -1; }
                    return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); });
                  rows.forEach(function (r) { body.appendChild(r); });
                });
              });
            });
            """;
}
