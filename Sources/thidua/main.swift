import App
import Foundation
import Logging
import Vapor

// Boots App and nothing else: every decision lives in the library.
var env = try Environment.detect()
// The server writes its log in batches (a request's info line would otherwise cost a write
// per request); the other commands print as they go, in order with their output.
let serving = CommandLine.arguments.dropFirst().first.map { $0 == "serve" || $0.hasPrefix("-") } ?? true
if serving {
    try LoggingSystem.bootstrap(from: &env) { level in { _ in BufferedLogHandler(level: level) } }
} else {
    try LoggingSystem.bootstrap(from: &env)
}
let app = try await Application.make(env)
var failed = false
do {
    try await configure(app)
} catch {
    // A bad setting: say which, and stop.
    app.logger.critical("\(error)")
    failed = true
}
if !failed {
    do {
        try await app.execute()
    } catch {
        // The command has already said what went wrong.
        failed = true
    }
}
try? await app.asyncShutdown()
LogBuffer.standardOutput.flush()
if failed { exit(1) }
