import Synchronization

/// The console's signed-in browsers, by session id; thread-safe.
///
/// Sessions live in memory only: a restarted fleet signs everybody out, which is what a class
/// expects of `fleet down`. At most ``capacity`` sessions are kept (the oldest go first), so a
/// script that signs in over and over cannot grow the supervisor's memory.
public final class ConsoleSessions: Sendable {
    /// How long a sign-in lasts: a class day.
    public static let lifetime: Duration = .seconds(12 * 3600)
    /// Most sessions kept at once: a large class signing in from two browsers each, with room.
    public static let capacity = 2_000

    private let sessions = Mutex<[String: ConsoleSession]>([:])

    /// No session yet.
    public init() {}

    /// Opens a session for `role` and returns it (its id goes into the cookie).
    public func open(_ role: ConsoleRole, now: ContinuousClock.Instant = .now) -> ConsoleSession {
        let session = ConsoleSession(id: SecretToken.make(), role: role, csrfToken: SecretToken.make(), expires: now + Self.lifetime)
        sessions.withLock { table in
            table = table.filter { $0.value.expires > now }
            if table.count >= Self.capacity, let oldest = table.min(by: { $0.value.expires < $1.value.expires }) {
                table[oldest.key] = nil
            }
            table[session.id] = session
        }
        return session
    }

    /// The live session of `id`, if any.
    public func session(id: String, now: ContinuousClock.Instant = .now) -> ConsoleSession? {
        sessions.withLock { table in
            guard let session = table[id] else { return nil }
            guard session.expires > now else {
                table[id] = nil
                return nil
            }
            return session
        }
    }

    /// Ends the session of `id` (sign-out).
    public func close(id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }
}
