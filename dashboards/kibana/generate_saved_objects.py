#!/usr/bin/env python3
"""Writes insurwatch-saved-objects.ndjson: the Kibana 8.19 data views, visualizations and dashboards.

The NDJSON file is what gets imported (and what DashboardValidationTest checks against a real
Elasticsearch); this script is only the readable source of it. Python 3 standard library only:

    python3 dashboards/kibana/generate_saved_objects.py      # rewrites dashboards/kibana/insurwatch-saved-objects.ndjson

Every object has a stable id, so re-importing with overwrite=true replaces the objects in place.
Lens objects use the 8.x form (state.datasourceStates.formBased.layers, one index-pattern reference per
layer); the drug chart is a Vega visualization because Lens cannot aggregate nested fields.
"""
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "insurwatch-saved-objects.ndjson")

CORE = "8.8.0"
ALERTS = "insurwatch-alerts"
CHAIN = "insurwatch-chain-health"
DOCTORS = "insurwatch-doctor-activity"

objects = []


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- data views

def data_view(view_id, title, name, time_field, labels, source_filters=()):
    objects.append({
        "id": view_id,
        "type": "index-pattern",
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "7.11.0",
        "managed": False,
        "attributes": {
            "title": title,
            "name": name,
            "timeFieldName": time_field,
            "fields": "[]",
            "fieldFormatMap": "{}",
            "fieldAttrs": compact({f: {"customLabel": l} for f, l in labels.items()}),
            "runtimeFieldMap": "{}",
            "sourceFilters": compact([{"value": v} for v in source_filters]),
            "typeMeta": "{}",
        },
        "references": [],
    })


data_view(ALERTS, "insurwatch-alerts*", "监管告警 insurwatch alerts", "detectedAt", {
    "alertId": "告警编号 alertId",
    "ruleId": "规则 ruleId",
    "ruleVersion": "规则版本 ruleVersion",
    "settingsVersion": "规则参数版本 settingsVersion",
    "severity": "严重程度 severity",
    "category": "规则族 category",
    "title": "告警标题 title",
    "citation": "政策依据 citation",
    "eventTime": "违规发生时间 eventTime",
    "detectedAt": "判定时间 detectedAt",
    "institutionId": "定点机构 institutionId",
    "internetHospitalId": "互联网医院 internetHospitalId",
    "pharmacyId": "定点药店 pharmacyId",
    "doctorId": "医生 doctorId",
    "poolingRegion": "统筹区 poolingRegion",
    "prescriptionId": "处方编号 prescriptionId",
    "consultationId": "问诊编号 consultationId",
    "fundAtRiskFen": "涉及基金（分） fundAtRiskFen",
}, source_filters=["patientPseudonym"])
data_view(CHAIN, "insurwatch-chain-health*", "全流程链路 insurwatch chain health", "windowStart", {
    "windowStart": "窗口开始 windowStart",
    "windowEnd": "窗口结束 windowEnd",
    "poolingRegion": "统筹区 poolingRegion",
    "stage": "环节 stage",
    "events": "事件数 events",
    "fundFen": "基金支付（分） fundFen",
})
data_view(DOCTORS, "insurwatch-doctor-activity*", "医生接诊活动 insurwatch doctor activity", "windowStart", {
    "windowStart": "小时开始 windowStart",
    "windowEnd": "小时结束 windowEnd",
    "doctorId": "医生 doctorId",
    "consultations": "问诊数 consultations",
    "prescriptions": "处方数 prescriptions",
    "internetHospitals": "互联网医院数 internetHospitals",
})


# ---------------------------------------------------------------- Lens columns

