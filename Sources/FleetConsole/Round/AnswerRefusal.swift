/// Why an answer was not kept; each maps to one HTTP status and message.
public enum AnswerRefusal: Error, Equatable, Sendable {
    /// No chaos round is open (none ran, or it was revealed).
    case noRoundOpen
    /// A field is empty or longer than the limit.
    case invalidField(String)
    /// The student already has ``AnswerLimits/perStudent`` answers.
    case tooManyAnswers(Int)
    /// Too many submissions in the current window.
    case rateLimited

    /// The `detail` of the error body.
    public var message: String {
        switch self {
        case .noRoundOpen: return "No chaos round is open"
        case .invalidField(let why): return why
        case .tooManyAnswers(let limit): return "At most \(limit) answers per round"
        case .rateLimited: return "Too many answers in a minute; wait a little"
        }
    }
}
