// title:
//   zh: "证据原文"
//   en: "Evidence for a region's measure"
// description:
//   zh: "支持“某地区实施某举措”的每一句证据：所在文档（标题、来源、发布日期、网址、发布机构）、句中年份及其出处（本句、所引政策、文档日期）和字符位置。"
//   en: "Every sentence supporting \"region implements measure\", with the document it comes from (title, source, publication date, web address, publisher), its year and where that year came from (the clause, a cited policy, the document's date), and its character offsets."
// group: Evidence
// params:
//   region:
//     type: string
//     default: region:110101
//     label: {zh: "地区", en: "Region"}
//     choices: MATCH (r:Region) RETURN r.id AS value, coalesce(r.full_name, r.name) AS label ORDER BY label
//   measure:
//     type: string
//     default: measure:group_schooling
//     label: {zh: "改革举措", en: "Measure"}
//     choices: MATCH (m:Measure) WHERE coalesce(m.curated, true) RETURN m.id AS value, m.name + ' · ' + coalesce(m.name_en, '') AS label ORDER BY label
//   limit:
//     type: int
//     default: 500
//     label: {zh: "最多返回行数", en: "At most this many rows"}
MATCH (:Region {id: $region})-[e:IMPLEMENTS_EVIDENCE]->(:Measure {id: $measure})
// One edge per document: the first $limit documents hold the first $limit sentences.
WITH e ORDER BY e.doc LIMIT $limit
UNWIND range(0, size(e.evidence) - 1) AS k
WITH e, k ORDER BY e.doc, e.evidence_start[k] LIMIT $limit
OPTIONAL MATCH (d:Document {id: e.doc})
RETURN e.evidence[k] AS sentence,
       CASE WHEN e.evidence_year[k] > 0 THEN e.evidence_year[k] END AS year,
       e.evidence_year_source[k] AS year_source, e.doc AS doc_id,
       d.title AS document, d.source AS source, d.published AS published,
       e.evidence_start[k] AS char_start, e.evidence_end[k] AS char_end,
       d.url AS url, d.publisher AS publisher
ORDER BY doc_id, char_start
