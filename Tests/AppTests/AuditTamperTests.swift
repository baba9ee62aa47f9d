@testable import App
import Crypto
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// Someone with the database but not the audit key: what they do to the log, and what
/// `audit verify` says (issue 11, part 4).
extension AppTests {
    @Suite struct AuditTamperTests {
        /// A demo database with one more write after the demo, so that the checkpoint file
        /// holds more than one head.
        func tamperedApp(_ body: (Application) async throws -> Void) async throws {
            try await withTestApp { app in
                try await app.send(.POST, "api/v1/people", beforeRequest: { req in
                    try req.content.encode(["fullName": "Lê Thị Ghi", "gender": "female", "category": "civil_servant"])
                }) { res in #expect(res.status == .created) }
                let verdict = try await Auditor.verify(on: app.db, trail: app.auditTrail)
                #expect(verdict.isIntact)
                #expect(verdict.unkeyedCount == 0)
                #expect(verdict.lastCheckpoint == verdict.head)
                try await body(app)
            }
        }

        func breach(_ app: Application) async throws -> AuditChain.Breach? {
            try await Auditor.verify(on: app.db, trail: app.auditTrail).breach
        }

        /// Rewrites the chain from `sequence` on as someone without the key would: every
        /// later hash recomputed with `hash` and linked again.
        func rechain(_ app: Application, from sequence: Int, hash: (AuditRecord) -> String) async throws {
            let entries = try await AuditEntryModel.query(on: app.db).sort(\.$sequence).all()
            var previous = entries.first { $0.sequence == sequence - 1 }?.hash ?? AuditChain.genesis
            for entry in entries where entry.sequence >= sequence {
                var record = entry.record
                record.previousHash = previous
                let digest = hash(record)
                try await AuditEntryModel.query(on: app.db).filter(\.$id == entry.id!)
                    .set(\.$previousHash, to: previous).set(\.$hash, to: digest).update()
                previous = digest
            }
        }

        @Test func theKeyFileIsMadeOnceWithMode600() async throws {
            try await withTestApp(demo: false) { app in
                let path = (app.thidua.config.dataDirectory as NSString).appendingPathComponent(AuditTrail.keyFileName)
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
                let first = try String(contentsOfFile: path, encoding: .utf8)
                // A second start over the same folder reads the same key.
                let again = try AuditTrail.load(app.thidua.config)
                #expect(try String(contentsOfFile: path, encoding: .utf8) == first)
                #expect(again.mac("x") == app.auditTrail.mac("x"))
                // Readable by others: the boot is refused, naming the file.
                chmod(path, 0o644)
                #expect(throws: AppConfig.Invalid.self) { try AuditTrail.load(app.thidua.config) }
                chmod(path, 0o600)
            }
        }

        @Test func aForgedCheckpointIsNamedAndALineCutByACrashIsNot() async throws {
            try await tamperedApp { app in
                let path = app.auditTrail.checkpointPath
                let handle = try #require(FileHandle(forWritingAtPath: path))
                try handle.seekToEnd()
                // A crash in the middle of a line: skipped.
                try handle.write(contentsOf: Data("99999 k1:ab".utf8))
                #expect(try await breach(app) == nil)
                // A whole line nobody sealed with the key.
                try handle.write(contentsOf: Data(" 2026-11-22T10:00:00.000Z 00ff\n".utf8))
                try handle.close()
                let breach = try #require(try await breach(app))
                #expect(breach.kind == .forgedCheckpoint)
            }
        }

        @Test func anEditedEntryIsNamed() async throws {
            try await tamperedApp { app in
                try await AuditEntryModel.query(on: app.db).filter(\.$sequence == 7).set(\.$actorName, to: "người khác").update()
                let breach = try #require(try await breach(app))
                #expect(breach.kind == .edited)
                #expect(breach.sequence == 7)
                try await app.send(.GET, "api/v1/audit/verify") { res in
                    struct Verdict: Decodable { var intact: Bool; var brokenAt: Int?; var problem: String? }
                    let verdict = try res.json(Verdict.self)
                    #expect(!verdict.intact)
                    #expect(verdict.brokenAt == 7)
                    #expect(verdict.problem == "edited")
                }
            }
        }

        @Test func anEntryDeletedInTheMiddleIsNamed() async throws {
            try await tamperedApp { app in
                try await AuditEntryModel.query(on: app.db).filter(\.$sequence == 7).delete()
                let breach = try #require(try await breach(app))
                #expect(breach.kind == .deleted)
                #expect(breach.sequence == 7)
            }
        }

        @Test func aTailCutOffIsNamedByTheLastCheckpoint() async throws {
            try await tamperedApp { app in
                let head = try #require(try await AuditEntryModel.query(on: app.db).sort(\.$sequence, .descending).first())
                // The newest entries removed: what is left is a perfectly good, shorter chain.
                try await AuditEntryModel.query(on: app.db).filter(\.$sequence > head.sequence - 2).delete()
                let breach = try #require(try await breach(app))
                #expect(breach.kind == .truncated)
                #expect(breach.sequence == head.sequence - 1)
                #expect(breach.reason.contains("mục số \(head.sequence)"))
            }
        }

        @Test func aChainRecomputedWithoutTheKeyIsNamed() async throws {
            try await tamperedApp { app in
                try await AuditEntryModel.query(on: app.db).filter(\.$sequence == 7).set(\.$actorName, to: "người khác").update()
                // With the keyed format but a key of the attacker's own.
                let wrongKey = SymmetricKey(size: .bits256)
                try await rechain(app, from: 7) { record in
                    AuditChain.seal(record) { text in
                        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: wrongKey).map { String(format: "%02x", $0) }.joined()
                    }
                }
                let keyed = try #require(try await breach(app))
                #expect(keyed.kind == .rechained)
                #expect(keyed.sequence == 7)
                // As plain SHA-256 from the first entry, as if the log predated the key: the
                // checkpoints still hold the keyed hashes.
                try await rechain(app, from: 1) { Secrets.sha256($0.canonicalText) }
                let plain = try #require(try await breach(app))
                #expect(plain.kind == .rechained)
            }
        }
    }
}
