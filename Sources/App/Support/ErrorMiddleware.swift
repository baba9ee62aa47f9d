import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The one error funnel: every error becomes a Vietnamese page, or for `/api` a problem
/// document (RFC 9457, `application/problem+json`) with a Vietnamese `detail`.
struct ThiDuaErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Problem(error, path: request.redactedPath)
            if problem.status == .internalServerError {
                request.logger.report(error: error)
            }
            if request.url.path.hasPrefix("/api/") || request.url.path == "/healthz" {
                return try problem.response()
            }
            let response = try await ErrorPage(problem: problem, request: request).render(on: request)
            response.headers.add(contentsOf: problem.headers)
            return response
        }
    }
}

/// A problem as both the API and the error page tell it.
struct Problem: Content {
    struct FieldProblem: Content {
        var field: String?
        var message: String
    }

    var type: String
    var title: String
    var status: HTTPResponseStatus
    var detail: String
    var instance: String
    var errors: [FieldProblem]
    /// Sent with the response, not in the body (Retry-After, WWW-Authenticate).
    var headers: HTTPHeaders = [:]
    /// An edit conflict: the sheet as it is now stored, to show beside what was sent.
    var current: SheetDTO? = nil

    enum CodingKeys: String, CodingKey { case type, title, status, detail, instance, errors, current }

