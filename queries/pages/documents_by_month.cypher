// title:
//   zh: "各月文档数"
//   en: "Documents per month"
// description:
//   zh: "概览用：每个发布月份（无日期者为空）和文字各有多少文档。"
//   en: "For the overview: how many documents each month of publication (none when undated) and script has."
MATCH (d:Document)
RETURN substring(d.published, 0, 7) AS month, d.script AS script, count(d) AS documents
ORDER BY month, script
