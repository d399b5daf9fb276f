// title:
//   zh: "政策"
//   en: "A policy"
// description:
//   zh: "政策档案：政策的属性、引用与被引、发文机构、原文和实施地区。"
//   en: "Policy profile: the policy's properties, what it cites and what cites it, its issuers, texts and implementing regions."
// params:
//   policy: {type: string}
MATCH (p:Policy {id: $policy})
RETURN properties(p) AS props,
       [(p)-[:CITES]->(c:Policy) | c.id] AS cites,
       [(c:Policy)-[:CITES]->(p) | c.id] AS cited_by,
       [(p)-[:ISSUED_BY]->(o:Organization) | o.name] AS issuers,
       [(d:Document)-[:DESCRIBES]->(p) | d.id] AS texts,
       [(r:Region)-[:IMPLEMENTS]->(p) | r.id] AS regions
