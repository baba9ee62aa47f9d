import Foundation
import ThiDuaCore
import Vapor

/// The conference's documents from its console and its sessions: the minutes, the
/// ballot-count minutes of a closed session, the blank paper ballot; issuing the two minutes.
extension DocumentController {
    static func minutesDocx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).minutesFile(context: context, conference: try req.id("conferenceID"))
            .response(DocumentFile.docxType)
    }

    static func minutesPDF(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).minutesFile(context: context, conference: try req.id("conferenceID"))
            .pdf(on: req).response(DocumentFile.pdfType)
    }

    static func issueMinutes(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let id = try req.id("conferenceID")
        do {
            try await DocumentService(req: req).issueMinutes(context: context, conference: id)
            return req.redirect(to: context.url(.conference(id)) + "#van-ban")
        } catch let error as DomainError {
            return try await ConferenceController.console(req: req, context: context, conferenceID: id, error: error, failure: .documents)
        }
    }

    static func ballotCountDocx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).ballotCountFile(context: context, session: try req.id("sessionID"))
            .response(DocumentFile.docxType)
    }

    static func ballotCountPDF(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).ballotCountFile(context: context, session: try req.id("sessionID"))
            .pdf(on: req).response(DocumentFile.pdfType)
    }

    static func issueBallotCount(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let id = try req.id("sessionID")
        let facts = try await BallotFacts.load(req, sessionID: id)
        do {
            try await DocumentService(req: req).issueBallotCount(context: context, session: id)
            return req.redirect(to: context.url(.conference(facts.session.$conference.id)) + "#phien")
        } catch let error as DomainError {
            return try await ConferenceController.console(req: req, context: context, conferenceID: facts.session.$conference.id,
                                                          error: error, failure: .session(id))
        }
    }

    static func paperBallotDocx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).blankBallotFile(context: context, session: try req.id("sessionID"))
            .response(DocumentFile.docxType)
    }
}

extension DocumentAPIController {
    static func issueMinutes(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let issued = try await DocumentService(req: req).issueMinutes(context: context, conference: try req.id("conferenceID"))
        return try await IssuedDocument(issued).encodeResponse(status: .created, for: req)
    }

    static func issueBallotCount(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let issued = try await DocumentService(req: req).issueBallotCount(context: context, session: try req.id("sessionID"))
        return try await IssuedDocument(issued).encodeResponse(status: .created, for: req)
    }
}
