// title:
//   zh: "提到地区的文档中的政策"
//   en: "Policies in documents about a region"
// description:
//   zh: "地区档案：谈到本地区的文档所提到的政策。"
//   en: "Region profile: the policies named in the documents that talk about the region."
// params:
//   region: {type: string}
MATCH (:Region {id: $region})<-[:MENTIONS]-(d:Document)-[:MENTIONS|DESCRIBES]->(p:Policy)
WITH p, collect(DISTINCT d.title) AS documents
RETURN p.id AS id, p.name AS name, p.doc_number AS doc_number, p.issued AS issued,
       documents
ORDER BY issued, id
