import Fluent
import Foundation
import ThiDuaCore
import Vapor

enum Cookies {
    static let session = "thidua_session"
    /// The anonymous forms' CSRF cookie (sign-in, reset), checked against the form field.
    static let preSessionCSRF = "thidua_csrf"

    /// A session's cookie, for as long as the session may last.
    static func sessionValue(_ cookie: String, for req: Request) -> HTTPCookies.Value {
        value(cookie, for: req, maxAge: Int(req.application.thidua.config.sessionLifetime))
    }

    static func value(_ text: String, for req: Request, maxAge: Int?) -> HTTPCookies.Value {
        let secure: Bool
        switch req.application.thidua.config.cookieSecure {
        case .always: secure = true
        case .never: secure = false
        case .auto: secure = req.headers.first(name: "X-Forwarded-Proto") == "https" || req.url.scheme == "https"
        }
        return HTTPCookies.Value(string: text, expires: nil, maxAge: maxAge, domain: nil, path: "/",
                                 isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}

/// Finds who is asking: an API token (`Authorization: Bearer`) or a session cookie. A bad
/// token is refused at once; a bad or expired cookie leaves the request anonymous.
struct Authenticator: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A health check is anonymous: a probe that sends a cookie costs no session read.
        if req.url.path == SiteURL.healthz.path { return try await next.respond(to: req) }
        var state = AuthState()
        let now = req.application.thidua.now()
        let config = req.application.thidua.config
        if let bearer = req.headers.bearerAuthorization {
            guard let found = try await SignedIn<APITokenModel>.find(hash: Secrets.sha256(bearer.token), unrevoked: true, on: req.db),
                  !found.user.isDisabled else {
                throw AccessDenied(status: .unauthorized,
                                   message: "Mã truy cập không hợp lệ, đã bị thu hồi hoặc tài khoản đã bị khóa.",
                                   headers: ["WWW-Authenticate": "Bearer"])
            }
            let token = found.credential
            token.$user.value = found.user
            if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
                token.lastUsedAt = now
                try await req.write { store in try await token.save(on: store.db) }
            }
            state.user = found.user
            state.actor = try await req.application.actorCache.actor(for: found.user, stamp: found.auditStamp, now: now, on: req.db)
            state.viaToken = true
        } else if let cookie = req.cookies[Cookies.session]?.string {
            if let found = try await SignedIn<SessionModel>.find(hash: Secrets.sha256(cookie), unrevoked: false, on: req.db) {
                let session = found.credential
                session.$user.value = found.user
                let expired = now >= session.expiresAt || now.timeIntervalSince(session.lastSeenAt) >= config.sessionIdle
                if expired || session.user.isDisabled {
                    try await req.write { store in try await session.delete(on: store.db) }
                    state.sessionEnded = true
                } else {
                    if now.timeIntervalSince(session.lastSeenAt) > 30 {
                        session.lastSeenAt = now
                        try await req.write { store in try await session.save(on: store.db) }
                    }
                    state.user = session.user
                    state.session = session
                    state.actor = try await req.application.actorCache.actor(for: session.user, stamp: found.auditStamp, now: now,
                                                                             on: req.db)
                }
            } else {
                state.sessionEnded = true
            }
        }
        req.auth = state
        let response = try await next.respond(to: req)
        if state.sessionEnded, response.cookies[Cookies.session] == nil {
            response.cookies[Cookies.session] = Cookies.value("", for: req, maxAge: 0)
        }
        return response
    }
}

/// Session-authenticated writes carry the session's CSRF token, as the `_csrf` form field
/// or the `X-CSRF-Token` header. Token-authenticated API calls need none (no browser sends
/// a bearer token by itself); anonymous writes are refused by the route guard, or checked
/// by the sign-in and reset forms against their own cookie.
struct CSRFMiddleware: AsyncMiddleware {
    static let unsafe: [HTTPMethod] = [.POST, .PUT, .PATCH, .DELETE]

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if Self.unsafe.contains(req.method), let session = req.auth.session {
            if req.headers.first(name: "X-CSRF-Token") == nil, req.body.data == nil {
                // The token is in the body: collect it first (an upload up to the evidence
                // limit, any other form up to 1 MB).
                let multipart = req.headers.contentType?.type == "multipart"
                let limit = multipart ? req.thidua.config.evidenceLimit + 1_048_576 : 1_048_576
                do {
                    _ = try await req.body.collect(max: limit).get()
                } catch {
                    throw DomainError.invalid(field: "file",
                        "Dữ liệu gửi lên vượt giới hạn \(EvidenceKind.megabytesText(limit - (multipart ? 1_048_576 : 0))).")
                }
            }
            let supplied = req.headers.first(name: "X-CSRF-Token") ?? (try? req.content.get(String.self, at: "_csrf"))
            guard let supplied, Secrets.constantTimeEqual(supplied, session.csrfToken) else {
                try await req.write { store in
                    try await store.auditor.record(on: store.db, action: "csrf_refused", type: "request", id: req.redactedPath)
                }
                throw AccessDenied(status: .forbidden,
                                   message: "Biểu mẫu đã cũ hoặc không hợp lệ (thiếu mã chống giả mạo). Hãy tải lại trang rồi thử lại.")
            }
        }
        return try await next.respond(to: req)
    }

    /// For the anonymous forms: the field must equal the cookie set when the form was shown.
    static func checkPreSession(_ req: Request, field: String?) throws {
        guard let cookie = req.cookies[Cookies.preSessionCSRF]?.string, let field,
              Secrets.constantTimeEqual(cookie, field) else {
            throw AccessDenied(status: .forbidden,
                               message: "Biểu mẫu đã cũ hoặc không hợp lệ (thiếu mã chống giả mạo). Hãy tải lại trang rồi thử lại.")
        }
    }
}

/// Logs each request's method and path, with the one-time token of a reset link hidden:
/// secrets never reach a log.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        req.logger.info("\(req.method) \(req.redactedPath)")
        return try await next.respond(to: req)
    }
}

extension Request {
    /// The path, with reset-link tokens replaced by "…".
    var redactedPath: String {
        let path = url.path
        for prefix in [SiteURL.passwordReset("").path, SiteURL.calendarFeed("").path] where path.hasPrefix(prefix) {
            return prefix + "…"
        }
        return path
    }
}

/// A multipart body whose boundary is empty is refused before anything reads it: the
/// multipart parser takes a non-empty boundary as a precondition and stops the process on
/// one (any signed-in user could stop the server with a single request otherwise).
struct MultipartBoundaryMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let type = req.headers.contentType, type.type == "multipart",
           let boundary = type.parameters["boundary"], boundary.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError.invalid(field: "file", "Nội dung multipart/form-data có ranh giới (boundary) trống trong Content-Type; hãy gửi lại tệp từ biểu mẫu.")
        }
        return try await next.respond(to: req)
    }
}

/// Headers every response carries: no inline script, no framing, no sniffing.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value:
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if req.auth.actor != nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}

/// Static files (`Public/`) for the paths under its entries only (`/css/…`): every other
/// request (pages, the API, `/healthz`) goes on without asking the file system. The entries
/// are listed once at boot; a file answers before sessions and CSRF are looked at.
struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    let prefixes: [String]

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? []
        prefixes = entries.filter { !$0.hasPrefix(".") }.map { name in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: (publicDirectory as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return isDirectory.boolValue ? "/\(name)/" : "/\(name)"
        }
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = req.url.path
        guard prefixes.contains(where: { path.hasPrefix($0) }) else { return try await next.respond(to: req) }
        return try await files.respond(to: req, chainingTo: next)
    }
}
