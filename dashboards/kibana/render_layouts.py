#!/usr/bin/env python3
"""Draws the intended layout of each dashboard as a PNG in dashboards/layouts/, from the NDJSON itself.

Every panel sits where its gridData puts it (Kibana's 48-column grid) and shows its title, a sketch of its
chart type and the aggregation it runs; the sketches are illustrative shapes, not data. Needs Python 3 and
headless Chromium (apt-get install -y chromium fonts-noto-cjk):

    python3 dashboards/kibana/render_layouts.py
"""
import hashlib
import html
import json
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NDJSON = os.path.join(HERE, "insurwatch-saved-objects.ndjson")
OUT = os.path.join(os.path.dirname(HERE), "layouts")
WIDTH = 1400
ROW = 20
MARGIN = 8
PALETTE = ["#54B399", "#6092C0", "#D36086", "#9170B8", "#CA8EAE", "#D6BF57", "#B9A888", "#DA8B45"]
DASHBOARDS = ["insurwatch-overview", "insurwatch-doctor-capacity", "insurwatch-traceability", "insurwatch-price"]


def load():
    objects = {}
    with open(NDJSON, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                objects[(o["type"], o["id"])] = o
    return objects


def rng(seed):
    state = int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16)
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield (state >> 33) / float(1 << 31)


def esc(text):
    return html.escape(text, quote=True)


def lens_parts(o):
    layer = next(iter(o["attributes"]["state"]["datasourceStates"]["formBased"]["layers"].values()))
    cols = layer["columns"]
    helpers = {r for c in cols.values() for r in c.get("references", [])}
    buckets, metrics = [], []
    for cid in layer["columnOrder"]:
        c = cols[cid]
        if cid in helpers:
            continue
        (buckets if c["isBucketed"] else metrics).append(c)
    return buckets, metrics


def describe(o):
    if o["type"] == "lens":
        buckets, metrics = lens_parts(o)
        parts = []
        for b in buckets:
            if b["operationType"] == "terms":
                parts.append(f"terms({b['sourceField']}, {b['params']['size']})")
            else:
                parts.append(f"date_histogram({b['sourceField']}, {b['params']['interval']})")
        ms = []
        for m in metrics:
            op = m["operationType"]
            if op == "formula":
                ms.append(m["params"]["formula"])
            elif op == "count":
                ms.append("count" + (f" [{m['filter']['query']}]" if "filter" in m else ""))
            else:
                name = {"unique_count": "distinct", "average": "avg"}.get(op, op)
                ms.append(f"{name}({m['sourceField']})" + (f" [{m['filter']['query']}]" if "filter" in m else ""))
        text = " × ".join(parts) + (" → " if parts else "") + ", ".join(ms)
        q = o["attributes"]["state"]["query"]["query"]
        return text + (f"  ·  {q}" if q else "")
    if o["type"] == "search":
        return "Discover: " + ", ".join(o["attributes"]["columns"])
    vis = json.loads(o["attributes"]["visState"])
    if vis["type"] == "vega":
        return "Vega: nested(evidence) → terms(evidence.fields.drugCode) → reverse_nested → sum(fundAtRiskFen)"
    return ""


ALL_RULES = [("TRACEABILITY", "TRACE-NO-CONSULT"), ("TRACEABILITY", "TRACE-NO-RX"), ("TRACEABILITY", "TRACE-ORDER"),
             ("PRICE", "PRICE-ABOVE-MEDIAN"), ("TRACEABILITY", "TRACE-STALLED"), ("BULK_PRESCRIBING", "BULK-RATE"),
             ("TRACEABILITY", "TRACE-NO-PAY"), ("BULK_PRESCRIBING", "BULK-MULTI-SITE"),
             ("TRACEABILITY", "TRACE-LATE-UPLOAD"), ("IDENTITY", "ID-UNVERIFIED"), ("SETTLEMENT", "PAY-DELIVERY-FEE"),
             ("DELIVERY", "DLV-TRACE-CODE-REUSED"), ("FOLLOW_UP", "FU-FIRST-VISIT"), ("PRESCRIPTION", "RX-LONG-SUPPLY")]


def short(label, width):
    """The Chinese part of a bilingual label when the column is narrow."""
    head = label.split(" ")[0]
    return label if len(label) * 6.5 < width - 10 else head


