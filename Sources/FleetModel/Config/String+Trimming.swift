extension String {
    /// The text without leading and trailing whitespace (Unicode `White_Space`, newlines included).
    ///
    /// Written here rather than taken from Foundation so that the syntax parsers depend on the
    /// standard library alone.
    func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
