import Foundation

/// The bearer tokens of a class: the instructor's and one per student of the roster.
///
/// Tokens are 128 random bits from the system's CSPRNG, written as 32 hex digits, and live in
/// ``FleetConfig/classroomTokensPath`` (mode 0600) so the handout of the day survives
/// `fleet down` and `fleet up`. They are matched by name: a student keeps their token when the
/// roster grows, and the instance they own follows the roster's order.
public struct ClassroomTokens: Sendable, Equatable {
    /// One student's token and the instance it grants.
    public struct Student: Sendable, Equatable {
        /// The student and their instance.
        public var entry: RosterEntry
        /// The bearer token.
        public var token: String

        /// A student's token.
        public init(entry: RosterEntry, token: String) {
            self.entry = entry
            self.token = token
        }
    }

    /// The instructor's token.
    public var instructor: String
    /// The students' tokens, in roster order.
    public var students: [Student]

    /// Random bytes per token: 128 bits.
    public static let tokenBytes = 16

    /// Tokens as they are: an instructor's and the students'.
    public init(instructor: String, students: [Student]) {
        self.instructor = instructor
        self.students = students
    }

    // MARK: - Decisions

    /// Who holds `token`, or `nil` for a token of nobody in the class.
    ///
    /// Every known token is compared, in constant time and without stopping at a match, so the
    /// time of a request reveals neither which token matched nor how much of one did.
    public func role(forToken token: String) -> ClassroomRole? {
        let candidate = Array(token.utf8)
        var role: ClassroomRole?
        if ConstantTimeComparison.equal(candidate, Array(instructor.utf8)) { role = .instructor }
        for student in students where ConstantTimeComparison.equal(candidate, Array(student.token.utf8)) {
            if role == nil { role = .student(name: student.entry.name, instanceID: student.entry.instanceID) }
        }
        return role
    }

    /// The token of the student called `name`.
    public func token(forStudent name: String) -> String? {
        students.first { $0.entry.name == name }?.token
    }

    /// The token of the student who owns instance `id`.
    public func token(forInstance id: String) -> String? {
        students.first { $0.entry.instanceID == id }?.token
    }

    // MARK: - Making tokens

    /// A fresh token: ``tokenBytes`` bytes of `generator` as lowercase hex.
    public static func newToken(using generator: inout some RandomNumberGenerator) -> String {
        (0..<tokenBytes).map { _ in
            let byte = UInt8.random(in: 0...UInt8.max, using: &generator)
            return String(byte, radix: 16).leftPadded(to: 2)
        }.joined()
    }

    /// Tokens for `roster`, keeping those of `previous` by name and making the missing ones.
    public static func assigned(
        to roster: [RosterEntry], keeping previous: StoredTokens?, using generator: inout some RandomNumberGenerator
    ) -> ClassroomTokens {
        let instructor = previous?.instructor ?? newToken(using: &generator)
        let students = roster.map { entry in
            Student(entry: entry, token: previous?.students[entry.name] ?? newToken(using: &generator))
        }
        return ClassroomTokens(instructor: instructor, students: students)
    }

    // MARK: - The file

    /// The file's JSON: tokens by student name, so the roster's order decides the instances.
    public struct StoredTokens: Sendable, Equatable, Codable {
        /// The instructor's token.
        public var instructor: String
        /// Each student's token by name (students no longer on the roster are kept, so a
        /// student removed by mistake and put back gets their handout's token again).
        public var students: [String: String]
    }

    /// The tokens of `roster` from the file at `path`, creating the file or adding the tokens of
    /// new students as needed (written 0600, atomically).
    ///
    /// - Throws: ``SecretFile/Failure`` when the file cannot be read or written, is readable by
    ///   others, or is not a tokens file.
    public static func loadOrCreate(at path: String, roster: [RosterEntry]) throws -> ClassroomTokens {
        let stored = try load(at: path)
        var generator = SystemRandomNumberGenerator()
        let tokens = assigned(to: roster, keeping: stored, using: &generator)
        let updated = tokens.stored(keeping: stored)
        if updated != stored { try save(updated, at: path) }
        return tokens
    }

    /// New tokens for the instructor and every student of `roster`, replacing the file at `path`.
    public static func reset(at path: String, roster: [RosterEntry]) throws -> ClassroomTokens {
        var generator = SystemRandomNumberGenerator()
        let tokens = assigned(to: roster, keeping: nil, using: &generator)
        try save(tokens.stored(keeping: nil), at: path)
        return tokens
    }

    /// The tokens of `roster` from the file at `path`, without creating any: `nil` when there
    /// is no file; students the file does not know get no token (they cannot be authenticated).
    public static func loadExisting(at path: String, roster: [RosterEntry]) throws -> ClassroomTokens? {
        guard let stored = try load(at: path) else { return nil }
        let students = roster.compactMap { entry in stored.students[entry.name].map { Student(entry: entry, token: $0) } }
        return ClassroomTokens(instructor: stored.instructor, students: students)
    }

    /// The file's contents, or `nil` when it does not exist.
    public static func load(at path: String) throws -> StoredTokens? {
        guard let data = try SecretFile.read(path) else { return nil }
        do {
            let stored = try JSONDecoder().decode(StoredTokens.self, from: data)
            guard isWellFormed(stored.instructor), stored.students.values.allSatisfy(isWellFormed) else {
                throw SecretFile.Failure(description: "\(path) holds a token shorter than 128 bits; delete it or run `fleet roster --reset-tokens`")
            }
            return stored
        } catch let failure as SecretFile.Failure {
            throw failure
        } catch {
            throw SecretFile.Failure(description:
                "\(path) is not a classroom tokens file (\(error)); delete it or run `fleet roster --reset-tokens`")
        }
    }

    /// Writes `stored` to `path`, mode 0600, atomically.
    public static func save(_ stored: StoredTokens, at path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Encoding plain strings cannot fail.
        let data = try encoder.encode(stored)
        try SecretFile.write(data, to: path)
    }

    /// These tokens as the file stores them, with the students of `previous` who left the roster.
    public func stored(keeping previous: StoredTokens?) -> StoredTokens {
        var byName = previous?.students ?? [:]
        for student in students { byName[student.entry.name] = student.token }
        return StoredTokens(instructor: instructor, students: byName)
    }

    /// At least 128 bits of hex, so a hand-edited short token is not accepted.
    private static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count >= tokenBytes * 2 && token.utf8.allSatisfy { $0.isASCIIHexDigit }
    }
}

extension UInt8 {
    fileprivate var isASCIIHexDigit: Bool {
        (48...57).contains(self) || (97...102).contains(self) || (65...70).contains(self)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