def examples(field, query):
    """Values a breakdown shows, for the legend of the sketch."""
    if field == "ruleId":
        if "BULK" in query:
            return ["BULK-RATE", "BULK-MULTI-SITE", "BULK-MACHINE-CADENCE"]
        return ["TRACE-NO-CONSULT", "TRACE-NO-RX", "TRACE-NO-PAY", "TRACE-STALLED", "TRACE-ORDER", "TRACE-LATE-UPLOAD"]
    return {
        "category": ["TRACEABILITY", "BULK_PRESCRIBING", "PRICE", "IDENTITY"],
        "severity": ["CRITICAL", "HIGH", "MEDIUM", "LOW"],
        "stage": ["CONSULTED", "PRESCRIBED", "SETTLED", "DISPATCHED", "DELIVERED", "PICKED_UP"],
        "poolingRegion": ["350203", "350206", "350211", "350102", "371302", "140105", "532301"],
    }.get(field, [field])


def sketch(o, w, h, seed):
    r = rng(seed)
    svg = [f'<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}">']
    if o["type"] == "lens":
        kind = o["attributes"]["visualizationType"]
        vis = o["attributes"]["state"]["visualization"]
        buckets, metrics = lens_parts(o)
        if kind == "lnsMetric":
            op = metrics[0]["operationType"]
            value = {"formula": "¥ 12,345.67", "count": "1,234", "sum": "12,345", "unique_count": "56",
                     "max": "7"}.get(op, "123")
            svg.append(f'<text x="{w / 2}" y="{h * 0.62}" text-anchor="middle" font-size="{min(30, h * 0.5):.0f}" '
                       f'font-weight="700" fill="#343741">{value}</text>')
        elif kind == "lnsDatatable":
            cols = buckets + metrics
            cw = w / len(cols)
            svg.append(f'<rect x="0" y="0" width="{w}" height="22" fill="#F1F4FA"/>')
            for i, c in enumerate(cols):
                svg.append(f'<text x="{i * cw + 6}" y="15" font-size="10.5" font-weight="600" fill="#343741">'
                           f'{esc(short(c["label"], cw))}</text>')
            rows = int((h - 26) / 19)
            for j in range(rows):
                y = 26 + j * 19
                svg.append(f'<line x1="0" y1="{y + 17}" x2="{w}" y2="{y + 17}" stroke="#EEF0F3"/>')
                for i, c in enumerate(cols):
                    if c["isBucketed"]:
                        query = o["attributes"]["state"]["query"]["query"]
                        if {b["sourceField"] for b in buckets} >= {"category", "ruleId"}:
                            rule = ALL_RULES[j % len(ALL_RULES)]
                            txt = rule[0] if c["sourceField"] == "category" else rule[1]
                        else:
                            known = examples(c["sourceField"], query)
                            txt = (known[j % len(known)] if len(known) > 1
                                   else c["sourceField"][0].upper() + f"{int(next(r) * 1e7):07d}")
                        svg.append(f'<text x="{i * cw + 6}" y="{y + 12}" font-size="10" fill="#69707D">{txt}</text>')
                    else:
                        bar = (1 - j / (rows + 1)) * (cw - 16) * (0.5 + next(r) * 0.5)
                        svg.append(f'<rect x="{i * cw + 6}" y="{y + 4}" width="{bar:.0f}" height="9" rx="2" '
                                   f'fill="#D3DAE6"/>')
        else:
            layer = vis["layers"][0]
            series = layer["seriesType"]
            n_series = 4 if layer.get("splitAccessor") else len(layer["accessors"])
            if layer.get("splitAccessor"):
                split_columns = next(iter(o["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]
                                          .values()))["columns"]
                n_series = min(6, len(examples(split_columns[layer["splitAccessor"]]["sourceField"],
                                               o["attributes"]["state"]["query"]["query"])))
            columns = next(iter(o["attributes"]["state"]["datasourceStates"]["formBased"]["layers"].values()))["columns"]
            horizontal = series.startswith("bar_horizontal")
            pad_l, pad_b = (70 if horizontal else 34), 18
            has_legend = bool(layer.get("splitAccessor")) or len(layer["accessors"]) > 1
            pw, ph = w - pad_l - (200 if has_legend else 12), h - pad_b - 8
            svg.append(f'<line x1="{pad_l}" y1="{8 + ph}" x2="{pad_l + pw}" y2="{8 + ph}" stroke="#98A2B3"/>')
            svg.append(f'<line x1="{pad_l}" y1="8" x2="{pad_l}" y2="{8 + ph}" stroke="#98A2B3"/>')
            if series.startswith("bar_horizontal"):
                n = 7
                bh = ph / n * 0.7
                labels = examples(columns[layer["xAccessor"]]["sourceField"], o["attributes"]["state"]["query"]["query"])
                for i in range(n):
                    y = 8 + i * ph / n + 2
                    label = labels[i] if len(labels) > 1 and i < len(labels) else f"ID{int(next(r) * 1e6):06d}"
                    svg.append(f'<text x="{pad_l - 4}" y="{y + bh * 0.75:.0f}" text-anchor="end" font-size="9.5" '
                               f'fill="#69707D">{esc(label)}</text>')
                    x = pad_l
                    total = pw * (1 - i / (n + 1)) * (0.6 + 0.4 * next(r))
                    for s in range(n_series if series.endswith("stacked") else 1):
                        part = min(total / (n_series if series.endswith("stacked") else 1) * (0.5 + next(r)),
                                   pad_l + pw - x)
                        svg.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{part:.0f}" height="{bh:.0f}" '
                                   f'fill="{PALETTE[s % len(PALETTE)]}"/>')
                        x += part
            elif series.startswith("bar"):
                n = 24
                bw = pw / n * 0.7
                for i in range(n):
                    x = pad_l + i * pw / n + 2
                    y = 8 + ph
                    stack = n_series if series.endswith("stacked") else 1
                    groups = 1 if series.endswith("stacked") else n_series
                    for s in range(max(stack, groups)):
                        v = ph / max(stack, 1) * 0.8 * (0.2 + next(r))
                        if series.endswith("stacked"):
                            y -= v
                            svg.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{bw:.0f}" height="{v:.0f}" '
                                       f'fill="{PALETTE[s % len(PALETTE)]}"/>')
                        else:
                            gw = bw / groups
                            svg.append(f'<rect x="{x + s * gw:.0f}" y="{8 + ph - v:.0f}" width="{gw:.0f}" '
                                       f'height="{v:.0f}" fill="{PALETTE[s % len(PALETTE)]}"/>')
            else:
                n = 30
                base = [0.0] * n
                for s in range(n_series):
                    level = 0.15 + next(r) * 0.5
                    pts = []
                    for i in range(n):
                        level = min(0.95, max(0.05, level + (next(r) - 0.5) * 0.2))
                        v = level / (n_series if series.startswith("area") else 1)
                        base_v = base[i] if series.startswith("area") else 0
                        pts.append((pad_l + i * pw / (n - 1), 8 + ph - (base_v + v) * ph))
                        if series.startswith("area"):
                            base[i] += v
                    path = " ".join(f"{x:.0f},{y:.0f}" for x, y in pts)
                    color = PALETTE[s % len(PALETTE)]
                    if series.startswith("area"):
                        svg.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
                    else:
                        svg.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
            if layer.get("splitAccessor"):
                split = columns[layer["splitAccessor"]]
                legend = examples(split["sourceField"], o["attributes"]["state"]["query"]["query"])
                svg.append(f'<text x="{w - 190}" y="8" font-size="9.5" fill="#69707D">{esc(split["label"])}</text>')
            else:
                legend = [columns[a]["label"] for a in layer["accessors"]] if len(layer["accessors"]) > 1 else []
            for i, text in enumerate(legend[:n_series]):
                svg.append(f'<rect x="{w - 190}" y="{14 + i * 14}" width="8" height="8" fill="{PALETTE[i]}"/>'
                           f'<text x="{w - 178}" y="{22 + i * 14}" font-size="10" fill="#343741">{esc(text[:28])}</text>')
    elif o["type"] == "search":
        cols = o["attributes"]["columns"]
        cw = w / len(cols)
        svg.append(f'<rect x="0" y="0" width="{w}" height="22" fill="#F1F4FA"/>')
        for i, c in enumerate(cols):
            svg.append(f'<text x="{i * cw + 4}" y="15" font-size="9.5" font-weight="600" fill="#343741">'
                       f'{esc(c[:int(cw / 6)])}</text>')
        for j in range(int((h - 26) / 18)):
            y = 26 + j * 18
            svg.append(f'<line x1="0" y1="{y + 16}" x2="{w}" y2="{y + 16}" stroke="#EEF0F3"/>')
            for i in range(len(cols)):
                svg.append(f'<rect x="{i * cw + 4}" y="{y + 4}" width="{(cw - 12) * (0.4 + 0.6 * next(r)):.0f}" '
                           f'height="8" rx="2" fill="#E4E8EF"/>')
    else:
        vis = json.loads(o["attributes"]["visState"])
        if vis["type"] == "vega":
            n = 8
            for i in range(n):
                y = 8 + i * (h - 16) / n
                svg.append(f'<text x="4" y="{y + 12}" font-size="10" fill="#69707D">XZ{int(next(r) * 1e6):06d}</text>')
                bw = (w - 90) * (1 - i / (n + 2))
                svg.append(f'<rect x="76" y="{y + 2}" width="{bw:.0f}" height="{(h - 16) / n * 0.7:.0f}" '
                           f'fill="{PALETTE[1]}" opacity="{1 - i * 0.08:.2f}"/>')
        else:
            links = ["监管总览 Overview", "医生接诊能力 Doctor capacity", "全流程追溯 Traceability", "价格监测 Price monitoring"]
            svg.append(f'<text x="4" y="16" font-size="12" font-weight="700" fill="#343741">insurwatch 互联网+医保支付实时监管'
                       f'</text>')
            x = 300
            for link in links:
                svg.append(f'<text x="{x}" y="16" font-size="12" fill="#0061A6" text-decoration="underline">'
                           f'{esc(link)}</text>')
                x += 14 * len(link) * 0.62 + 40
            svg.append('<text x="4" y="34" font-size="10.5" fill="#69707D">时间轴：告警按判定时间 detectedAt，链路与医生活动按'
                       '窗口开始 windowStart；金额单位：元。不显示参保人身份 No patient identity is shown.</text>')
    svg.append("</svg>")
    return "".join(svg)


