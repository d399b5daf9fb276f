// title:
//   zh: "文档表"
//   en: "Documents"
// description:
//   zh: "概览用：给出的文档的标题、日期、文字、长度、来源和网址，最新的在前。"
//   en: "For the overview: the documents' title, date, script, length, source and address, newest first."
// params:
//   ids: {type: list}
MATCH (d:Document)
WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.published AS published, d.script AS script,
       d.chars AS chars, d.source AS source, d.url AS url
ORDER BY coalesce(published, '') DESC, id
