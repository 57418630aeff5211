import FleetModel

/// The classroom's tokens file is the console's sign-in: `fleet roster` prints the handout, and
/// `ClassroomTokens.role(forToken:)` compares in constant time.
extension ClassroomTokens: ConsoleSignIn {}
