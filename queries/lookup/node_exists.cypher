// title:
//   zh: "节点是否存在"
//   en: "Whether a node exists"
// description:
//   zh: "按其类别的编号索引查一个节点编号是否存在。"
//   en: "Whether a node id exists, by the id index of its label."
// params:
//   label: {type: label}
//   id: {type: string}
MATCH (n:$(label) {id: $id})
RETURN n.id AS id
