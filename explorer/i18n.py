"""Interface labels in Chinese and English, and the language switch.

Labels only: data (names of regions, policies, sentences) is shown as the graph holds it,
and measures always carry both their Chinese and English names.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"
LANGUAGE_KEY = "language"
LANGUAGE_PARAM = "lang"

# key -> (Chinese, English); `{name}` fields are filled by t(key, name=...).
TEXT: dict[str, tuple[str, str]] = {
    # navigation and sidebar
    "language": ("语言", "Language"),
    "upload_button": ("上传", "Upload"),
    "upload_limit": ("每个文件最大 {size} MB", "Up to {size} MB per file"),
    "upload_drop": ("将文件拖放到这里", "Drop the files here"),
    "press_enter": ("按 Enter 提交", "Press Enter to submit"),
    "press_ctrl_enter": ("按 Ctrl+Enter 提交", "Press Ctrl+Enter to submit"),
    "press_enter_apply": ("按 Enter 确认", "Press Enter to apply"),
    "app_title": ("教育改革知识图谱", "Education reform knowledge graph"),
    "section_explore": ("浏览", "Explore"),
    "section_evidence": ("证据", "Evidence"),
    "section_query": ("查询", "Query"),
    "section_data": ("数据", "Data"),
    "page_overview": ("概览", "Overview"),
    "page_search": ("搜索", "Search"),
    "page_region": ("地区档案", "Region profile"),
    "page_compare": ("地区对比", "Compare regions"),
    "page_measure": ("改革举措", "Measure profile"),
    "page_diffusion": ("改革扩散", "Reform diffusion"),
    "page_targets": ("量化目标", "Numeric targets"),
    "page_policy": ("政策档案", "Policy profile"),
    "page_evidence": ("事实与证据", "Facts and evidence"),
    "page_document": ("文档原文", "Document text"),
    "page_queries": ("预设查询", "Canned queries"),
    "page_saved": ("我的查询", "Saved queries"),
    "page_ingest": ("导入文档", "Ingest documents"),
    "refresh": ("刷新数据", "Refresh data"),
    "refresh_help": (
        "重新从图数据库读取（命令行导入新文档后使用）",
        "Read the graph again (after ingesting documents from the command line)",
    ),
    # errors
    "store_unavailable": (
        "图数据库不可用：{problem}",
        "The graph store is not available: {problem}",
    ),
    "query_refused": ("查询被拒绝：{problem}", "The query was refused: {problem}"),
    "store_failed": ("图数据库出错：{problem}", "The graph store failed: {problem}"),
    "param_error": ("参数有误：{problem}", "A parameter is wrong: {problem}"),
    "query_file_left_out": (
        "查询文件未载入：{problem}",
        "A query file was left out: {problem}",
    ),
    "query_file_error": ("查询文件有误：{problem}", "A query file is wrong: {problem}"),
    # common words
    "kind_Region": ("地区", "Region"),
    "kind_Measure": ("改革举措", "Measure"),
    "kind_Policy": ("政策", "Policy"),
    "kind_Program": ("项目", "Programme"),
    "kind_Target": ("目标对象", "Stage or population"),
    "kind_Organization": ("机构", "Organisation"),
    "kind_Document": ("文档", "Document"),
    "edge_IMPLEMENTS": ("实施", "implements"),
    "edge_CITES": ("引用", "cites"),
    "edge_TARGETS": ("设定目标", "sets a target for"),
    "edge_PART_OF": ("隶属", "part of"),
    "edge_ISSUED_BY": ("发布机构", "issued by"),
    "edge_INSTANCE_OF": ("属于", "instance of"),
    "edge_MENTIONS": ("提及", "mentions"),
    "edge_DESCRIBES": ("即其原文", "is the text of"),
    "level_province": ("省级", "province"),
    "level_prefecture": ("地级", "prefecture"),
    "level_county": ("县级", "county"),
    "col_region": ("地区", "Region"),
    "col_measure": ("改革举措", "Measure"),
    "col_year": ("起始年份", "Since"),
    "col_evidence": ("证据句数", "Evidence sentences"),
    "col_kind": ("类型", "Kind"),
    "col_name": ("名称", "Name"),
    "col_name_en": ("英文名", "English name"),
    "col_matched": ("匹配", "Matched"),
    "col_policy": ("政策", "Policy"),
    "col_doc_number": ("文号", "Document number"),
    "col_issued": ("发布", "Issued"),
    "col_target": ("对象", "Stage or population"),
    "col_metric": ("指标", "Metric"),
    "col_goal": ("目标值", "Goal"),
    "col_deadline": ("期限", "Deadline"),
    "col_documents": ("文档", "Documents"),
    "col_title": ("标题", "Title"),
    "col_published": ("发布日期", "Published"),
    "col_script": ("字形", "Script"),
    "col_chars": ("字数", "Characters"),
    "col_source": ("来源", "Source"),
    "col_fact": ("事实", "Fact"),
    "col_count": ("数量", "Count"),
    "col_mentions": ("提及次数", "Mentions"),
    "col_label": ("标签", "Label"),
    "col_edge_type": ("关系", "Relation"),
    "col_subregion": ("下级地区", "Sub-region"),
    "col_province": ("省级地区", "Province"),
    "col_program": ("项目", "Programme"),
    "col_implemented_by": ("实施地区", "Implemented by"),
    "this_region": ("（本地区）", " (this region)"),
    "col_adopters": ("采用地区数", "Regions adopting"),
    "col_reforms": ("改革举措数", "Measures"),
    "col_description": ("说明", "Description"),
    "script_simplified": ("简体", "Simplified"),
    "script_traditional": ("繁体", "Traditional"),
    "no_year": ("年份未说明", "year not stated"),
    "none_recorded": ("暂无记录。", "None recorded."),
    "all_regions": ("（全部地区）", "(all regions)"),
    "all_targets": ("（全部对象）", "(all stages and populations)"),
    "select_row_hint": ("点击表格中的一行查看其证据原文。", "Select a row to read its evidence."),
    "rows": ("{count} 行", "{count} rows"),
    "truncated": (
        "已达行数上限，只显示前面的结果。",
        "The row limit was reached; only the first rows are shown.",
    ),
    "empty_graph": (
        "图谱还是空的：请在“导入文档”页上传文档，或运行 `edukg ingest examples/corpus`。",
        "The graph is empty: upload documents on the Ingest page, or run "
        "`edukg ingest examples/corpus`.",
    ),
    # widgets
    "pick_one": ("请选择", "Choose one"),
    "pick_some": ("请选择（可多选）", "Choose some"),
    "not_found": (
        "图谱中没有“{value}”（链接有误或已过时）。",
        "The graph holds no “{value}” (the link is wrong or out of date).",
    ),
    "closest_matches": ("最接近的是：", "The closest are:"),
    "pick_region": ("地区", "Region"),
    "picker_search": ("搜索{what}", "Search: {what}"),
    "picker_placeholder": (
        "输入名称、别名或其中几个字，结果随输入更新",
        "Type a name, an alias or part of one; the choices follow your typing",
    ),
    "pick_regions": ("地区（两个或更多）", "Regions (two or more)"),
    "pick_measure": ("改革举措", "Measure"),
    "pick_within": ("范围（含下级地区）", "Within (and its sub-regions)"),
    "tab_table": ("表格", "Table"),
    "tab_chart": ("图表", "Chart"),
    "tab_graph": ("关系图", "Graph"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_json": ("下载 JSON", "Download JSON"),
    "show_cypher": ("查看 Cypher", "Show the Cypher"),
    "graph_too_big": (
        "结果涉及 {count} 个节点，太多，不画关系图。",
        "The result touches {count} nodes, too many to draw.",
    ),
    "graph_nothing": ("结果中没有可连接的节点。", "The result has no nodes to connect."),
    "graph_hint": (
        "拖动节点或画布，滚轮缩放；点击节点打开它的页面。",
        "Drag a node or the canvas, scroll to zoom; click a node to open its page.",
    ),
    "graph_cut_regions": (
        "下级地区共 {count} 个，图中显示改革举措最多的 {shown} 个。",
        "{count} sub-regions: the {shown} with most measures are drawn.",
    ),
    "graph_cut_reforms": (
        "实施的举措、项目和政策共 {count} 项，图中显示证据最多的 {shown} 项。",
        "{count} measures, programmes and policies implemented: the {shown} with most "
        "evidence are drawn.",
    ),
    "map_missing": (
        "{count} 个地区没有坐标，未在地图上显示。",
        "{count} regions have no coordinates and are not on the map.",
    ),
    "map_caption": ("底图需联网加载。", "The base map needs an internet connection."),
    "map_sized_by_measures": (
        "圆点大小表示改革举措数量。",
        "Dot size shows the number of measures.",
    ),
    "map_adopters": ("每个圆点是一个采用地区。", "Each dot is a region that adopted it."),
    "map_measures": ("{count} 项举措", "{count} measures"),
    "map_since": ("始于 {year}", "since {year}"),
    # overview
    "overview_intro": (
        "从政策文本和新闻中提取的地区、政策、改革举措和量化目标，每条事实都附有原文证据。",
        "Regions, policies, reform measures and numeric targets extracted from policy texts "
        "and news; every fact carries the sentence it comes from.",
    ),
    "metric_documents": ("文档", "Documents"),
    "metric_regions": ("地区", "Regions"),
    "metric_adoptions": ("改革采用记录", "Adoptions recorded"),
    "metric_policies": ("政策", "Policies"),
    "metric_targets": ("量化目标", "Numeric targets"),
    "chart_nodes": ("各类节点数量", "Nodes per label"),
    "chart_edges": ("各类关系数量", "Edges per type"),
    "chart_top_measures": ("采用最多的改革举措", "Most adopted measures"),
    "chart_top_regions": ("改革举措最多的地区", "Regions with most reforms"),
    "chart_documents": ("已导入文档（按发布日期）", "Documents ingested, by publication date"),
    "documents_table": ("已导入文档", "Documents ingested"),
    "documents_newest": ("最新的 {shown} 篇，共 {total} 篇", "The newest {shown} of {total}"),
    "facts_shown": (
        "按类型和两端排序的前 {shown} 条，共 {total} 条",
        "The first {shown} by type and ends, of {total}",
    ),
    "documents_hint": ("点击一行阅读全文。", "Select a row to read the whole document."),
    "start_here": ("可以从这些问题开始", "Questions to start with"),
    "ask_adopters": (
        "{within}哪些地区采用了{measure}，从哪一年开始？",
        "Which regions of {within} adopted {measure}, and since when?",
    ),
    "ask_compare": ("{a}和{b}的改革有什么不同？", "How do {a} and {b} differ?"),
    "ask_targets": (
        "哪些政策为{target}设定了量化目标？",
        "Which policies set numeric targets for {target}?",
    ),
    "unknown_date": ("日期不详", "date unknown"),
    # search
    "search_box": (
        "名称、别名、文号或文中词句（简体或繁体）",
        "Name, alias, document number or words of a text (Simplified or Traditional)",
    ),
    "search_placeholder": (
        "例如：集团化办学、東城區、group schooling、京教基、组建教育集团",
        "e.g. 集团化办学, 東城區, group schooling, 京教基, 组建教育集团",
    ),
    "search_intro": (
        "边输入边搜索：地区、改革举措、政策、项目、学段与群体的名称和别名（中英文），以及文档全文。",
        "Results follow your typing: names and aliases (Chinese or English) of regions, "
        "measures, policies, programmes, stages and populations, and the full text of documents.",
    ),
    "search_sentences": ("包含所搜词语的句子", "Sentences with these words"),
    "search_converted": ("已按简体“{query}”搜索。", "Searched as Simplified “{query}”."),
    "search_none": ("没有找到“{query}”。", "Nothing found for “{query}”."),
    "search_hint": ("点击一行打开它的档案页。", "Select a row to open its profile."),
    "search_found": ("找到 {count} 项", "{count} found"),
    # region
    "region_level": ("级别", "Level"),
    "region_parent": ("上级地区", "Part of"),
    "region_aliases": ("别称", "Also called"),
    "region_own_measures": ("本地区的改革举措", "Measures it implements"),
    "region_sub_reforms": ("下级地区的改革", "Its sub-regions' reforms"),
    "region_programs": ("项目", "Programmes"),
    "region_policies": ("政策", "Policies"),
    "region_policies_caption": (
        "本地区实施的政策，以及提到本地区的文档中出现的政策。",
        "Policies it implements, and policies named in documents that mention it.",
    ),
    "region_implements": ("实施", "implements"),
    "region_named_with": ("同文出现", "named in the same documents"),
    "region_documents": ("提到本地区的文档", "Documents that mention it"),
    "documents_shown": (
        "列出提及次数最多的 {shown} 篇，共 {total} 篇",
        "The {shown} that mention it most, of {total}",
    ),
    "policies_shown": (
        "列出文本提及次数最多的 {shown} 项，共 {total} 项",
        "The {shown} whose texts mention it most, of {total}",
    ),
    "region_map": ("地图", "Map"),
    "region_timeline": ("时间线", "Timeline"),
    "region_graph": ("关系图", "Neighbourhood graph"),
    "metric_own_measures": ("本级举措", "Own measures"),
    "metric_sub_regions": ("有改革的下级地区", "Sub-regions with reforms"),
    "metric_documents_mentioning": ("相关文档", "Documents"),
    # compare
    "compare_need_two": ("请选择至少两个地区。", "Choose at least two regions."),
    "compare_shared": ("共同的举措", "Shared by all"),
    "compare_only": ("仅{region}", "Only {region}"),
    "compare_matrix": ("逐项对比", "Side by side"),
    "compare_cell_hint": (
        "单元格显示起始年份（✓ 表示年份未说明）。点击单元格查看证据原文。",
        "Cells show the year since when (✓: year not stated). Select a cell to read its evidence.",
    ),
    "compare_timeline": ("采用时间", "Adoption years"),
    # measure
    "measure_aliases": ("别名", "Also called"),
    "measure_broader": ("上位举措", "Broader measure"),
    "measure_adopters": ("采用地区", "Regions adopting it"),
    "measure_timeline": ("采用时间线", "Timeline of adoptions"),
    "timeline_first": (
        "最早采用的 {shown} 个地区（共 {total} 个注明年份）；扩散页按年份统计全部地区",
        "The first {shown} regions to adopt it (of {total} with a year); the diffusion page "
        "counts all of them by year",
    ),
    "measure_map": ("采用地区分布", "Where it was adopted"),
    "measure_policies": ("推动该举措的政策文本", "Policy texts that promote it"),
    "measure_goals": ("与该举措有关的量化目标", "Numeric goals about it"),
    "measure_programs": ("该举措下的项目", "Programmes of this kind"),
    "metric_adopters": ("采用地区", "Regions"),
    "metric_earliest": ("最早年份", "Earliest year"),
    "metric_goals": ("量化目标", "Numeric goals"),
    # diffusion
    "diffusion_intro": (
        "一项改革如何扩散：谁最先采用，逐年累计有多少地区采用，在省、地、县各级之间先后相差几年。",
        "How a reform spread: who adopted it first, how many regions had adopted it by each "
        "year, and how many years apart the provinces, prefectures and counties took it up.",
    ),
    "diffusion_open": ("查看该举措的扩散过程", "How this measure spread"),
    "diffusion_back": ("改革举措档案", "Measure profile"),
    "diffusion_first_movers": ("先行者", "First movers"),
    "diffusion_first_movers_note": (
        "最早采用的地区（按年份，其次按地区代码）。",
        "The earliest adopters (by year, then by region code).",
    ),
    "diffusion_cumulative": ("逐年累计采用地区数", "Regions adopting it, year by year"),
    "diffusion_cumulative_note": (
        "柱：当年新采用的地区数（按级别）；线：累计采用地区数。",
        "Bars: regions first adopting it that year (by level); line: all regions adopting it "
        "by then.",
    ),
    "diffusion_undated": (
        "未说明年份的 {count} 个采用地区不计入年份和时差。",
        "{count} adopters without a stated year are left out of the years and the lags.",
    ),
    "diffusion_years_table": ("逐年数字", "Figures by year"),
    "diffusion_levels": ("自上而下：各级之间的时差", "Down the hierarchy: the lag between levels"),
    "diffusion_levels_note": (
        "时差 = 本级年份减上一级（有采用的最近一级）年份；负数表示下级先行。",
        "Lag = this level's year minus the year of the level above (the nearest level with "
        "adopters); negative when the lower level went first.",
    ),
    "diffusion_followed": (
        "上级地区也采用的 {count} 个地区：相对上级的中位时差 {years} 年（负数表示早于上级）。",
        "{count} adopters whose region above adopted it too: median lag behind it {years} "
        "years (negative: before it).",
    ),
    "diffusion_map": ("按采用年份着色的地图", "Map coloured by the year of adoption"),
    "diffusion_map_note": (
        "颜色由深（早）到浅（晚），灰色表示年份未说明。",
        "Dark dots adopted early, light ones late; grey: year not stated.",
    ),
    "diffusion_adopters": ("采用地区及证据", "Adopters and their evidence"),
    "metric_first_year": ("最早年份", "First year"),
    "metric_years_to_spread": ("扩散历时（年）", "Years of spread"),
    "metric_levels": ("涉及级别", "Levels reached"),
    "col_rank": ("次序", "Order"),
    "col_level": ("级别", "Level"),
    "col_above_year": ("上级采用年份", "Region above since"),
    "col_years_after_above": ("晚于上级（年）", "Years after the region above"),
    "col_new_adopters": ("当年新增", "New that year"),
    "col_cumulative": ("累计", "In all by then"),
    "col_provinces": ("省级", "Provinces"),
    "col_prefectures": ("地级", "Prefectures"),
    "col_counties": ("县级", "Counties"),
    "col_dated_adopters": ("年份已知", "With a stated year"),
    "col_first_year": ("最早年份", "First year"),
    "col_median_year": ("中位年份", "Median year"),
    "col_first_movers": ("最先采用", "First movers"),
    "col_lag_first": ("最早年份时差", "Lag of first years"),
    "col_lag_median": ("中位年份时差", "Lag of median years"),
    "col_dating_sentence": ("说明采用年份的证据", "The sentence dating it"),
    # targets
    "targets_intro": (
        "政策为某一学段或群体设定的量化目标：指标、目标值与期限，附原文。",
        "Numeric goals that policies set for an education stage or population: metric, value "
        "and deadline, with the source sentence.",
    ),
    "pick_target": ("学段或群体", "Stage or population"),
    "targets_none": (
        "图谱中还没有量化目标（TARGETS 关系）。",
        "The graph holds no numeric targets (TARGETS edges) yet.",
    ),
    "targets_chart": ("各政策的目标值", "Goal values by policy"),
    "goals_shown": (
        "列出前 {shown} 条（按图谱存储的顺序），共 {total} 条；选择学段或群体可缩小范围",
        "The first {shown} (in the order the graph keeps them) of {total}: choose a stage or "
        "population to narrow them",
    ),
    "goals_charted": (
        "图中为表中前 {shown} 条百分比目标，共 {total} 条",
        "The chart draws the first {shown} of the table's {total} percentage goals",
    ),
    "targets_axis": ("目标值（%）", "Goal (%)"),
    # policy
    "pick_policy": ("政策", "Policy"),
    "policy_kind": ("文种", "Kind"),
    "policy_issuer": ("发布机构", "Issued by"),
    "policy_cites": ("引用的政策", "Cites"),
    "policy_cited_by": ("被以下政策引用", "Cited by"),
    "policy_targets": ("设定的量化目标", "Numeric targets it sets"),
    "policy_regions": ("实施该政策的地区", "Regions implementing it"),
    "policy_texts": ("政策原文", "Its text"),
    "policy_mentioned_in": ("提到该政策的文档（次数）", "Documents that mention it (times)"),
    "policy_none": ("图谱中还没有政策。", "The graph holds no policies yet."),
    # evidence
    "evidence_intro": (
        "选择一个地区、政策或举措，查看与它有关的每条事实及其原文证据。",
        "Choose a region, policy or measure to see every fact about it and the sentences "
        "they come from.",
    ),
    "pick_node": ("地区、政策、举措……", "Region, policy, measure, ..."),
    "facts_of_node": ("与它有关的事实", "Facts about it"),
    "evidence_for": ("证据", "Evidence"),
    "evidence_none": ("这条事实没有保存证据句。", "No evidence sentence is stored for this fact."),
    "evidence_missing_edge": ("图谱中没有这条事实。", "The graph holds no such fact."),
    "evidence_page": ("证据文档页（共 {pages} 页）", "Page of supporting documents (of {pages})"),
    "evidence_documents": (
        "第 {first}–{last} 份文档，共 {total} 份支持这条事实",
        "Documents {first}–{last} of the {total} that support this fact",
    ),
    "evidence_document": ("《{title}》", "“{title}”"),
    "evidence_whole": ("阅读全文", "Read the whole document"),
    "cite_copy": ("复制引文", "Copy citation"),
    "cite_style_zh": ("中文格式", "Chinese style"),
    "cite_style_en": ("英文格式", "English style"),
    "evidence_link": ("这条事实的证据页", "Evidence page of this fact"),
    "evidence_year": ("年份：{year}", "year: {year}"),
    "year_from_clause": ("句中所述", "stated in the sentence"),
    "year_from_cited_policy": ("取自所依据政策的文号", "from the cited policy's number"),
    "year_from_document_date": ("取自文档日期", "from the document's date"),
    "evidence_sentences": ("{count} 句证据", "{count} evidence sentences"),
    # document
    "pick_document": ("文档", "Document"),
    "document_facts": ("从本文提取的事实", "Facts extracted from it"),
    "document_text": ("全文（高亮为证据句）", "Full text (evidence sentences highlighted)"),
    "document_none": ("图谱中还没有文档。", "The graph holds no documents yet."),
    # canned queries
    "queries_intro": (
        "预设查询来自 queries/ 文件夹；“我的查询”中保存的查询也列在这里。",
        "Canned queries come from the queries/ folder; queries saved on the Saved queries "
        "page are listed here too.",
    ),
    "queries_saved_group": ("我的查询", "Saved queries"),
    "queries_run": ("运行", "Run"),
    "queries_params": ("参数", "Parameters"),
    "queries_no_params": ("此查询没有参数。", "This query has no parameters."),
    "queries_all": ("（全部）", "(all)"),
    "group_Graph": ("图谱", "Graph"),
    "group_Regions": ("地区", "Regions"),
    "group_Measures": ("改革举措", "Measures"),
    "group_Policies": ("政策", "Policies"),
    "group_Evidence": ("证据", "Evidence"),
    "group_Other": ("其他", "Other"),
    # saved queries
    "saved_intro": (
        "编写带 $参数 的 Cypher 查询，运行、命名并保存。查询一律只读执行，并有超时限制。",
        "Write a Cypher query with $parameters, run it, name it and save it. Queries always "
        "run read-only, with a time limit.",
    ),
    "saved_pick": ("编辑", "Edit"),
    "saved_new": ("（新查询）", "(new query)"),
    "saved_name": ("文件名（字母、数字、_、-）", "File name (letters, digits, _ or -)"),
    "saved_title": ("标题", "Title"),
    "saved_description": ("说明", "Description"),
    "saved_cypher": ("Cypher（用 $名称 表示参数）", "Cypher (write parameters as $name)"),
    "saved_param_type": ("${name} 的类型", "Type of ${name}"),
    "saved_param_value": ("${name} 的值", "Value of ${name}"),
    "saved_run": ("运行", "Run"),
    "saved_save": ("保存", "Save"),
    "saved_delete": ("删除", "Delete"),
    "saved_export": ("导出此查询", "Export this query"),
    "saved_export_all": ("导出全部（zip）", "Export all (zip)"),
    "saved_import": ("导入查询文件（.cypher）", "Import query files (.cypher)"),
    "saved_import_button": ("导入", "Import"),
    "saved_imported": ("已导入：{names}", "Imported: {names}"),
    "saved_saved": ("已保存为 {path}", "Saved as {path}"),
    "saved_deleted": ("已删除 {name}", "Deleted {name}"),
    "saved_highlighted": ("高亮显示", "Highlighted"),
    "saved_schema": ("图谱结构与示例查询", "The graph's schema and example queries"),
    "saved_schema_intro": (
        "图谱中现有的节点标签、关系类型及其属性（属性取自样本）。",
        "The node labels and relationship types in the graph, with their properties (read "
        "from a sample).",
    ),
    "schema_kind": ("类别", "Kind"),
    "schema_kind_node": ("节点标签", "Node label"),
    "schema_kind_edge": ("关系类型", "Relationship type"),
    "schema_name": ("名称", "Name"),
    "schema_count": ("数量", "Count"),
    "schema_properties": ("属性", "Properties"),
    "saved_examples": ("示例查询", "Example queries"),
    "saved_use_example": ("放入编辑器", "Put in the editor"),
    "saved_list": ("已保存的查询", "Saved queries"),
    "saved_none": ("还没有保存的查询。", "No saved queries yet."),
    "saved_replace": ("覆盖同名查询", "Replace a saved query with this name"),
    # ingest
    "ingest_intro": (
        "上传文档（txt、md、html、pdf、docx；UTF-8、GB18030 或 Big5）。未改动的文件会跳过，"
        "改动过的文件会替换其旧版本的事实。大批量导入请用 `edukg ingest`。",
        "Upload documents (txt, md, html, pdf, docx; UTF-8, GB18030 or Big5). Unchanged files "
        "are skipped; a changed file replaces the facts of its earlier version. For large "
        "collections use `edukg ingest`.",
    ),
    "ingest_files": ("拖放文件到这里", "Drop files here"),
    "ingest_button": ("导入", "Ingest"),
    "ingest_progress": ("正在处理第 {done}/{total} 个文件", "Processing file {done} of {total}"),
    "ingest_done": ("导入完成，用时 {seconds:.1f} 秒。", "Ingested in {seconds:.1f} s."),
    "ingest_summary": ("汇总", "Summary"),
    "store_problem": (
        "图谱存储有问题，答案可能缺少事实：{problem}",
        "The graph store has a problem; answers may lack facts: {problem}",
    ),
    "ingest_same_name": (
        "本批中另有同名文件，此文件未导入：请改名后再上传",
        "another file of this batch has the same name, so this one was not ingested: "
        "rename it and upload it again",
    ),
    "ingest_skipped": ("跳过 {source}：{reason}", "Skipped {source}: {reason}"),
    "ingest_extracted": ("提取的事实", "What was extracted"),
    "ingest_no_facts": ("没有从该文档提取到事实。", "No facts were extracted from this document."),
    "ingest_found": ("找到的文件", "files found"),
    "ingest_unchanged": ("未改动（跳过）", "unchanged (skipped)"),
    "count_documents_added": ("新增文档", "documents added"),
    "count_documents_replaced": ("替换文档", "documents replaced"),
    "count_documents_unchanged": ("未改动文档", "documents unchanged"),
    "count_nodes_created": ("新建节点", "nodes created"),
    "count_nodes_updated": ("更新节点", "nodes updated"),
    "count_edges_created": ("新建关系", "edges created"),
    "count_edges_updated": ("更新关系", "edges updated"),
    "count_edges_unmatched": ("未能连接的关系", "edges without their nodes"),
}


def language() -> str:
    return st.session_state.get(LANGUAGE_KEY) or DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    """The label `key` in the current language, with `values` filled in as text (labels are
    Markdown; a value never is: see `plain`)."""
    zh, en = TEXT[key]
    text = zh if language() == "zh" else en
    shown = {name: v if isinstance(v, int | float) else plain(v) for name, v in values.items()}
    return text.format(**shown) if values else text


def t_or(key: str, fallback: str) -> str:
    """`t(key)`, or `fallback` for a key with no label (e.g. a count added later)."""
    return t(key) if key in TEXT else fallback


def language_toggle() -> str:
    """The language switch in the sidebar, kept in the address (`?lang=zh|en`) on every page,
    so that a shared link opens in the sender's language. A language arriving in the address
    (a link was followed) wins over the switch's earlier choice."""
    wanted = st.query_params.get(LANGUAGE_PARAM)
    synced = f"{LANGUAGE_KEY}:synced"
    if wanted in LANGUAGES and wanted != st.session_state.get(synced):
        st.session_state[LANGUAGE_KEY] = wanted
    elif st.session_state.get(LANGUAGE_KEY) not in LANGUAGES:
        # The switch's own state is dropped when a script switches pages (st.switch_page
        # after a click): the address, or else the language last shown, still names it.
        kept = wanted if wanted in LANGUAGES else st.session_state.get(synced)
        st.session_state[LANGUAGE_KEY] = kept if kept in LANGUAGES else DEFAULT_LANGUAGE
    chosen = st.sidebar.segmented_control(
        t("language"),
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        required=True,
        key=LANGUAGE_KEY,
        label_visibility="collapsed",
    )
    st.session_state[synced] = chosen
    st.query_params[LANGUAGE_PARAM] = chosen
    return chosen