    init(status: HTTPResponseStatus, type: String, title: String, detail: String, instance: String,
         errors: [FieldProblem] = []) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.instance = instance
        self.errors = errors
    }

    init(_ error: any Error, path: String) {
        switch error {
        case let error as DomainError:
            switch error {
            case .invalid(let issues):
                self.init(status: error.status, type: "/problems/invalid", title: "Dữ liệu không hợp lệ",
                          detail: error.message, instance: path,
                          errors: issues.map { FieldProblem(field: $0.field, message: $0.message) })
            case .conflict(let message):
                self.init(status: error.status, type: "/problems/conflict", title: "Xung đột dữ liệu",
                          detail: message, instance: path)
            case .notFound(let message):
                self.init(status: error.status, type: "/problems/not-found", title: "Không tìm thấy",
                          detail: message, instance: path)
            }
        case let error as QueryProblem:
            self.init(status: .badRequest, type: "/problems/invalid-query", title: "Tham số truy vấn không hợp lệ",
                      detail: error.message, instance: path, errors: [FieldProblem(field: error.parameter, message: error.message)])
        case let error as SheetConflictProblem:
            self.init(status: .conflict, type: "/problems/edit-conflict", title: "Xung đột khi lưu",
                      detail: SheetMessages.conflict, instance: path)
            current = error.current
        case let error as AccessDenied:
            self.init(status: error.status, type: "/problems/http-\(error.status.code)",
                      title: Problem.vietnameseTitle(error.status), detail: error.message, instance: path)
            headers = error.headers
        case let error as DecodingError:
            let (field, message) = Problem.explain(error)
            self.init(status: .badRequest, type: "/problems/malformed", title: "Yêu cầu không đọc được",
                      detail: "Nội dung gửi lên không đúng định dạng (JSON hoặc biểu mẫu) mà ThiDua chờ đợi. \(message)",
                      instance: path, errors: [FieldProblem(field: field, message: message)])
        case let error as any DatabaseError where error.isConstraintFailure:
            self.init(status: .conflict, type: "/problems/conflict", title: "Xung đột dữ liệu",
                      detail: "Dữ liệu trùng hoặc tham chiếu tới bản ghi không tồn tại; không có gì được lưu.",
                      instance: path)
        case let error as any AbortError:
            self.init(status: error.status, type: "/problems/http-\(error.status.code)",
                      title: Problem.vietnameseTitle(error.status),
                      detail: Problem.vietnameseDetail(error.status), instance: path)
            headers = error.headers
        default:
            self.init(status: .internalServerError, type: "/problems/internal", title: "Lỗi hệ thống",
                      detail: "Đã có lỗi ngoài dự kiến; yêu cầu chưa được thực hiện. Hãy thử lại hoặc báo quản trị viên.",
                      instance: path)
        }
    }

    /// The field a body could not be read at ("values.<id>.events"), and why, in Vietnamese:
    /// a number too large for its type, text where a number goes, a field left out.
    static let wholeBody = "Nội dung gửi lên phải là một đối tượng JSON ({ … }) với các trường của yêu cầu, không phải mảng, null hay một giá trị đơn."

    static func explain(_ error: DecodingError) -> (field: String?, message: String) {
        func name(_ path: [any CodingKey]) -> String? {
            path.isEmpty ? nil : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = name(context.codingPath + [key]) ?? key.stringValue
            return (field, "Thiếu trường «\(field)».")
        case .valueNotFound(_, let context):
            guard let field = name(context.codingPath) else { return (nil, wholeBody) }
            return (field, "Trường «\(field)» không được để trống.")
        case .typeMismatch(let type, let context):
            // `[]`, `null` or `"…"` where the request's object goes: the body as a whole is wrong.
            guard let field = name(context.codingPath) else { return (nil, wholeBody) }
            let expected = type == Int.self || type == Double.self ? "một số" : type == Bool.self ? "true hoặc false" : "đúng kiểu"
            return (field, "Trường «\(field)» cần \(expected).")
        case .dataCorrupted(let context):
            let field = name(context.codingPath)
            // Core's decoders explain in Vietnamese (Points); others (an integer too large
            // for its type, say) get a general sentence.
            let own = context.debugDescription.unicodeScalars.contains { !$0.isASCII }
            let why = own ? context.debugDescription : "giá trị không đọc được hoặc vượt giới hạn của kiểu."
            return (field, field.map { "Trường «\($0)»: \(why)" } ?? why)
        @unknown default:
            return (nil, "")
        }
    }

    static func vietnameseTitle(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "Yêu cầu không hợp lệ"
        case 401: "Chưa đăng nhập"
        case 403: "Không có quyền"
        case 404: "Không tìm thấy"
        case 405: "Phương thức không được hỗ trợ"
        case 409: "Xung đột dữ liệu"
        case 413: "Nội dung quá lớn"
        case 415: "Định dạng không được hỗ trợ"
        case 422: "Dữ liệu không hợp lệ"
        case 429: "Quá nhiều yêu cầu"
        default: status.code >= 500 ? "Lỗi hệ thống" : "Yêu cầu không thực hiện được"
        }
    }

    static func vietnameseDetail(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 404: "Trang hoặc bản ghi này không tồn tại, hoặc đã được chuyển đi."
        case 405: "Địa chỉ này không nhận phương thức đó."
        case 413: "Nội dung gửi lên vượt quá giới hạn cho phép."
        case 415: "Hãy gửi đúng kiểu nội dung: JSON (application/json) cho API, biểu mẫu cho trang."
        default: "\(vietnameseTitle(status)) (mã \(status.code))."
        }
    }

    func response() throws -> Response {
        let response = Response(status: status)
        try response.content.encode(self, as: .json)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        response.headers.add(contentsOf: headers)
        return response
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(Int(status.code), forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encode(instance, forKey: .instance)
        if !errors.isEmpty { try container.encode(errors, forKey: .errors) }
        if let current { try container.encode(current, forKey: .current) }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        title = try container.decode(String.self, forKey: .title)
        status = HTTPResponseStatus(statusCode: try container.decode(Int.self, forKey: .status))
        detail = try container.decode(String.self, forKey: .detail)
        instance = try container.decode(String.self, forKey: .instance)
        errors = try container.decodeIfPresent([FieldProblem].self, forKey: .errors) ?? []
    }
}

extension DomainError {
    /// The status a form comes back with.
    var status: HTTPResponseStatus {
        switch self {
        case .invalid: .unprocessableEntity
        case .conflict: .conflict
        case .notFound: .notFound
        }
    }
}

