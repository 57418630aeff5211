extension String {
    /// `self` without leading and trailing spaces, tabs and carriage returns.
    ///
    /// Kept free of Foundation's `CharacterSet` so that what counts as blank is the same
    /// on every platform.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
