// title:
//   zh: "文档原文"
//   en: "Document texts"
// description:
//   zh: "文档原文及引文所需的网址、发布者和所载政策的发文机构。"
//   en: "Documents' texts with what a citation names: address, publisher, and the issuer of the policy a document is."
// params:
//   ids: {type: list}
MATCH (d:Document)
WHERE d.id IN $ids
OPTIONAL MATCH (d)-[:DESCRIBES]->(:Policy)-[:ISSUED_BY]->(o:Organization)
WITH d, collect(DISTINCT o.name) AS issuers
RETURN d.id AS id, d.title AS title, d.published AS published, d.source AS source,
       d.script AS script, d.text AS text, d.url AS url, d.publisher AS publisher, issuers
