/// A plain-text table with left-aligned columns, for every table the CLI prints.
///
/// Columns are separated by two spaces and padded to their widest cell (counted in
/// `Character`s); the last column is never padded so lines carry no trailing spaces, which keeps
/// golden files clean and diff-friendly.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(header: [String]) {
        self.header = header
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table's lines, header first, each ending in `\n`.
    public func render() -> String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var text = ""
        for row in all {
            var line = ""
            for (index, cell) in row.enumerated() {
                if index > 0 { line += "  " }
                line += cell
                if index < row.count - 1 {
                    line += String(repeating: " ", count: widths[index] - cell.count)
                }
            }
            // A trailing empty cell would otherwise leave the separator behind.
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
