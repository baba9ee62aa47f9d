import App
import Foundation
import Logging
import Vapor

// Boots App and nothing else: every decision lives in the library.
var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
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
if failed { exit(1) }
