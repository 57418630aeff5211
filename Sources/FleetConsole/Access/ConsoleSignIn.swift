import FleetModel

/// The console's seam to the classroom's tokens: which role a typed token stands for.
///
/// The console never stores or logs a token; it asks this once, at sign-in, and keeps only a
/// session of its own (``ConsoleSessions``). The fleet's implementation reads the classroom
/// tokens file; tests give a fixed table.
public protocol ConsoleSignIn: Sendable {
    /// The role of `token`, or nil when it is nobody's. Implementations compare in constant time.
    func role(forToken token: String) -> ConsoleRole?
}
