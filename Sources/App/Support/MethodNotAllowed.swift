import Vapor

/// A known address asked with a method it does not take (TRACE, DELETE, PATCH…) answers 405
/// with `Allow`, not 404: the router only says "no route", so this looks the path up in the
/// route table, and only then, when the 404 came from the router.
struct MethodNotAllowedMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch let error as RouteNotFound {
            let allowed = Self.methods(for: req.url.path, in: req.application.routes)
            guard !allowed.isEmpty, !allowed.contains(req.method.rawValue) else { throw error }
            throw Abort(.methodNotAllowed, headers: ["Allow": allowed.sorted().joined(separator: ", ")])
        }
    }

    /// The methods (by name) the routes of `path` answer (HEAD wherever GET is, as Vapor does).
    static func methods(for path: String, in routes: Routes) -> Set<String> {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set<String>()
        for route in routes.all where matches(route.path, parts) {
            methods.insert(route.method.rawValue)
            if route.method == .GET { methods.insert(HTTPMethod.HEAD.rawValue) }
        }
        return methods
    }

    static func matches(_ pattern: [PathComponent], _ parts: [String]) -> Bool {
        var index = 0
        for component in pattern {
            switch component {
            case .catchall: return index < parts.count
            case .constant(let text):
                guard index < parts.count, parts[index] == text else { return false }
            case .parameter, .anything:
                guard index < parts.count else { return false }
            }
            index += 1
        }
        return index == parts.count
    }
}
