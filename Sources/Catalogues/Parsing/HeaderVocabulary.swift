import RencaiCore

/// Header spellings the parser recognises, compared with ``TextNormalizer/headerKey(_:)``. Published
/// catalogues name their columns in many ways; these are the ones seen on provincial portals and in the
/// national catalogue. A source can name its key column itself with `key_columns:`.
enum HeaderVocabulary {
    /// Columns holding the occupation code, most specific first.
    static let code = ["职业代码", "职业编码", "职业分类代码", "职业分类编码", "大典代码", "大典编码", "分类代码",
                       "代码", "编码", "occupationcode", "occupation code", "code", "csco code", "isco code"]
    /// Columns holding the occupation or job title, most specific first.
    static let title = ["职业名称", "职业(工种)名称", "职业工种名称", "职业(工种)", "工种名称", "岗位名称", "职位名称",
                        "紧缺职业", "急需紧缺职业", "职业", "岗位", "职位", "工种", "名称",
                        "occupation name", "occupation title", "occupation", "job title", "title", "position", "job", "name"]
    /// Row-number columns: renumbered whenever a row is inserted, so never part of a row's content.
    static let rowNumber: Set<String> = ["序号", "序", "行号", "no", "no.", "#", "sn", "s/n", "serial", "serialno", "serialno.", "number", "nr."]

    static func keys(_ list: [String]) -> [String] { list.map(TextNormalizer.headerKey) }

    /// ``code`` and ``title`` as keys, normalised once rather than for every table parsed.
    static let codeKeys = keys(code)
    static let titleKeys = keys(title)
}
