@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// Holds every runner until all have arrived, then lets them go together: the requests
/// leave at the same instant, as far as one process can make them.
actor StartLine {
    private let runners: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(runners: Int) { self.runners = runners }

    func ready() async {
        arrived += 1
        if arrived == runners {
            waiting.forEach { $0.resume() }
            waiting = []
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }
}

/// Runs `count` copies of `request` at once; returns what each answered (its status, or
/// more), in no order.
func simultaneously<Answer: Sendable>(_ count: Int, _ request: @escaping @Sendable (Int) async throws -> Answer) async throws -> [Answer] {
    let line = StartLine(runners: count)
    return try await withThrowingTaskGroup(of: Answer.self) { group in
        for index in 0..<count {
            group.addTask {
                await line.ready()
                return try await request(index)
            }
        }
        var answers: [Answer] = []
        for try await answer in group { answers.append(answer) }
        return answers
    }
}

extension Array where Element == HTTPStatus {
    func count(of status: HTTPStatus) -> Int { filter { $0 == status }.count }
    var serverErrors: Int { filter { $0.code >= 500 }.count }
}

/// The pre-session CSRF cookie that the anonymous forms (sign-in, reset) check.
func preSessionCSRF(_ app: Application, path: String = SiteURL.signIn.path) async throws -> String {
    var token = ""
    try await app.send(.GET, path, as: .anonymous) { res in
        token = try #require(res.headers.setCookie?[Cookies.preSessionCSRF]?.string)
    }
    return token
}

/// Posts the sign-in form; returns the status.
func postSignIn(_ app: Application, csrf: String, username: String, password: String,
                next: String = "/") async throws -> (status: HTTPStatus, location: String?) {
    var result: (HTTPStatus, String?) = (.internalServerError, nil)
    try await app.send(.POST, SiteURL.signIn.path, as: .anonymous, beforeRequest: { req in
        req.headers.replaceOrAdd(name: .cookie, value: "\(Cookies.preSessionCSRF)=\(csrf)")
        try req.content.encode(["username": username, "password": password, "_csrf": csrf, "tiep": next],
                               as: .urlEncodedForm)
    }) { res in
        result = (res.status, res.headers.first(name: .location))
    }
    return result
}

extension AppTests {
    /// Limits that must hold when the requests come all at once (issue 11, parts 2 and 3).
    @Suite struct ConcurrencyTests {
        @Test func parallelWrongPasswordsForOneAccountAreTriedOnlyUpToTheLimit() async throws {
            try await withTestApp(demo: false) { app in
                try await app.makeUser("can.bo", roles: [.admin])
                let csrf = try await preSessionCSRF(app)
                let statuses = try await simultaneously(40) { index in
                    try await postSignIn(app, csrf: csrf, username: "can.bo", password: "sai mat khau \(index)").status
                }
                #expect(statuses.serverErrors == 0)
                #expect(statuses.count(of: .unauthorized) == Accounts.throttle.maximumPerAccount)
                #expect(statuses.count(of: .tooManyRequests) == 40 - Accounts.throttle.maximumPerAccount)
                let failures = try await LoginAttemptModel.query(on: app.db).filter(\.$accountKey == "can.bo").count()
                #expect(failures == Accounts.throttle.maximumPerAccount)
                // The right password is refused too, until the window has passed.
                #expect(try await postSignIn(app, csrf: csrf, username: "can.bo", password: testPassword).status == .tooManyRequests)
            }
        }

        @Test func parallelAttemptsFromOneAddressAreTriedOnlyUpToItsLimit() async throws {
            try await withTestApp(demo: false) { app in
                let csrf = try await preSessionCSRF(app)
                let statuses = try await simultaneously(40) { index in
                    try await postSignIn(app, csrf: csrf, username: "khong.co.\(index)", password: "sai mat khau").status
                }
                #expect(statuses.serverErrors == 0)
                #expect(statuses.count(of: .unauthorized) == Accounts.throttle.maximumPerAddress)
                #expect(statuses.count(of: .tooManyRequests) == 40 - Accounts.throttle.maximumPerAddress)
            }
        }

        @Test func aResetLinkUsedTenTimesAtOnceResetsOnce() async throws {
            try await withTestApp(demo: false) { app in
                var resetPath = ""
                try await app.send(.POST, "api/v1/users", beforeRequest: { req in
                    try req.content.encode(["username": "mot.lan", "displayName": "Một Lần", "role": "admin"])
                }) { res in
                    struct Body: Decodable { var resetPath: String? }
                    resetPath = try #require(try res.json(Body.self).resetPath)
                }
                let csrf = try await preSessionCSRF(app, path: resetPath)
                let path = resetPath
                let statuses = try await simultaneously(10) { index in
                    let password = "Mật khẩu mới số \(index) của khối"
                    var status = HTTPStatus.internalServerError
                    try await app.send(.POST, path, as: .anonymous, beforeRequest: { req in
                        req.headers.replaceOrAdd(name: .cookie, value: "\(Cookies.preSessionCSRF)=\(csrf)")
                        try req.content.encode(["password": password, "confirmation": password, "_csrf": csrf],
                                               as: .urlEncodedForm)
                    }) { res in status = res.status }
                    return status
                }
                #expect(statuses.serverErrors == 0)
                #expect(statuses.count(of: .seeOther) == 1)
                #expect(statuses.count(of: .notFound) == 9)
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "password_reset").count() == 1)
            }
        }

        @Test func manyConcurrentWritersAllLandAndTheChainHolds() async throws {
            try await withTestApp(demo: false) { app in
                let peopleBefore = try await PersonModel.query(on: app.db).count()
                let entriesBefore = try await AuditEntryModel.query(on: app.db).count()
                let writers = 40
                let statuses = try await simultaneously(writers) { index in
                    var status = HTTPStatus.internalServerError
                    try await app.send(.POST, "api/v1/people", beforeRequest: { req in
                        try req.content.encode(["fullName": "Người viết số \(index)", "gender": "female",
                                                "category": "civil_servant"])
                    }) { res in status = res.status }
                    return status
                }
                #expect(statuses.serverErrors == 0)
                #expect(statuses.count(of: .created) == writers)
                let names = Set(try await PersonModel.query(on: app.db).all().map(\.fullName))
                #expect(try await PersonModel.query(on: app.db).count() == peopleBefore + writers)
                #expect((0..<writers).allSatisfy { names.contains("Người viết số \($0)") })
                #expect(try await AuditEntryModel.query(on: app.db).count() == entriesBefore + writers)
                #expect(try await Auditor.verify(on: app.db, trail: app.auditTrail).isIntact)
            }
        }
    }
}
