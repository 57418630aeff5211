/// One signed-in browser: its role and the CSRF token its state-changing requests must echo.
public struct ConsoleSession: Sendable, Equatable {
    /// The random id kept in the browser's cookie (never the sign-in token).
    public var id: String
    /// Who signed in.
    public var role: ConsoleRole
    /// Sent back by the page in `X-CSRF-Token` on every POST: a cross-site form cannot read it.
    public var csrfToken: String
    /// When the session ends (``ConsoleSessions/lifetime`` after sign-in).
    public var expires: ContinuousClock.Instant
}
