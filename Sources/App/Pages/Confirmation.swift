import Foundation
import Vapor

/// Xác nhận (issue 16 part 3): a state change is asked once more on its own page before it
/// is made, as a form that posts the same fields back with `confirmed=1` — no script needed.
struct ConfirmPage: Encodable, Sendable {
    struct Hidden: Encodable, Sendable { var name: String; var value: String }
    struct Typed: Encodable, Sendable { var label: String; var value: String }
    var head: PageHead
    var heading: String
    var question: String
    /// What the change does, line by line, so the reader knows what «Xác nhận» commits.
    var consequences: [String]
    /// What was typed on the page before (a reason), shown as it will be recorded.
    var typed: [Typed]
    var action: String
    var fields: [Hidden]
    var confirmLabel: String
    var cancel: Link

    /// The form field the confirmation adds.
    static let field = "confirmed"

    init(req: Request, heading: String, question: String, consequences: [String], typed: [Typed] = [], action: String,
         fields: [(String, String?)], confirmLabel: String, cancel: String) {
        self.init(head: req.head(heading, section: "blocs"), heading: heading, question: question, consequences: consequences,
                  typed: typed, action: action, fields: fields, confirmLabel: confirmLabel, cancel: cancel)
    }

    /// From a page head already made (the snapshot tests give a fixed one).
    init(head: PageHead, heading: String, question: String, consequences: [String], typed: [Typed], action: String,
         fields: [(String, String?)], confirmLabel: String, cancel: String) {
        self.head = head
        self.heading = heading
        self.question = question
        self.consequences = consequences
        self.typed = typed
        self.action = action
        self.fields = fields.compactMap { name, value in value.map { Hidden(name: name, value: $0) } }
        self.confirmLabel = confirmLabel
        self.cancel = Link(label: "Hủy, quay lại", href: cancel)
    }

    func render(on req: Request) async throws -> Response {
        try await req.view.render("confirm", self).encodeResponse(for: req)
    }
}

/// Thông báo: what the last change did, said on the next page. Kept in a short-lived cookie
/// across the redirect and cleared once a page has shown it.
enum Flash {
    static let cookie = "thidua_flash"
    /// A message is a sentence or two; a cookie is bounded.
    static let limit = 600

    static func message(of req: Request) -> String? {
        guard let raw = req.cookies[cookie]?.string, let text = raw.removingPercentEncoding, !text.isEmpty else { return nil }
        return String(text.prefix(limit))
    }
}

extension Request {
    /// The form came from the confirmation page.
    var confirmed: Bool { (try? content.get(String.self, at: ConfirmPage.field)) == "1" }

    /// A redirect after a change, carrying what the change did to the next page.
    func redirect(to location: String, flash: String) -> Response {
        let response = redirect(to: location)
        let encoded = String(flash.prefix(Flash.limit)).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        response.cookies[Flash.cookie] = Cookies.value(encoded, for: self, maxAge: 120)
        return response
    }
}

/// Clears the message once a page (not a redirect) has been answered to a request that
/// carried it, so it is said once.
struct FlashMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        if req.cookies[Flash.cookie] != nil, response.cookies[Flash.cookie] == nil,
           !(300..<400).contains(Int(response.status.code)) {
            response.cookies[Flash.cookie] = Cookies.value("", for: req, maxAge: 0)
        }
        return response
    }
}