def page(objects, dash):
    panels = json.loads(dash["attributes"]["panelsJSON"])
    refs = {r["name"]: r for r in dash["references"]}
    col = (WIDTH - 2 * 16) / 48
    bottom = max(p["gridData"]["y"] + p["gridData"]["h"] for p in panels)
    height = int(bottom * ROW + 90)
    out = [f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin:0; background:#F7F8FC; font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif; width:{WIDTH}px; }}
header {{ height:56px; background:#fff; border-bottom:1px solid #D3DAE6; display:flex; align-items:center; padding:0 16px; }}
header h1 {{ font-size:20px; margin:0; color:#1a1c21; }}
header span {{ margin-left:16px; color:#69707D; font-size:12px; }}
.grid {{ position:relative; margin:12px 16px; height:{bottom * ROW}px; }}
.panel {{ position:absolute; background:#fff; border:1px solid #D3DAE6; border-radius:6px; box-sizing:border-box;
         padding:6px 8px; overflow:hidden; }}
.title {{ font-size:13px; font-weight:700; color:#1a1c21; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }}
.agg {{ font-size:10px; color:#69707D; font-family:'DejaVu Sans Mono',monospace; white-space:nowrap; overflow:hidden;
        text-overflow:ellipsis; margin:1px 0 2px; }}
.tag {{ position:absolute; right:6px; bottom:5px; font-size:9.5px; color:#fff; background:#6092C0; border-radius:3px;
        padding:0 4px; }}
</style></head><body><header><h1>{esc(dash["attributes"]["title"])}</h1>
<span>Kibana 8.19 · {esc(dash["id"])} · 时间 {esc(dash["attributes"]["timeFrom"])} → {esc(dash["attributes"]["timeTo"])}</span>
</header><div class="grid">"""]
    for p in panels:
        g = p["gridData"]
        ref = refs[p["panelIndex"] + ":" + p["panelRefName"]]
        o = objects[(ref["type"], ref["id"])]
        x, y = g["x"] * col, g["y"] * ROW
        w, h = g["w"] * col - MARGIN, g["h"] * ROW - MARGIN
        kind = o["attributes"].get("visualizationType") or o["type"]
        if o["type"] == "visualization":
            kind = json.loads(o["attributes"]["visState"])["type"]
        view = next((r["id"] for r in o["references"] if r["type"] == "index-pattern"), "")
        tag = {"insurwatch-alerts": "alerts", "insurwatch-chain-health": "chain-health",
               "insurwatch-doctor-activity": "doctor-activity"}.get(view, "alerts" if kind == "vega" else "")
        is_nav = kind == "markdown"
        header = "" if is_nav else (f'<span class="tag">{esc(kind.replace("lns", ""))}{" · " + tag if tag else ""}'
                                    f'</span><div class="title">{esc(o["attributes"]["title"])}</div>'
                                    f'<div class="agg">{esc(describe(o))}</div>')
        sk_h = h - (12 if is_nav else 48)
        out.append(f'<div class="panel" style="left:{x:.0f}px;top:{y:.0f}px;width:{w:.0f}px;height:{h:.0f}px">'
                   f'{header}{sketch(o, int(w - 18), int(sk_h), o["id"])}</div>')
    out.append("</div></body></html>")
    return "".join(out), height + 24


def main():
    objects = load()
    os.makedirs(OUT, exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        raise SystemExit("headless Chromium is needed: apt-get install -y chromium fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as tmp:
        for dash_id in DASHBOARDS:
            text, height = page(objects, objects[("dashboard", dash_id)])
            source = os.path.join(tmp, dash_id + ".html")
            with open(source, "w", encoding="utf-8") as f:
                f.write(text)
            target = os.path.join(OUT, dash_id + ".png")
            profile = tempfile.mkdtemp(dir=tmp)
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                            f"--user-data-dir={profile}", f"--screenshot={target}", f"--window-size={WIDTH},{height}",
                            "file://" + source], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print("wrote", target)


if __name__ == "__main__":
    main()
