import FleetChaos
import Foundation

/// Turns `fleet chaos grade`'s arguments into answer-sheet texts.
enum AnswerSheetFiles {
    /// Each file argument, and every `*.yaml` / `*.yml` file of each folder argument (by name,
    /// hidden files left out), read; a file that cannot be read is a problem of its own.
    /// A folder without any sheet is an error: the instructor named the wrong folder.
    static func sources(of arguments: [String]) throws -> [ClassGrade.Source] {
        var files: [String] = []
        for argument in arguments {
            guard isDirectory(argument) else {
                files.append(argument)
                continue
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: argument)
                .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
                .sorted()
            guard !names.isEmpty else {
                throw CLIErrors.Failure(message: "no answer sheets (*.yaml, *.yml) in \(argument)")
            }
            files += names.map { (argument as NSString).appendingPathComponent($0) }
        }
        return files.map { file in
            do {
                return (file, .success(try String(contentsOfFile: file, encoding: .utf8)))
            } catch {
                let reason = FileManager.default.fileExists(atPath: file) ? "cannot be read as UTF-8 text" : "no such file"
                return (file, .failure(SheetProblem(file: file, line: nil, reason: reason)))
            }
        }
    }

    /// Whether `path` is an existing folder.
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
