// title:
//   zh: "文档表"
//   en: "Documents"
// description:
//   zh: "概览用：最新若干个文档的标题、日期、文字、长度、来源和网址，最新的在前。"
//   en: "For the overview: the newest documents' title, date, script, length, source and address, newest first."
// params:
//   limit: {type: int, default: 100}
MATCH (d:Document)
WITH d ORDER BY d.published DESC, d.id LIMIT $limit
RETURN d.id AS id, d.title AS title, d.published AS published, d.script AS script,
       d.chars AS chars, d.source AS source, d.url AS url
ORDER BY published DESC, id
