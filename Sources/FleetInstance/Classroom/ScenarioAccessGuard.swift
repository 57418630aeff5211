import FleetModel
import Foundation
import Synchronization

/// Decides, per `POST /scenario/...`, whether the caller may change this instance's scenario.
///
/// The decision is ``ScenarioControlPolicy``'s; this class adds what needs state: the tokens,
/// read from the 0600 tokens file (never from the command line) and read again when the file
/// changes (`fleet roster --reset-tokens` while the fleet runs), and the per-source throttle of
/// failed attempts. Tokens are never logged, and a refusal says nothing of which token was tried.
public final class ScenarioAccessGuard: Sendable {
    /// What to answer.
    public enum Outcome: Sendable, Equatable {
        /// Go ahead.
        case allowed
        /// Refuse with the decision's status and detail.
        case refused(ScenarioControlDecision)
        /// The source failed too often this minute: 429 for the `retryAfter` that is left.
        case throttled(retryAfter: Duration)
    }

    /// The mode in force (`auto` resolved).
    public let mode: ScenarioControlMode
    private let instanceID: String
    private let tokensPath: String
    private let roster: [RosterEntry]
    private let state: Mutex<State>

    private struct State: Sendable {
        var throttle = AuthenticationThrottle()
        var tokens: ClassroomTokens?
        /// Modification time and inode of the tokens file when it was read; `nil`: not yet read.
        var fileStamp: FileStamp?
    }

    /// Identity of one version of the tokens file: a rename-replace changes the inode.
    private struct FileStamp: Sendable, Equatable {
        var inode: UInt64
        var modified: Date
    }

    /// A guard for instance `instanceID` of `config`, its tokens in `config.classroomTokensPath`.
    public init(config: FleetConfig, instanceID: String) {
        mode = config.classroom.effectiveScenarioControl
        self.instanceID = instanceID
        tokensPath = config.classroomTokensPath
        roster = config.classroomRoster
        state = Mutex(State())
    }

    /// The outcome for a request with the `Authorization` header `authorization` from `source`
    /// (the client's address), at `now`.
    public func check(authorization: String?, source: String, now: ContinuousClock.Instant = .now) -> Outcome {
        switch mode {
        case .open:
            return .allowed
        case .instructor, .auto:
            return .refused(ScenarioControlPolicy.decide(mode: mode, role: nil, instanceID: instanceID))
        case .owner:
            break
        }
        return state.withLock { state in
            if state.throttle.isBlocked(source, at: now) {
                return .throttled(retryAfter: state.throttle.remainingBlock(of: source, at: now))
            }
            refreshTokens(&state)
            let role = Self.bearerToken(authorization).flatMap { state.tokens?.role(forToken: $0) }
            let decision = ScenarioControlPolicy.decide(mode: mode, role: role, instanceID: instanceID)
            if decision.isAuthenticationFailure { state.throttle.recordFailure(of: source, at: now) }
            return decision == .allowed ? .allowed : .refused(decision)
        }
    }

    /// The token of `Bearer <token>` (scheme case-insensitive, as RFC 7235 says); `nil` otherwise.
    static func bearerToken(_ authorization: String?) -> String? {
        guard let authorization else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// Reads the tokens file again when it changed since the last read (a `stat` per request).
    private func refreshTokens(_ state: inout State) {
        let stamp = Self.stamp(of: tokensPath)
        guard stamp != state.fileStamp || state.fileStamp == nil else { return }
        state.fileStamp = stamp
        // A missing or unreadable file leaves nobody authenticated: refusing is the safe side.
        state.tokens = stamp == nil ? nil : (try? ClassroomTokens.loadExisting(at: tokensPath, roster: roster)) ?? nil
    }

    private static func stamp(of path: String) -> FileStamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value,
              let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return FileStamp(inode: inode, modified: modified)
    }
}
