"""Messages from the store, the query catalog and the ingest pipeline, in the reader's language.

Those layers speak English (the CLI prints their messages as they are). The explorer shows
them in Chinese too: each known message shape below has a Chinese version, its variable parts
(numbers, file types, names) carried over. A message of no known shape is shown as it is.
"""

from __future__ import annotations

import re

from edukg.explorer.i18n import language

# An English message (the whole of it, or its start) and its Chinese version; `{name}` in the
# Chinese text is the group of that name.
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.S), zh)
    for p, zh in [
        # the store refusing a query (edukg.store.guard, the two adapters)
        (r"This query writes to the graph", "该查询会写入图谱；此处只允许只读查询。"),
        (r"The query ran longer than (?P<s>[\d.]+) s", "查询运行超过 {s} 秒，已被停止。"),
        (r"The query needed more memory", "查询所需内存超过图数据库允许的上限，已被停止。"),
        (r"The store is busy", "图数据库正忙于其他查询，拒绝了本次查询；请稍后再试。"),
        (r"Syntax error: (?P<detail>.*)", "语法错误：{detail}"),
        (r"The query is empty", "查询为空。"),
        (
            r"The query is (?P<n>[\d,]+) characters long; the limit is (?P<max>[\d,]+)",
            "查询长 {n} 个字符，上限为 {max}。较长的取值列表请作为参数传入。",
        ),
        (r"The query chains", "查询中串联的 AND/OR/XOR/+ 运算过多；请把取值作为列表参数传入。"),
        (r"The query (nests brackets|has too many nested)", "查询嵌套过深；请用 WITH 拆分。"),
        (r"LOAD CSV reads files", "LOAD CSV 会读取文件和网址；此处的查询只能读取图谱。"),
        (r"The procedure (?P<name>\S+) cannot be called here", "此处不能调用过程 {name}。"),
        (r"range\(\) (would make|bound)", "range() 的范围过大或不被允许；请缩小范围。"),
        (r"Parameter (?P<name>\S+) ", "参数 {name} 的值无法传给图数据库。"),
        (r"The store rejected the query: (?P<detail>.*)", "图数据库拒绝了该查询：{detail}"),
        # parameters of a query (edukg.catalog)
        (
            r"param '(?P<name>[^']+)' expects (?P<type>\w+), got (?P<value>.*)",
            "参数 {name} 应为 {type} 类型，收到的是 {value}",
        ),
        (r"query '(?P<q>[^']+)' needs the param '(?P<name>[^']+)'", "查询 {q} 需要参数 {name}"),
        # files skipped by the ingest pipeline (its readers and pipeline, the loader)
        (r"unsupported file type (?P<suffix>\S+)", "不支持的文件类型 {suffix}"),
        (r"unsupported file type", "不支持的文件类型"),
        (r"empty file", "空文件"),
        (r"no visible text in the HTML page", "HTML 页面中没有可见文字"),
        (r"PDF has no extractable text", "PDF 中没有可提取的文字（扫描件？）"),
        (r"no text in the DOCX document", "DOCX 文档中没有文字"),
        (r"cannot decode the text", "无法解码文本：不是 UTF-8、GB18030 或 Big5 编码"),
        (r"invalid (?P<encoding>\S+) text", "无效的 {encoding} 文本"),
        (r"binary content", "二进制内容，不是文本文档"),
        (r"PDF is password-protected", "PDF 有密码保护"),
        (r"corrupted (?P<format>PDF|DOCX)", "{format} 文件已损坏"),
        (
            r"file too large: (?P<size>[\d,]+) bytes \(limit (?P<max>[\d,]+)\)",
            "文件过大：{size} 字节（上限 {max}）",
        ),
        (r"text too long to analyse", "文本太长，无法分析；请拆分成较小的文件"),
        (r"cannot read(?: file)?: (?P<detail>.*)", "无法读取：{detail}"),
        (r"analysis failed", "分析失败"),
        (r"unchanged", "未改动"),
        (r"duplicate of (?P<other>.*)", "与 {other} 内容相同"),
        (r"no such file or folder", "文件或文件夹不存在"),
    ]
]


def translated(message: object) -> str:
    """`message` in the interface's language: its Chinese version when its shape is known."""
    text = str(message)
    if language() != "zh":
        return text
    for pattern, zh in PATTERNS:
        found = pattern.match(text)
        if found:
            return zh.format(**found.groupdict())
    return text