class Layer:
    """One Lens form-based layer: its columns in order (bucket columns first, as Lens nests them)."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.columns = {}
        self.order = []
        self.visible = []

    def _add(self, col_id, column, visible=True):
        self.columns[col_id] = column
        self.order.append(col_id)
        if visible:
            self.visible.append(col_id)
        return col_id

    def _id(self, name):
        return f"{self.prefix}-{name}"

    def date(self, name, field, interval="auto", label=None):
        return self._add(self._id(name), {
            "label": label or field, "customLabel": label is not None, "dataType": "date",
            "operationType": "date_histogram", "sourceField": field, "isBucketed": True, "scale": "interval",
            "params": {"interval": interval, "includeEmptyRows": True, "dropPartials": False}})

    def terms(self, name, field, size, order_by, label, other=False):
        return self._add(self._id(name), {
            "label": label, "customLabel": True, "dataType": "string", "operationType": "terms",
            "sourceField": field, "isBucketed": True, "scale": "ordinal",
            "params": {"size": size,
                       "orderBy": ({"type": "alphabetical", "fallback": False} if order_by is None
                                   else {"type": "column", "columnId": self._id(order_by)}),
                       "orderDirection": "asc" if order_by is None else "desc",
                       "otherBucket": other, "missingBucket": False,
                       "parentFormat": {"id": "terms"}, "include": [], "exclude": [],
                       "includeIsRegex": False, "excludeIsRegex": False}})

    def count(self, name, label, kql=None):
        column = {"label": label, "customLabel": True, "dataType": "number", "operationType": "count",
                  "sourceField": "___records___", "isBucketed": False, "scale": "ratio",
                  "params": {"emptyAsNull": False}}
        if kql:
            column["filter"] = {"query": kql, "language": "kuery"}
        return self._add(self._id(name), column)

    def metric(self, name, operation, field, label, kql=None, data_type="number", params=None):
        column = {"label": label, "customLabel": True, "dataType": data_type, "operationType": operation,
                  "sourceField": field, "isBucketed": False, "scale": "ratio",
                  "params": dict(params or {})}
        if operation in ("sum", "average", "max", "min", "unique_count"):
            column["params"].setdefault("emptyAsNull", True)
        if kql:
            column["filter"] = {"query": kql, "language": "kuery"}
        return self._add(self._id(name), column)

    def yuan(self, name, field, label):
        """A formula column sum(field) / 100: fen to yuan, with the helper columns Lens stores beside it."""
        col_id = self._id(name)
        text = f"sum({field}) / 100"
        part = f"Part of {label}"
        self.columns[col_id + "X0"] = {
            "label": part, "customLabel": True, "dataType": "number", "operationType": "sum",
            "sourceField": field, "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": False}}
        self.columns[col_id + "X1"] = {
            "label": part, "customLabel": True, "dataType": "number", "operationType": "math",
            "isBucketed": False, "scale": "ratio", "references": [col_id + "X0"],
            "params": {"tinymathAst": {"type": "function", "name": "divide", "args": [col_id + "X0", 100],
                                       "location": {"min": 0, "max": len(text)}, "text": text}}}
        self.order += [col_id + "X0", col_id + "X1"]
        return self._add(col_id, {
            "label": label, "customLabel": True, "dataType": "number", "operationType": "formula",
            "isBucketed": False, "scale": "ratio", "references": [col_id + "X1"],
            "params": {"formula": text, "isFormulaBroken": False,
                       "format": {"id": "number", "params": {"decimals": 2}}}})

    def state(self):
        # Lens nests bucket aggregations in column order; top values go outside the date histogram, so that a
        # breakdown's top N is taken over the whole time range (as the Lens editor orders them)
        def rank(col_id):
            column = self.columns[col_id]
            if not column["isBucketed"]:
                return 2
            return 1 if column["operationType"] == "date_histogram" else 0
        order = sorted(self.order, key=rank)
        return {"columnOrder": order, "columns": self.columns, "incompleteColumns": {}, "sampling": 1,
                "ignoreGlobalFilters": False}


def lens(lens_id, title, description, view, layer, vis_type, visualization, kql=""):
    objects.append({
        "id": lens_id,
        "type": "lens",
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "8.9.0",
        "managed": False,
        "attributes": {
            "title": title,
            "description": description,
            "visualizationType": vis_type,
            "state": {
                "datasourceStates": {"formBased": {"layers": {layer.prefix: layer.state()}}},
                "visualization": visualization,
                "query": {"query": kql, "language": "kuery"},
                "filters": [],
                "internalReferences": [],
                "adHocDataViews": {},
            },
        },
        "references": [{"type": "index-pattern", "id": view,
                        "name": f"indexpattern-datasource-layer-{layer.prefix}"}],
    })
    return lens_id


def metric_panel(lens_id, title, description, view, build, kql=""):
    layer = Layer(lens_id)
    accessor = build(layer)
    return lens(lens_id, title, description, view, layer, "lnsMetric",
                {"layerId": layer.prefix, "layerType": "data", "metricAccessor": accessor}, kql)


def xy_panel(lens_id, title, description, view, layer, series, x, accessors, split=None, kql="",
             legend="right"):
    layer_state = {"layerId": layer.prefix, "layerType": "data", "seriesType": series, "xAccessor": x,
                   "accessors": accessors, "position": "top", "showGridlines": False}
    if split:
        layer_state["splitAccessor"] = split
    visualization = {
        "legend": {"isVisible": True, "position": legend, "legendSize": "auto"},
        "valueLabels": "hide",
        "fittingFunction": "None",
        "preferredSeriesType": series,
        "axisTitlesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
        "tickLabelsVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
        "gridlinesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
        "yLeftExtent": {"mode": "full"},
        "yRightExtent": {"mode": "full"},
        "layers": [layer_state],
    }
    return lens(lens_id, title, description, view, layer, "lnsXY", visualization, kql)


def table_panel(lens_id, title, description, view, layer, kql="", sort_column=None):
    visualization = {"layerId": layer.prefix, "layerType": "data", "rowHeight": "single", "rowHeightLines": 1,
                     "headerRowHeight": "auto", "columns": [{"columnId": c, "isTransposed": False}
                                                            for c in layer.visible]}
    if sort_column:
        visualization["sorting"] = {"columnId": f"{layer.prefix}-{sort_column}", "direction": "desc"}
    return lens(lens_id, title, description, view, layer, "lnsDatatable", visualization, kql)


def markdown(vis_id, title, text):
    objects.append({
        "id": vis_id,
        "type": "visualization",
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "7.14.0",
        "managed": False,
        "attributes": {
            "title": title,
            "description": "",
            "uiStateJSON": "{}",
            "version": 1,
            "visState": compact({"title": title, "type": "markdown", "aggs": [],
                                 "params": {"fontSize": 11, "openLinksInNewTab": False, "markdown": text}}),
            "kibanaSavedObjectMeta": {"searchSourceJSON": compact({"query": {"query": "", "language": "kuery"},
                                                                   "filter": []})},
        },
        "references": [],
    })
    return vis_id


def vega(vis_id, title, description, spec):
    objects.append({
        "id": vis_id,
        "type": "visualization",
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "8.0.0",
        "managed": False,
        "attributes": {
            "title": title,
            "description": description,
            "uiStateJSON": "{}",
            "version": 1,
            "visState": compact({"title": title, "type": "vega", "aggs": [],
                                 "params": {"spec": json.dumps(spec, ensure_ascii=False, indent=2)}}),
            "kibanaSavedObjectMeta": {"searchSourceJSON": compact({"query": {"query": "", "language": "kuery"},
                                                                   "filter": []})},
        },
        "references": [],
    })
    return vis_id


def saved_search(search_id, title, description, view, columns, kql=""):
    objects.append({
        "id": search_id,
        "type": "search",
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "7.9.3",
        "managed": False,
        "attributes": {
            "title": title,
            "description": description,
            "columns": columns,
            "sort": [["detectedAt", "desc"]],
            "hits": 0,
            "version": 1,
            "kibanaSavedObjectMeta": {"searchSourceJSON": compact({
                "query": {"query": kql, "language": "kuery"}, "filter": [], "highlightAll": True, "version": True,
                "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index"})},
        },
        "references": [{"id": view, "name": "kibanaSavedObjectMeta.searchSourceJSON.index", "type": "index-pattern"}],
    })
    return search_id


def dashboard(dash_id, title, description, panels):
    """panels: (saved object id, saved object type, x, y, w, h)."""
    panels_json = []
    references = []
    for index, (ref_id, ref_type, x, y, w, h) in enumerate(panels, start=1):
        panel_index = f"p{index:02d}"
        panels_json.append({"version": "8.9.0", "type": ref_type, "panelIndex": panel_index,
                            "gridData": {"x": x, "y": y, "w": w, "h": h, "i": panel_index},
                            "embeddableConfig": {"enhancements": {}}, "panelRefName": f"panel_{panel_index}"})
        references.append({"name": f"{panel_index}:panel_{panel_index}", "type": ref_type, "id": ref_id})
    objects.append({
        "id": dash_id,
        "type": "dashboard",
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "8.7.0",
        "managed": False,
        "attributes": {
            "title": title,
            "description": description,
            "version": 1,
            "timeRestore": True,
            "timeFrom": "now-7d",
            "timeTo": "now",
            "refreshInterval": {"pause": False, "value": 60000},
            "optionsJSON": compact({"useMargins": True, "syncColors": True, "syncCursor": True,
                                    "syncTooltips": False, "hidePanelTitles": False}),
            "panelsJSON": compact(panels_json),
            "kibanaSavedObjectMeta": {"searchSourceJSON": compact({"query": {"query": "", "language": "kuery"},
                                                                   "filter": []})},
        },
        "references": references,
    })


# ---------------------------------------------------------------- shared

NAV = markdown("insurwatch-nav", "导航 Navigation",
               "**insurwatch 互联网+医保支付实时监管 Internet+ medical insurance supervision** &nbsp;·&nbsp; "
               "[监管总览 Overview](#/view/insurwatch-overview) &nbsp;·&nbsp; "
               "[医生接诊能力 Doctor capacity](#/view/insurwatch-doctor-capacity) &nbsp;·&nbsp; "
               "[全流程追溯 Traceability](#/view/insurwatch-traceability) &nbsp;·&nbsp; "
               "[价格监测 Price monitoring](#/view/insurwatch-price)  \n"
               "时间轴：告警按判定时间 detectedAt，链路与医生活动按窗口开始 windowStart；金额单位：元（yuan）。"
               "不显示参保人身份 No patient identity is shown.")

FUND = "涉及基金（元） Fund at risk (yuan)"
TRACE = "ruleId : TRACE-*"
BULK = 'category : "BULK_PRESCRIBING"'
PRICE = 'ruleId : "PRICE-ABOVE-MEDIAN"'


def top_table(lens_id, title, description, field, label, size=10, kql=""):
    layer = Layer(lens_id)
    layer.terms("key", field, size, "alerts", label)
    layer.count("alerts", "告警数 Alerts")
    layer.yuan("fund", "fundAtRiskFen", FUND)
    layer.metric("rules", "unique_count", "ruleId", "规则种类 Rules")
    return table_panel(lens_id, title, description, ALERTS, layer, kql, sort_column="alerts")


# ---------------------------------------------------------------- (1) 监管总览 Supervision overview

ov_alerts = metric_panel("insurwatch-ov-alerts", "告警总数 Alerts", "所选时间内判定的告警 Alerts detected in the time range",
                         ALERTS, lambda l: l.count("value", "告警总数 Alerts"))
ov_fund = metric_panel("insurwatch-ov-fund", FUND, "sum(fundAtRiskFen) / 100", ALERTS,
                       lambda l: l.yuan("value", "fundAtRiskFen", FUND))
ov_high = metric_panel("insurwatch-ov-high", "高危告警 High & critical", "severity HIGH 或 CRITICAL", ALERTS,
                       lambda l: l.count("value", "高危告警 High & critical", 'severity : ("HIGH" or "CRITICAL")'))
ov_institutions = metric_panel("insurwatch-ov-institutions", "涉及机构 Institutions", "有告警的定点医疗机构（去重）",
                               ALERTS, lambda l: l.metric("value", "unique_count", "institutionId",
                                                          "涉及机构 Institutions"))
ov_doctors = metric_panel("insurwatch-ov-doctors", "涉及医生 Doctors", "有告警的医生（去重）", ALERTS,
                          lambda l: l.metric("value", "unique_count", "doctorId", "涉及医生 Doctors"))

layer = Layer("insurwatch-ov-by-category")
layer.date("time", "detectedAt", label="判定时间 detectedAt")
layer.terms("split", "category", 8, "alerts", "规则族 Rule family")
layer.count("alerts", "告警数 Alerts")
ov_by_category = xy_panel(layer.prefix, "告警趋势·按规则族 Alerts by rule family",
                          "TRACEABILITY 追溯 · IDENTITY 实名 · BULK_PRESCRIBING 批量开方 · FOLLOW_UP 复诊 · "
                          "PRESCRIPTION 处方 · SETTLEMENT 结算 · PRICE 价格 · DELIVERY 配送",
                          ALERTS, layer, "bar_stacked", layer.prefix + "-time", [layer.prefix + "-alerts"],
                          layer.prefix + "-split")

layer = Layer("insurwatch-ov-by-severity")
layer.date("time", "detectedAt", label="判定时间 detectedAt")
layer.terms("split", "severity", 4, "alerts", "严重程度 Severity")
layer.count("alerts", "告警数 Alerts")
ov_by_severity = xy_panel(layer.prefix, "告警趋势·按严重程度 Alerts by severity", "LOW 低 · MEDIUM 中 · HIGH 高 · CRITICAL 严重",
                          ALERTS, layer, "bar_stacked", layer.prefix + "-time", [layer.prefix + "-alerts"],
                          layer.prefix + "-split")

layer = Layer("insurwatch-ov-fund-trend")
layer.date("time", "detectedAt", label="判定时间 detectedAt")
layer.terms("split", "category", 8, None, "规则族 Rule family")
layer.yuan("fund", "fundAtRiskFen", FUND)
ov_fund_trend = xy_panel(layer.prefix, "涉及基金趋势（元） Fund at risk over time (yuan)",
                         "按规则族堆叠 stacked by rule family; sum(fundAtRiskFen) / 100", ALERTS, layer, "area_stacked",
                         layer.prefix + "-time", [layer.prefix + "-fund"], layer.prefix + "-split")

layer = Layer("insurwatch-ov-by-region")
layer.terms("region", "poolingRegion", 20, "alerts", "统筹区 Pooling region")
layer.terms("split", "severity", 4, "alerts", "严重程度 Severity")
layer.count("alerts", "告警数 Alerts")
ov_by_region = xy_panel(layer.prefix, "各统筹区告警 Alerts by pooling region", "统筹区行政区划代码 6-digit division code",
                        ALERTS, layer, "bar_horizontal_stacked", layer.prefix + "-region", [layer.prefix + "-alerts"],
                        layer.prefix + "-split")

ov_top_institutions = top_table("insurwatch-ov-top-institutions", "告警最多的定点机构 Top institutions",
                                "按告警数 by alerts", "institutionId", "定点机构 Institution")
ov_top_doctors = top_table("insurwatch-ov-top-doctors", "告警最多的医生 Top doctors", "按告警数 by alerts",
                           "doctorId", "医生 Doctor")
ov_top_pharmacies = top_table("insurwatch-ov-top-pharmacies", "告警最多的定点药店 Top pharmacies",
                              "按告警数 by alerts；无药店的告警不计 alerts without a pharmacy are not counted",
                              "pharmacyId", "定点药店 Pharmacy")

layer = Layer("insurwatch-ov-by-rule")
layer.terms("family", "category", 8, "alerts", "规则族 Rule family")
layer.terms("rule", "ruleId", 40, "alerts", "规则 Rule")
layer.count("alerts", "告警数 Alerts")
layer.yuan("fund", "fundAtRiskFen", FUND)
layer.metric("latest", "max", "detectedAt", "最近判定 Latest", data_type="date")
ov_by_rule = table_panel(layer.prefix, "各规则告警 Alerts by rule", "规则见 RULES.md", ALERTS, layer,
                         sort_column="alerts")

ov_list = saved_search("insurwatch-ov-alert-list", "告警明细 Alert details",
                       "最新告警，不含参保人信息 latest alerts, no patient data", ALERTS,
                       ["severity", "ruleId", "title", "institutionId", "doctorId", "pharmacyId", "poolingRegion",
                        "fundAtRiskFen", "eventTime", "citation"])

dashboard("insurwatch-overview", "监管总览 Supervision overview",
          "互联网+医保支付告警总览：规则族、严重程度、涉及基金、机构/医生/药店、统筹区 "
          "Alerts by rule family and severity, fund at risk, top institutions, doctors and pharmacies, pooling regions.",
          [(NAV, "visualization", 0, 0, 48, 4),
           (ov_alerts, "lens", 0, 4, 10, 6), (ov_fund, "lens", 10, 4, 10, 6), (ov_high, "lens", 20, 4, 10, 6),
           (ov_institutions, "lens", 30, 4, 9, 6), (ov_doctors, "lens", 39, 4, 9, 6),
           (ov_by_category, "lens", 0, 10, 24, 14), (ov_by_severity, "lens", 24, 10, 24, 14),
           (ov_fund_trend, "lens", 0, 24, 24, 14), (ov_by_region, "lens", 24, 24, 24, 14),
           (ov_top_institutions, "lens", 0, 38, 16, 14), (ov_top_doctors, "lens", 16, 38, 16, 14),
           (ov_top_pharmacies, "lens", 32, 38, 16, 14),
           (ov_by_rule, "lens", 0, 52, 20, 16), (ov_list, "search", 20, 52, 28, 16)])

# ---------------------------------------------------------------- (2) 医生接诊能力 Doctor capacity

dc_doctors = metric_panel("insurwatch-dc-doctors", "在线接诊医生 Active doctors", "有问诊或处方的医生（去重）", DOCTORS,
                          lambda l: l.metric("value", "unique_count", "doctorId", "在线接诊医生 Active doctors"))
dc_max_rx = metric_panel("insurwatch-dc-max-rx", "单医生每小时最高处方数 Max prescriptions per doctor-hour",
                         "一名医生在一小时内（所有互联网医院合计）开具的处方数的最大值", DOCTORS,
                         lambda l: l.metric("value", "max", "prescriptions", "单医生每小时最高处方数 Max Rx per doctor-hour"))
dc_max_ih = metric_panel("insurwatch-dc-max-ih", "单医生每小时最多互联网医院数 Max internet hospitals per doctor-hour",
                         "一名医生在一小时内执业的互联网医院数的最大值", DOCTORS,
                         lambda l: l.metric("value", "max", "internetHospitals", "最多互联网医院数 Max internet hospitals"))
dc_bulk = metric_panel("insurwatch-dc-bulk", "批量/AI开方告警 Bulk & machine prescribing alerts",
                       "BULK-RATE, BULK-MULTI-SITE, BULK-MACHINE-CADENCE", ALERTS,
                       lambda l: l.count("value", "批量开方告警 Bulk alerts"), BULK)

layer = Layer("insurwatch-dc-rx-per-hour")
layer.date("hour", "windowStart", "1h", "小时 Hour")
layer.metric("max", "max", "prescriptions", "最高 Max")
layer.metric("p95", "percentile", "prescriptions", "95 分位 P95", params={"percentile": 95})
layer.metric("avg", "average", "prescriptions", "平均 Average")
dc_rx_per_hour = xy_panel(layer.prefix, "医生每小时处方数 Prescriptions per doctor per hour",
                          "每个医生每小时的处方数：最高、95 分位、平均（RULES.md BULK-RATE: > 20 / 10 min）", DOCTORS, layer,
                          "line", layer.prefix + "-hour",
                          [layer.prefix + "-max", layer.prefix + "-p95", layer.prefix + "-avg"])

layer = Layer("insurwatch-dc-volume")
layer.date("hour", "windowStart", "1h", "小时 Hour")
layer.metric("consultations", "sum", "consultations", "问诊 Consultations")
layer.metric("prescriptions", "sum", "prescriptions", "处方 Prescriptions")
dc_volume = xy_panel(layer.prefix, "每小时问诊与处方 Consultations and prescriptions per hour", "全部医生合计 all doctors",
                     DOCTORS, layer, "bar", layer.prefix + "-hour",
                     [layer.prefix + "-consultations", layer.prefix + "-prescriptions"])

layer = Layer("insurwatch-dc-top-rx")
layer.terms("doctor", "doctorId", 20, "maxrx", "医生 Doctor")
layer.metric("maxrx", "max", "prescriptions", "单小时最高处方数 Max Rx in an hour")
layer.metric("rx", "sum", "prescriptions", "处方合计 Prescriptions")
layer.metric("consultations", "sum", "consultations", "问诊合计 Consultations")
layer.metric("maxih", "max", "internetHospitals", "单小时最多医院数 Max internet hospitals")
dc_top_rx = table_panel(layer.prefix, "单小时处方最多的医生 Doctors with most prescriptions in an hour",
                        "按单小时最高处方数排序 ordered by the busiest hour", DOCTORS, layer, sort_column="maxrx")

layer = Layer("insurwatch-dc-top-ih")
layer.terms("doctor", "doctorId", 15, "maxih", "医生 Doctor")
layer.metric("maxih", "max", "internetHospitals", "单小时互联网医院数 Internet hospitals in one hour")
dc_top_ih = xy_panel(layer.prefix, "同一小时多院执业的医生 Doctors at most internet hospitals per hour",
                     "一小时内在多家互联网医院接诊或开方 (BULK-MULTI-SITE)", DOCTORS, layer, "bar_horizontal",
                     layer.prefix + "-doctor", [layer.prefix + "-maxih"])

layer = Layer("insurwatch-dc-bulk-trend")
layer.date("time", "detectedAt", label="判定时间 detectedAt")
layer.terms("rule", "ruleId", 5, "alerts", "规则 Rule")
layer.count("alerts", "告警数 Alerts")
dc_bulk_trend = xy_panel(layer.prefix, "批量/AI开方告警趋势 Bulk & machine prescribing alerts over time",
                         "category BULK_PRESCRIBING", ALERTS, layer, "bar_stacked", layer.prefix + "-time",
                         [layer.prefix + "-alerts"], layer.prefix + "-rule", BULK)

layer = Layer("insurwatch-dc-bulk-doctors")
layer.terms("doctor", "doctorId", 15, "alerts", "医生 Doctor")
layer.count("alerts", "告警数 Alerts")
layer.metric("hospitals", "unique_count", "internetHospitalId", "涉及互联网医院 Internet hospitals")
layer.metric("rules", "unique_count", "ruleId", "规则种类 Rules")
# a burst is judged on prescriptions, before any of them is settled: its alerts carry no fund at risk
layer.metric("regions", "unique_count", "poolingRegion", "涉及统筹区 Pooling regions")
dc_bulk_doctors = table_panel(layer.prefix, "批量开方告警最多的医生 Doctors with most bulk prescribing alerts",
                              "category BULK_PRESCRIBING", ALERTS, layer, BULK, sort_column="alerts")

dashboard("insurwatch-doctor-capacity", "医生接诊能力 Doctor capacity",
          "一名医生在所有互联网医院合计的每小时接诊与开方，及批量/AI 开方告警 "
          "What one doctor does per hour across all internet hospitals, and the bulk / machine prescribing alerts.",
          [(NAV, "visualization", 0, 0, 48, 4),
           (dc_doctors, "lens", 0, 4, 12, 6), (dc_max_rx, "lens", 12, 4, 12, 6), (dc_max_ih, "lens", 24, 4, 12, 6),
           (dc_bulk, "lens", 36, 4, 12, 6),
           (dc_rx_per_hour, "lens", 0, 10, 24, 14), (dc_volume, "lens", 24, 10, 24, 14),
           (dc_top_rx, "lens", 0, 24, 24, 15), (dc_top_ih, "lens", 24, 24, 24, 15),
           (dc_bulk_trend, "lens", 0, 39, 24, 14), (dc_bulk_doctors, "lens", 24, 39, 24, 14)])

# ---------------------------------------------------------------- (3) 全流程追溯 Traceability

tr_steps = metric_panel("insurwatch-tr-steps", "链路环节事件 Chain steps", "问诊、处方、结算、发货、送达、自提事件合计", CHAIN,
                        lambda l: l.metric("value", "sum", "events", "链路环节事件 Chain steps"))
tr_fund = metric_panel("insurwatch-tr-fund", "结算基金支付（元） Fund paid at settlement (yuan)", "sum(fundFen) / 100",
                       CHAIN, lambda l: l.yuan("value", "fundFen", "结算基金支付（元） Fund paid (yuan)"))
tr_alerts = metric_panel("insurwatch-tr-alerts", "追溯告警 Traceability alerts", "TRACE-* 规则", ALERTS,
                         lambda l: l.count("value", "追溯告警 Traceability alerts"), TRACE)
tr_stalled = metric_panel("insurwatch-tr-stalled", "已结算未交付 Settled, never handed over", "TRACE-STALLED", ALERTS,
                          lambda l: l.count("value", "已结算未交付 Stalled"), 'ruleId : "TRACE-STALLED"')

layer = Layer("insurwatch-tr-by-stage")
layer.date("time", "windowStart", label="分钟 Minute (windowStart)")
layer.terms("stage", "stage", 6, "events", "环节 Stage")
layer.metric("events", "sum", "events", "事件数 Events")
tr_by_stage = xy_panel(layer.prefix, "链路环节趋势 Chain steps by stage over time",
                       "CONSULTED 问诊 → PRESCRIBED 处方 → SETTLED 结算 → DISPATCHED 发货 → DELIVERED 送达 / PICKED_UP 自提",
                       CHAIN, layer, "line", layer.prefix + "-time", [layer.prefix + "-events"],
                       layer.prefix + "-stage")

layer = Layer("insurwatch-tr-by-region")
layer.terms("region", "poolingRegion", 20, "events", "统筹区 Pooling region")
layer.terms("stage", "stage", 6, "events", "环节 Stage")
layer.metric("events", "sum", "events", "事件数 Events")
tr_by_region = xy_panel(layer.prefix, "各统筹区链路环节 Chain steps by pooling region",
                        "配送环节按收货地统筹区 hand-over steps by destination region", CHAIN, layer,
                        "bar_horizontal_stacked", layer.prefix + "-region", [layer.prefix + "-events"],
                        layer.prefix + "-stage")

layer = Layer("insurwatch-tr-handover")
layer.date("time", "windowStart", label="分钟 Minute (windowStart)")
layer.metric("settled", "sum", "events", "结算 Settled", 'stage : "SETTLED"')
layer.metric("dispatched", "sum", "events", "发货 Dispatched", 'stage : "DISPATCHED"')
layer.metric("handed", "sum", "events", "交付 Handed over", 'stage : ("DELIVERED" or "PICKED_UP")')
tr_handover = xy_panel(layer.prefix, "结算、发货与交付 Settled vs dispatched vs handed over",
                       "交付持续落后于结算即为停滞 a hand-over line falling behind settlements means stalled chains",
                       CHAIN, layer, "line", layer.prefix + "-time",
                       [layer.prefix + "-settled", layer.prefix + "-dispatched", layer.prefix + "-handed"])

layer = Layer("insurwatch-tr-alert-trend")
layer.date("time", "detectedAt", label="判定时间 detectedAt")
layer.terms("rule", "ruleId", 10, "alerts", "规则 Rule")
layer.count("alerts", "告警数 Alerts")
tr_alert_trend = xy_panel(layer.prefix, "断链与停滞告警趋势 Broken and stalled chains over time",
                          "TRACE-NO-CONSULT 无问诊 · TRACE-NO-RX 无处方 · TRACE-NO-PAY 无结算 · TRACE-STALLED 停滞 · "
                          "TRACE-ORDER 倒序 · TRACE-LATE-UPLOAD 迟传", ALERTS, layer, "bar_stacked", layer.prefix + "-time",
                          [layer.prefix + "-alerts"], layer.prefix + "-rule", TRACE)

layer = Layer("insurwatch-tr-top-institutions")
layer.terms("institution", "institutionId", 15, "alerts", "定点机构 Institution")
layer.count("alerts", "追溯告警 Alerts")
layer.count("broken", "断链 Broken", 'ruleId : ("TRACE-NO-CONSULT" or "TRACE-NO-RX" or "TRACE-NO-PAY")')
layer.count("stalled", "停滞 Stalled", 'ruleId : "TRACE-STALLED"')
layer.count("order", "倒序 Out of order", 'ruleId : "TRACE-ORDER"')
layer.count("late", "迟传 Late upload", 'ruleId : "TRACE-LATE-UPLOAD"')
layer.yuan("fund", "fundAtRiskFen", FUND)
tr_top_institutions = table_panel(layer.prefix, "断链最多的定点机构 Institutions with most broken chains",
                                  "TRACE-* 告警按机构 by institution", ALERTS, layer, TRACE, sort_column="alerts")

layer = Layer("insurwatch-tr-top-pharmacies")
layer.terms("pharmacy", "pharmacyId", 15, "alerts", "定点药店 Pharmacy")
layer.count("alerts", "告警数 Alerts")
layer.count("stalled", "停滞 Stalled", 'ruleId : "TRACE-STALLED"')
layer.count("nopay", "无结算发货 Dispatched unpaid", 'ruleId : "TRACE-NO-PAY"')
layer.yuan("fund", "fundAtRiskFen", FUND)
tr_top_pharmacies = table_panel(layer.prefix, "配送停滞最多的药店 Pharmacies with most stalled or unpaid deliveries",
                                "TRACE-STALLED, TRACE-NO-PAY", ALERTS, layer,
                                'ruleId : ("TRACE-STALLED" or "TRACE-NO-PAY")', sort_column="alerts")

dashboard("insurwatch-traceability", "全流程追溯 Traceability",
          "诊疗→处方→交易→配送 全链路：各环节事件量与断链、停滞告警 "
          "The chain consultation → prescription → settlement → delivery: step volumes, broken and stalled chains.",
          [(NAV, "visualization", 0, 0, 48, 4),
           (tr_steps, "lens", 0, 4, 12, 6), (tr_fund, "lens", 12, 4, 12, 6), (tr_alerts, "lens", 24, 4, 12, 6),
           (tr_stalled, "lens", 36, 4, 12, 6),
           (tr_by_stage, "lens", 0, 10, 32, 14), (tr_by_region, "lens", 32, 10, 16, 14),
           (tr_handover, "lens", 0, 24, 24, 14), (tr_alert_trend, "lens", 24, 24, 24, 14),
           (tr_top_institutions, "lens", 0, 38, 28, 14), (tr_top_pharmacies, "lens", 28, 38, 20, 14)])

# ---------------------------------------------------------------- (4) 价格监测 Price monitoring

pr_alerts = metric_panel("insurwatch-pr-alerts", "价格异常告警 Price-outlier alerts", "PRICE-ABOVE-MEDIAN", ALERTS,
                         lambda l: l.count("value", "价格异常告警 Price alerts"), PRICE)
pr_fund = metric_panel("insurwatch-pr-fund", FUND, "PRICE-ABOVE-MEDIAN; sum(fundAtRiskFen) / 100", ALERTS,
                       lambda l: l.yuan("value", "fundAtRiskFen", FUND), PRICE)
pr_pharmacies = metric_panel("insurwatch-pr-pharmacies", "涉及药店 Pharmacies", "有价格异常告警的药店（去重）", ALERTS,
                             lambda l: l.metric("value", "unique_count", "pharmacyId", "涉及药店 Pharmacies"), PRICE)

layer = Layer("insurwatch-pr-trend")
layer.date("time", "detectedAt", label="判定时间 detectedAt")
layer.terms("region", "poolingRegion", 10, "alerts", "统筹区 Pooling region")
layer.count("alerts", "告警数 Alerts")
pr_trend = xy_panel(layer.prefix, "价格异常告警趋势 Price-outlier alerts over time", "PRICE-ABOVE-MEDIAN 按统筹区 by region",
                    ALERTS, layer, "bar_stacked", layer.prefix + "-time", [layer.prefix + "-alerts"],
                    layer.prefix + "-region", PRICE)

DRUG_SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "title": "价格异常最多的药品 Drugs with most price-outlier alerts",
    "data": {
        "url": {
            "index": "insurwatch-alerts*",
            "%context%": True,
            "%timefield%": "detectedAt",
            "body": {
                "size": 0,
                "aggs": {
                    "price": {
                        "filter": {"term": {"ruleId": "PRICE-ABOVE-MEDIAN"}},
                        "aggs": {
                            "evidence": {
                                "nested": {"path": "evidence"},
                                "aggs": {
                                    "drugs": {
                                        "terms": {"field": "evidence.fields.drugCode", "size": 15,
                                                  "order": {"alerts": "desc"}},
                                        "aggs": {
                                            "alerts": {
                                                "reverse_nested": {},
                                                "aggs": {
                                                    "fund": {"sum": {"field": "fundAtRiskFen"}},
                                                    "pharmacies": {"cardinality": {"field": "pharmacyId"}},
                                                },
                                            }
                                        },
                                    }
                                },
                            }
                        },
                    }
                },
            },
        },
        "format": {"property": "aggregations.price.evidence.drugs.buckets"},
    },
    "transform": [
        {"calculate": "datum.alerts.doc_count", "as": "alerts"},
        {"calculate": "datum.alerts.fund.value / 100", "as": "fund"},
        {"calculate": "datum.alerts.pharmacies.value", "as": "pharmacies"},
    ],
    "mark": {"type": "bar", "tooltip": True},
    "encoding": {
        "y": {"field": "key", "type": "nominal", "sort": "-x", "title": "药品编码 Drug code"},
        "x": {"field": "alerts", "type": "quantitative", "title": "价格异常告警数 Alerts"},
        "color": {"field": "fund", "type": "quantitative", "title": "涉及基金（元） Fund (yuan)"},
        "tooltip": [
            {"field": "key", "type": "nominal", "title": "药品编码 Drug code"},
            {"field": "alerts", "type": "quantitative", "title": "告警数 Alerts"},
            {"field": "pharmacies", "type": "quantitative", "title": "药店数 Pharmacies"},
            {"field": "fund", "type": "quantitative", "title": "涉及基金（元） Fund (yuan)", "format": ",.2f"},
        ],
    },
}
pr_by_drug = vega("insurwatch-pr-by-drug", "价格异常最多的药品 Drugs with most price-outlier alerts",
                  "药品编码取自告警证据 evidence.fields.drugCode（nested 字段，Lens 不支持，故用 Vega）", DRUG_SPEC)

layer = Layer("insurwatch-pr-top-pharmacies")
layer.terms("pharmacy", "pharmacyId", 20, "alerts", "定点药店 Pharmacy")
layer.count("alerts", "告警数 Alerts")
layer.yuan("fund", "fundAtRiskFen", FUND)
layer.metric("latest", "max", "detectedAt", "最近判定 Latest", data_type="date")
pr_top_pharmacies = table_panel(layer.prefix, "价格异常最多的药店 Pharmacies with most price-outlier alerts",
                                "PRICE-ABOVE-MEDIAN", ALERTS, layer, PRICE, sort_column="alerts")

layer = Layer("insurwatch-pr-by-region")
layer.terms("region", "poolingRegion", 20, None, "统筹区 Pooling region")
layer.yuan("fund", "fundAtRiskFen", FUND)
pr_by_region = xy_panel(layer.prefix, "各统筹区价格异常涉及基金（元） Price-outlier fund at risk by pooling region",
                        "PRICE-ABOVE-MEDIAN", ALERTS, layer, "bar_horizontal", layer.prefix + "-region",
                        [layer.prefix + "-fund"], kql=PRICE)

dashboard("insurwatch-price", "价格监测 Price monitoring",
          "药店单价高于全省中位数 1.5 倍以上（PRICE-ABOVE-MEDIAN）：按药品、药店、统筹区及涉及基金 "
          "Pharmacy unit prices far above the province's running median: by drug, pharmacy, region and fund at risk.",
          [(NAV, "visualization", 0, 0, 48, 4),
           (pr_alerts, "lens", 0, 4, 16, 6), (pr_fund, "lens", 16, 4, 16, 6), (pr_pharmacies, "lens", 32, 4, 16, 6),
           (pr_trend, "lens", 0, 10, 24, 14), (pr_by_drug, "visualization", 24, 10, 24, 14),
           (pr_top_pharmacies, "lens", 0, 24, 24, 15), (pr_by_region, "lens", 24, 24, 24, 15)])

# ---------------------------------------------------------------- write

order = {"index-pattern": 0, "visualization": 1, "lens": 2, "search": 3, "dashboard": 4}
ids = set()
for o in objects:
    key = (o["type"], o["id"])
    if key in ids:
        raise SystemExit(f"duplicate saved object {key}")
    ids.add(key)
with open(OUT, "w", encoding="utf-8") as out:
    for o in sorted(objects, key=lambda o: order[o["type"]]):
        out.write(compact(o) + "\n")
print(f"wrote {len(objects)} saved objects to {OUT}")
