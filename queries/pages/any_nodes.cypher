// title:
//   zh: "任意节点"
//   en: "Any nodes"
// description:
//   zh: "选择器首选的后备：某一类的任意节点（图谱尚未排定首选时：旧版本导入的图谱）。"
//   en: "The pickers' first choices to fall back on: any nodes of one label (a graph whose first choices are not ranked yet: loaded by an older edukg)."
// params:
//   label: {type: label}
//   limit: {type: int}
MATCH (n:$(label))
RETURN n.id AS id
LIMIT $limit