def interface_style() -> None:
    """Streamlit's own interface words in the chosen language.

    The upload box ("Drag and drop files here", "Browse files", the size limit) and a form's
    "Press Enter to submit form" are drawn by Streamlit's front end in English only; this
    style sheet hides those words and shows ours instead. Only labels from TEXT go into it
    (never text from the graph or the address), quoted as CSS strings.
    """
    limit = t("upload_limit").format(size=st.get_option("server.maxUploadSize"))
    dropzone = '[data-testid="stFileUploaderDropzone"]'
    instructions = '[data-testid="InputInstructions"] > span:first-child'
    css = f"""<style>
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::before {{
  content: {_css_string(limit)}; font-size: 0.875rem; }}
{dropzone} button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
{dropzone} button [data-testid="stMarkdownContainer"] p::after {{
  content: {_css_string(t("upload_button"))}; font-size: 0.875rem; }}
{dropzone} > div:not(:has(button)):not([data-testid]) {{ font-size: 0; }}
{dropzone} > div:not(:has(button)):not([data-testid])::after {{
  content: {_css_string(t("upload_drop"))}; font-size: 1rem; }}
{instructions} {{ font-size: 0; }}
{instructions}::after {{ content: {_css_string(t("press_enter_apply"))}; font-size: 0.75rem; }}
[data-testid="stForm"] {instructions}::after {{ content: {_css_string(t("press_enter"))}; }}
[data-testid="stForm"] [data-testid="stTextArea"] {instructions}::after {{
  content: {_css_string(t("press_ctrl_enter"))}; }}
</style>"""
    st.html(css)


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string: every mark but letters, digits and spaces escaped."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


# Marks that make Markdown (or Streamlit's :directives[], $maths$, autolinks) out of plain
# text anywhere in a line; `-` and `+` do so only at its start (a list).
_MARKUP = re.compile(r"[\\`*_\[\]()<>!|~$:{}&#.@]|^[-+]")


def plain(text: object) -> str:
    """`text` as Markdown that shows exactly that text, on one line.

    Titles, sentences and names come from documents, and search words from the address: in
    Markdown, `[x](https://…)` would be a live link and `![x](…)` an image fetched from
    anywhere. A backslash before each mark that could start markup makes it literal.
    """
    return _MARKUP.sub(lambda m: "\\" + m.group(), " ".join(str(text).splitlines()))


MISSING = "—"


def year_text(year: Any, missing: str = MISSING) -> str:
    """A year for a table cell: "2014", or `missing` when the sources state none."""
    return str(int(year)) if pd.notna(year) and year else missing
