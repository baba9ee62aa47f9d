import ThiDuaCore
import Foundation
import Vapor

/// Every route of the site and API, in one place: routes register from it and links are
/// built from it, so a link cannot point at a route that does not exist.
enum SiteURL: Sendable, Hashable {
    case home
    case healthz
    case openAPI
    case provinces, province(UUID), provinceNew, provinceEdit(UUID)
    case units, unit(UUID), unitNew, unitEdit(UUID)
    case blocs, bloc(UUID), blocNew, blocEdit(UUID), blocMemberships(UUID), blocMembershipEnd(UUID, UUID)
    case people, person(UUID), personNew, personEdit(UUID), personAssignments(UUID)
    case reorganisations, reorganisationNew
    case signIn, signOut, passwordReset(String)
    case account, accountPassword, accountSignOutEverywhere, accountTokens, accountTokenRevoke(UUID)
    case users, userNew, user(UUID), userRoles(UUID), userRoleRemove(UUID, UUID), userDisable(UUID), userEnable(UUID),
         userReset(UUID)
    case audit
    /// A bloc's year and its parts, under /khoi/:blocID/nam/:year.
    case year(UUID, Int, YearPart = .overview)
    /// A year's calendar feed for calendar apps, by its secret key.
    case calendarFeed(String)
    /// The province's emulation programme: templates, movements, the year overview.
    case provinceProgramme(UUID), provinceTemplates(UUID), provinceTemplate(UUID, UUID), provinceMovements(UUID)
    /// Voting: the voter's open sessions and ballot; a session's room screen and bulletin board.
    case ballots, ballot(UUID), ballotScreen(UUID), ballotBoard(UUID)
    case api(API)
    // Awards (issue 14): a person's and a collective's records and history, proposals, statistics.
    case personAwards(UUID), personAwardRecord(UUID, AwardRecordKind), unitAwards(UUID), unitAwardRating(UUID)
    case proposals, proposal(UUID), proposalLines(UUID), proposalLineRemove(UUID, UUID), proposalAction(UUID, ProposalAction)
    case awardStatistics(UUID)

    /// What a unit officer records of a person: a rating, a discipline, an initiative.
    enum AwardRecordKind: String, Sendable, Hashable, CaseIterable {
        case rating = "xep-loai", discipline = "ky-luat", initiative = "sang-kien"
    }
    // Documents (issue 15): a province's units from and to office files.
    case unitImport(UUID), unitImportCommit(UUID), unitExport(UUID), peopleImport(UUID), peopleImportCommit(UUID)
    // Awards decided before ThiDua, from the province's lists (issues 14 and 15).
    case awardHistoryImport(UUID), awardHistoryImportCommit(UUID)
    case ratingImport(UUID), ratingImportCommit(UUID)
    // Award lists (issue 14, parts 6-7): a whole list's eligibility; a decision's certificate list.
    case eligibilityList, eligibilityListXlsx, decisionRecipientsDocx(UUID), decisionRecipientsXlsx(UUID), decisionRecipientsPDF(UUID)
    // History that awards stand on (issue 14 part 9): a past year of a bloc, from its reports.
    case blocHistory(UUID, Int)
    // Notifications (issue 16 part 1): the signed-in user's own.
    case notifications, notificationRead(UUID), notificationsReadAll
    // Documents (issue 15): a proposal's tờ trình with its list.
    case proposalDocx(UUID), proposalPDF(UUID)

    enum YearPart: Sendable, Hashable {
        case overview, transition, dates, plan, planRemove(UUID), movements, movementLink, table, tableCopy, tableImport, tableImportCommit
        case pact, pactPrint, targets, sign(UUID), registrations, registration(UUID), acknowledge(UUID)
        case calendar, calendarFile
        case sheets, sheet(UUID), sheetReview(UUID), sheetAction(UUID, SheetAction), sheetExtension(UUID), sheetEvidence(UUID)
        case evidence(UUID, UUID), ranking, analysis
        // Voting: the head's conferences and ballot sessions; the province's recognition.
        case conferences, conference(UUID), attendance(UUID), flag(UUID), ballotOpen(UUID)
        case ballotClose(UUID), ballotPaper(UUID), ballotNextRound(UUID), offices
        // Documents (issue 15): downloads from the page they belong to, and issuing.
        case pactDocx, pactPDF, pactIssue, rankingXlsx, rankingDocx, tableXlsx, sheetXlsx(UUID), tableDocx, planDocx
        // Documents of the conference (issue 15): its minutes, a session's ballot-count minutes, the blank ballot.
        case minutesDocx(UUID), minutesPDF(UUID), minutesIssue(UUID), countDocx(UUID), countPDF(UUID), countIssue(UUID), paperBallotDocx(UUID)
        // Documents (issue 15): the mid-year and year-end reports, their tables, issuing.
        case reportDocx(ReportKind), reportPDF(ReportKind), reportXlsx(ReportKind), reportIssue(ReportKind)
        // Documents (issue 15): the conference's handover record of the rotating flag.
        case handoverDocx(UUID), handoverPDF(UUID), handoverIssue(UUID)

        var segments: [Segment] {
            switch self {
            case .overview: []
            case .transition: ["chuyen-buoc"]
            case .dates: ["moc-thoi-gian"]
            case .plan: ["ke-hoach"]
            case .planRemove(let id): ["ke-hoach", .id("activityID", id), "xoa"]
            case .movements: ["phong-trao"]
            case .movementLink: ["phong-trao", "gan"]
            case .table: ["bang-diem"]
            case .tableCopy: ["bang-diem", "sao-chep"]
            case .tableImport: ["bang-diem", "nhap"]
            case .tableImportCommit: ["bang-diem", "nhap", "ghi"]
            case .pact: ["giao-uoc"]
            case .pactPrint: ["giao-uoc", "in"]
            case .targets: ["giao-uoc", "chi-tieu"]
            case .sign(let unit): ["giao-uoc", "ky", .id("unitID", unit)]
            case .registrations: ["dang-ky"]
            case .registration(let unit): ["dang-ky", .id("unitID", unit)]
            case .acknowledge(let unit): ["dang-ky", .id("unitID", unit), "xac-nhan"]
            case .calendar: ["lich"]
            case .calendarFile: ["lich.ics"]
            case .sheets: ["cham-diem"]
            case .sheet(let unit): ["cham-diem", .id("unitID", unit)]
            case .sheetReview(let unit): ["cham-diem", .id("unitID", unit), "tham-dinh"]
            case .sheetAction(let unit, let action): ["cham-diem", .id("unitID", unit), .constant(action.pageSlug)]
            case .sheetExtension(let unit): ["cham-diem", .id("unitID", unit), "gia-han"]
            case .sheetEvidence(let unit): ["cham-diem", .id("unitID", unit), "minh-chung"]
            case .evidence(let unit, let file): ["cham-diem", .id("unitID", unit), "minh-chung", .id("fileID", file)]
            case .ranking: ["xep-hang"]
            case .analysis: ["phan-tich"]
            case .conferences: ["hoi-nghi"]
            case .conference(let id): ["hoi-nghi", .id("conferenceID", id)]
            case .attendance(let id): ["hoi-nghi", .id("conferenceID", id), "diem-danh"]
            case .flag(let id): ["hoi-nghi", .id("conferenceID", id), "co-luan-luu"]
            case .ballotOpen(let id): ["hoi-nghi", .id("conferenceID", id), "phien-bau"]
            case .ballotClose(let id): ["phien-bau", .id("sessionID", id), "ket-thuc"]
            case .ballotPaper(let id): ["phien-bau", .id("sessionID", id), "phieu-giay"]
            case .ballotNextRound(let id): ["phien-bau", .id("sessionID", id), "vong-sau"]
            case .offices: ["cong-nhan-truong-khoi"]
            // Documents (issue 15).
            case .pactDocx: ["giao-uoc", "giao-uoc.docx"]
            case .pactPDF: ["giao-uoc", "giao-uoc.pdf"]
            case .pactIssue: ["giao-uoc", "phat-hanh"]
            case .rankingXlsx: ["xep-hang", "xep-hang.xlsx"]
            case .rankingDocx: ["xep-hang", "xep-hang.docx"]
            case .tableXlsx: ["bang-diem", "bang-diem.xlsx"]
            case .sheetXlsx(let unit): ["cham-diem", .id("unitID", unit), "bang-diem.xlsx"]
            case .tableDocx: ["bang-diem", "bang-diem.docx"]
            case .planDocx: ["ke-hoach", "ke-hoach.docx"]
            // Documents of the conference (issue 15).
            case .minutesDocx(let id): ["hoi-nghi", .id("conferenceID", id), "bien-ban.docx"]
            case .minutesPDF(let id): ["hoi-nghi", .id("conferenceID", id), "bien-ban.pdf"]
            case .minutesIssue(let id): ["hoi-nghi", .id("conferenceID", id), "bien-ban", "phat-hanh"]
            case .countDocx(let id): ["phien-bau", .id("sessionID", id), "bien-ban-kiem-phieu.docx"]
            case .countPDF(let id): ["phien-bau", .id("sessionID", id), "bien-ban-kiem-phieu.pdf"]
            case .countIssue(let id): ["phien-bau", .id("sessionID", id), "bien-ban-kiem-phieu", "phat-hanh"]
            case .paperBallotDocx(let id): ["phien-bau", .id("sessionID", id), "phieu-bau.docx"]
            // Documents (issue 15): the reports.
            case .reportDocx(let kind): ["bao-cao", .text("report", kind.rawValue), "bao-cao.docx"]
            case .reportPDF(let kind): ["bao-cao", .text("report", kind.rawValue), "bao-cao.pdf"]
            case .reportXlsx(let kind): ["bao-cao", .text("report", kind.rawValue), "bao-cao.xlsx"]
            case .reportIssue(let kind): ["bao-cao", .text("report", kind.rawValue), "phat-hanh"]
            // Documents (issue 15): the handover record.
            case .handoverDocx(let id): ["hoi-nghi", .id("conferenceID", id), "bien-ban-ban-giao.docx"]
            case .handoverPDF(let id): ["hoi-nghi", .id("conferenceID", id), "bien-ban-ban-giao.pdf"]
            case .handoverIssue(let id): ["hoi-nghi", .id("conferenceID", id), "bien-ban-ban-giao", "phat-hanh"]
            }
        }
    }

    /// The JSON API, under `/api/v1`.
    enum API: Sendable, Hashable {
        case provinces, province(UUID), provinceLineage(UUID)
        case units, unit(UUID), unitLineage(UUID)
        case blocs, bloc(UUID), blocMembers(UUID), blocOffices(UUID)
        case people, person(UUID)
        case reorganisations
        case me, tokens, tokenRevoke(UUID)
        case users, user(UUID), userDisable(UUID), userEnable(UUID), userResetLink(UUID)
        case audit, auditVerify
        case blocYear(UUID, Int), blocYearTransitions(UUID, Int), blocYearDates(UUID, Int), blocYearPlan(UUID, Int)
        case blocYearMovements(UUID, Int), blocYearTable(UUID, Int), blocYearTargets(UUID, Int)
        case blocYearSignature(UUID, Int, UUID), blocYearRegistration(UUID, Int, UUID), blocYearAcknowledge(UUID, Int, UUID)
        case provinceTemplates(UUID), provinceTemplate(UUID, UUID), provinceMovements(UUID), provinceYear(UUID, Int)
        case sheets(UUID, Int), sheet(UUID, Int, UUID), sheetReview(UUID, Int, UUID), sheetAction(UUID, Int, UUID, SheetAction)
        case sheetExtension(UUID, Int, UUID), sheetEvidence(UUID, Int, UUID), evidence(UUID, Int, UUID, UUID), ranking(UUID, Int)
        // Voting.
        case conferences(UUID, Int), conference(UUID, Int, UUID), conferenceAttendance(UUID, Int, UUID), conferenceFlag(UUID, Int, UUID)
        case conferenceBallots(UUID, Int, UUID), ballotClose(UUID, Int, UUID), ballotPaper(UUID, Int, UUID)
        case ballotNextRound(UUID, Int, UUID), nextOffices(UUID, Int)
        case ballot(UUID), ballotVote(UUID), ballotBulletin(UUID)
        // Awards (issue 14)
        case awardCatalogue, personRatings(UUID), personDiscipline(UUID), personInitiatives(UUID), personEligibility(UUID), personAwards(UUID)
        case unitRatings(UUID), unitEligibility(UUID), unitAwards(UUID), awardStatistics(UUID)
        case awardProposals, awardProposal(UUID), awardProposalLines(UUID), awardProposalLine(UUID, UUID)
        case awardProposalAction(UUID, ProposalAction), awardParameters(UUID)
        // Documents (issue 15).
        case pactDocument(UUID, Int), pactIssue(UUID, Int), rankingSpreadsheet(UUID, Int)
        // Documents of the conference (issue 15).
        case minutesDocument(UUID, Int, UUID), minutesIssue(UUID, Int, UUID), ballotCountDocument(UUID, Int, UUID)
        case ballotCountIssue(UUID, Int, UUID), paperBallot(UUID, Int, UUID)
        // Award lists (issue 14, parts 6-7).
        case eligibilityBatch, eligibilityBatchSpreadsheet, decisionRecipients(UUID), decisionRecipientsDocument(UUID), decisionRecipientsSpreadsheet(UUID)
        // History that awards stand on (issue 14 part 9).
        case blocHistory(UUID), blocHistoryYear(UUID, Int)
        // Notifications (issue 16 part 1).
        case notifications, notificationRead(UUID)
        // Documents (issue 15): a proposal's tờ trình.
        case awardProposalDocument(UUID)
        // Documents (issue 15): the year's reports and the conference's handover record.
        case reportDocument(UUID, Int, ReportKind), reportSpreadsheet(UUID, Int, ReportKind), reportIssue(UUID, Int, ReportKind)
        case handoverDocument(UUID, Int, UUID), handoverIssue(UUID, Int, UUID)
        // Imports (issue 15): preview a file, then commit the previewed upload by its SHA-256.
        case provinceImport(UUID, String), provinceImportCommit(UUID, String), tableImport(UUID, Int), tableImportCommit(UUID, Int)

        var segments: [Segment] {
            switch self {
            case .provinces: ["provinces"]
            case .province(let id): ["provinces", .id("provinceID", id)]
            case .provinceLineage(let id): ["provinces", .id("provinceID", id), "lineage"]
            case .units: ["units"]
            case .unit(let id): ["units", .id("unitID", id)]
            case .unitLineage(let id): ["units", .id("unitID", id), "lineage"]
            case .blocs: ["blocs"]
            case .bloc(let id): ["blocs", .id("blocID", id)]
            case .blocMembers(let id): ["blocs", .id("blocID", id), "members"]
            case .blocOffices(let id): ["blocs", .id("blocID", id), "offices"]
            case .people: ["people"]
            case .person(let id): ["people", .id("personID", id)]
            case .reorganisations: ["reorganisations"]
            case .me: ["me"]
            case .tokens: ["tokens"]
            case .tokenRevoke(let id): ["tokens", .id("tokenID", id), "revoke"]
            case .users: ["users"]
            case .user(let id): ["users", .id("userID", id)]
            case .userDisable(let id): ["users", .id("userID", id), "disable"]
            case .userEnable(let id): ["users", .id("userID", id), "enable"]
            case .userResetLink(let id): ["users", .id("userID", id), "reset-link"]
            case .audit: ["audit"]
            case .auditVerify: ["audit", "verify"]
            case .blocYear(let id, let year): ["blocs", .id("blocID", id), "years", .text("year", String(year))]
            case .blocYearTransitions(let id, let year): API.blocYear(id, year).segments + ["transitions"]
            case .blocYearDates(let id, let year): API.blocYear(id, year).segments + ["dates"]
            case .blocYearPlan(let id, let year): API.blocYear(id, year).segments + ["plan"]
            case .blocYearMovements(let id, let year): API.blocYear(id, year).segments + ["movements"]
            case .blocYearTable(let id, let year): API.blocYear(id, year).segments + ["table"]
            case .blocYearTargets(let id, let year): API.blocYear(id, year).segments + ["pact", "targets"]
            case .blocYearSignature(let id, let year, let unit):
                API.blocYear(id, year).segments + ["pact", "signatures", .id("unitID", unit)]
            case .blocYearRegistration(let id, let year, let unit):
                API.blocYear(id, year).segments + ["registrations", .id("unitID", unit)]
            case .blocYearAcknowledge(let id, let year, let unit):
                API.blocYear(id, year).segments + ["registrations", .id("unitID", unit), "acknowledge"]
            case .sheets(let id, let year): API.blocYear(id, year).segments + ["sheets"]
            case .sheet(let id, let year, let unit): API.blocYear(id, year).segments + ["sheets", .id("unitID", unit)]
            case .sheetReview(let id, let year, let unit): API.sheet(id, year, unit).segments + ["review"]
            case .sheetAction(let id, let year, let unit, let action): API.sheet(id, year, unit).segments + [.constant(action.rawValue)]
            case .sheetExtension(let id, let year, let unit): API.sheet(id, year, unit).segments + ["extension"]
            case .sheetEvidence(let id, let year, let unit): API.sheet(id, year, unit).segments + ["evidence"]
            case .evidence(let id, let year, let unit, let file): API.sheet(id, year, unit).segments + ["evidence", .id("fileID", file)]
            case .ranking(let id, let year): API.blocYear(id, year).segments + ["ranking"]
            case .provinceTemplates(let id): ["provinces", .id("provinceID", id), "scoring-templates"]
            case .provinceTemplate(let id, let table): ["provinces", .id("provinceID", id), "scoring-templates", .id("tableID", table)]
            case .provinceMovements(let id): ["provinces", .id("provinceID", id), "movements"]
            case .provinceYear(let id, let year): ["provinces", .id("provinceID", id), "years", .text("year", String(year))]
            case .conferences(let id, let year): API.blocYear(id, year).segments + ["conferences"]
            case .conference(let id, let year, let c): API.conferences(id, year).segments + [.id("conferenceID", c)]
            case .conferenceAttendance(let id, let year, let c): API.conference(id, year, c).segments + ["attendance"]
            case .conferenceFlag(let id, let year, let c): API.conference(id, year, c).segments + ["flag"]
            case .conferenceBallots(let id, let year, let c): API.conference(id, year, c).segments + ["ballots"]
            case .ballotClose(let id, let year, let s): API.blocYear(id, year).segments + ["ballots", .id("sessionID", s), "close"]
            case .ballotPaper(let id, let year, let s): API.blocYear(id, year).segments + ["ballots", .id("sessionID", s), "paper"]
            case .ballotNextRound(let id, let year, let s):
                API.blocYear(id, year).segments + ["ballots", .id("sessionID", s), "next-round"]
            case .nextOffices(let id, let year): API.blocYear(id, year).segments + ["next-offices"]
            case .ballot(let s): ["ballots", .id("sessionID", s)]
            case .ballotVote(let s): ["ballots", .id("sessionID", s), "vote"]
            case .ballotBulletin(let s): ["ballots", .id("sessionID", s), "bulletin"]
            // Awards (issue 14)
            case .awardCatalogue: ["awards", "catalogue"]
            case .personRatings(let id): ["people", .id("personID", id), "ratings"]
            case .personDiscipline(let id): ["people", .id("personID", id), "discipline"]
            case .personInitiatives(let id): ["people", .id("personID", id), "initiatives"]
            case .personEligibility(let id): ["people", .id("personID", id), "eligibility"]
            case .personAwards(let id): ["people", .id("personID", id), "awards"]
            case .unitRatings(let id): ["units", .id("unitID", id), "ratings"]
            case .unitEligibility(let id): ["units", .id("unitID", id), "eligibility"]
            case .unitAwards(let id): ["units", .id("unitID", id), "awards"]
            case .awardStatistics(let id): ["provinces", .id("provinceID", id), "award-statistics"]
            case .awardProposals: ["award-proposals"]
            case .awardProposal(let id): ["award-proposals", .id("proposalID", id)]
            case .awardProposalLines(let id): ["award-proposals", .id("proposalID", id), "lines"]
            case .awardProposalLine(let id, let line): ["award-proposals", .id("proposalID", id), "lines", .id("lineID", line)]
            case .awardProposalAction(let id, let action): ["award-proposals", .id("proposalID", id), .constant(action.apiSlug)]
            case .awardParameters(let id): ["provinces", .id("provinceID", id), "award-parameters"]
            // Documents (issue 15).
            case .pactDocument(let id, let year): API.blocYear(id, year).segments + ["pact", "document"]
            case .pactIssue(let id, let year): API.blocYear(id, year).segments + ["pact", "issue"]
            case .rankingSpreadsheet(let id, let year): API.blocYear(id, year).segments + ["ranking", "spreadsheet"]
            // Documents of the conference (issue 15).
            case .minutesDocument(let id, let year, let c): API.conference(id, year, c).segments + ["minutes", "document"]
            case .minutesIssue(let id, let year, let c): API.conference(id, year, c).segments + ["minutes", "issue"]
            case .ballotCountDocument(let id, let year, let s):
                API.blocYear(id, year).segments + ["ballots", .id("sessionID", s), "count-minutes", "document"]
            case .ballotCountIssue(let id, let year, let s):
                API.blocYear(id, year).segments + ["ballots", .id("sessionID", s), "count-minutes", "issue"]
            case .paperBallot(let id, let year, let s): API.blocYear(id, year).segments + ["ballots", .id("sessionID", s), "paper-ballot"]
            // Award lists (issue 14, parts 6-7).
            case .eligibilityBatch: ["award-eligibility", "batch"]
            case .eligibilityBatchSpreadsheet: ["award-eligibility", "batch", "spreadsheet"]
            case .decisionRecipients(let id): ["award-proposals", .id("proposalID", id), "decision", "recipients"]
            case .decisionRecipientsDocument(let id): ["award-proposals", .id("proposalID", id), "decision", "recipients", "document"]
            case .decisionRecipientsSpreadsheet(let id): ["award-proposals", .id("proposalID", id), "decision", "recipients", "spreadsheet"]
            // History that awards stand on (issue 14 part 9).
            case .blocHistory(let id): ["blocs", .id("blocID", id), "history"]
            case .blocHistoryYear(let id, let year): ["blocs", .id("blocID", id), "history", .text("year", String(year))]
            // Notifications (issue 16 part 1).
            case .notifications: ["notifications"]
            case .notificationRead(let id): ["notifications", .id("notificationID", id), "read"]
            // Documents (issue 15).
            case .awardProposalDocument(let id): ["award-proposals", .id("proposalID", id), "document"]
            // Documents (issue 15): the year's reports and the conference's handover record.
            case .reportDocument(let id, let year, let kind): API.blocYear(id, year).segments + ["reports", .text("report", kind.apiSlug), "document"]
            case .reportSpreadsheet(let id, let year, let kind): API.blocYear(id, year).segments + ["reports", .text("report", kind.apiSlug), "spreadsheet"]
            case .reportIssue(let id, let year, let kind): API.blocYear(id, year).segments + ["reports", .text("report", kind.apiSlug), "issue"]
            case .handoverDocument(let id, let year, let c): API.conference(id, year, c).segments + ["handover", "document"]
            case .handoverIssue(let id, let year, let c): API.conference(id, year, c).segments + ["handover", "issue"]
            case .provinceImport(let id, let kind): ["provinces", .id("provinceID", id), "imports", .constant(kind)]
            case .provinceImportCommit(let id, let kind): ["provinces", .id("provinceID", id), "imports", .constant(kind), "commit"]
            case .tableImport(let id, let year): API.blocYear(id, year).segments + ["table", "import"]
            case .tableImportCommit(let id, let year): API.blocYear(id, year).segments + ["table", "import", "commit"]
            }
        }
    }

    enum Segment: Sendable, Hashable, ExpressibleByStringLiteral {
        case constant(String)
        /// A parameter: its name for the route, its value for a link.
        case id(String, UUID)
        case text(String, String)

        init(stringLiteral value: String) { self = .constant(value) }
    }

    var segments: [Segment] {
        switch self {
        case .home: []
        case .healthz: ["healthz"]
        case .openAPI: ["openapi.yaml"]
        case .provinces: ["tinh"]
        case .province(let id): ["tinh", .id("provinceID", id)]
        case .provinceNew: ["tinh", "moi"]
        case .provinceEdit(let id): ["tinh", .id("provinceID", id), "sua"]
        case .units: ["don-vi"]
        case .unit(let id): ["don-vi", .id("unitID", id)]
        case .unitNew: ["don-vi", "moi"]
        case .unitEdit(let id): ["don-vi", .id("unitID", id), "sua"]
        case .blocs: ["khoi"]
        case .bloc(let id): ["khoi", .id("blocID", id)]
        case .blocNew: ["khoi", "moi"]
        case .blocEdit(let id): ["khoi", .id("blocID", id), "sua"]
        case .blocMemberships(let id): ["khoi", .id("blocID", id), "thanh-vien"]
        case .blocMembershipEnd(let bloc, let membership):
            ["khoi", .id("blocID", bloc), "thanh-vien", .id("membershipID", membership), "ket-thuc"]
        case .people: ["can-bo"]
        case .person(let id): ["can-bo", .id("personID", id)]
        case .personNew: ["can-bo", "moi"]
        case .personEdit(let id): ["can-bo", .id("personID", id), "sua"]
        case .personAssignments(let id): ["can-bo", .id("personID", id), "cong-tac"]
        case .reorganisations: ["sap-xep"]
        case .reorganisationNew: ["sap-xep", "moi"]
        case .signIn: ["dang-nhap"]
        case .signOut: ["dang-xuat"]
        case .passwordReset(let token): ["dat-lai-mat-khau", .text("token", token)]
        case .account: ["tai-khoan"]
        case .accountPassword: ["tai-khoan", "mat-khau"]
        case .accountSignOutEverywhere: ["tai-khoan", "dang-xuat-tat-ca"]
        case .accountTokens: ["tai-khoan", "ma-truy-cap"]
        case .accountTokenRevoke(let id): ["tai-khoan", "ma-truy-cap", .id("tokenID", id), "thu-hoi"]
        case .users: ["quan-tri", "nguoi-dung"]
        case .userNew: ["quan-tri", "nguoi-dung", "moi"]
        case .user(let id): ["quan-tri", "nguoi-dung", .id("userID", id)]
        case .userRoles(let id): ["quan-tri", "nguoi-dung", .id("userID", id), "vai-tro"]
        case .userRoleRemove(let user, let grant): ["quan-tri", "nguoi-dung", .id("userID", user), "vai-tro", .id("grantID", grant), "xoa"]
        case .userDisable(let id): ["quan-tri", "nguoi-dung", .id("userID", id), "khoa"]
        case .userEnable(let id): ["quan-tri", "nguoi-dung", .id("userID", id), "mo-khoa"]
        case .userReset(let id): ["quan-tri", "nguoi-dung", .id("userID", id), "dat-lai"]
        case .audit: ["quan-tri", "nhat-ky"]
        case .year(let id, let year, let part): ["khoi", .id("blocID", id), "nam", .text("year", String(year))] + part.segments
        case .calendarFeed(let key): ["lich-thi-dua", .text("key", key)]
        case .provinceProgramme(let id): ["tinh", .id("provinceID", id), "thi-dua"]
        case .provinceTemplates(let id): ["tinh", .id("provinceID", id), "bang-diem-mau"]
        case .provinceTemplate(let id, let table): ["tinh", .id("provinceID", id), "bang-diem-mau", .id("tableID", table)]
        case .provinceMovements(let id): ["tinh", .id("provinceID", id), "phong-trao"]
        case .ballots: ["bo-phieu"]
        case .ballot(let id): ["bo-phieu", .id("sessionID", id)]
        case .ballotScreen(let id): ["phien-bau", .id("sessionID", id)]
        case .ballotBoard(let id): ["phien-bau", .id("sessionID", id), "cong-khai"]
        case .api(let api): ["api", "v1"] + api.segments
        // Awards (issue 14)
        case .personAwards(let id): ["can-bo", .id("personID", id), "khen-thuong"]
        case .personAwardRecord(let id, let kind): ["can-bo", .id("personID", id), "khen-thuong", .constant(kind.rawValue)]
        case .unitAwards(let id): ["don-vi", .id("unitID", id), "khen-thuong"]
        case .unitAwardRating(let id): ["don-vi", .id("unitID", id), "khen-thuong", "xep-loai"]
        case .proposals: ["khen-thuong", "to-trinh"]
        case .proposal(let id): ["khen-thuong", "to-trinh", .id("proposalID", id)]
        case .proposalLines(let id): ["khen-thuong", "to-trinh", .id("proposalID", id), "dong"]
        case .proposalLineRemove(let id, let line): ["khen-thuong", "to-trinh", .id("proposalID", id), "dong", .id("lineID", line), "xoa"]
        case .proposalAction(let id, let action): ["khen-thuong", "to-trinh", .id("proposalID", id), .constant(action.apiSlug)]
        case .awardStatistics(let id): ["tinh", .id("provinceID", id), "thong-ke-khen-thuong"]
        // Documents (issue 15).
        case .unitImport(let id): ["tinh", .id("provinceID", id), "nhap-don-vi"]
        case .unitImportCommit(let id): ["tinh", .id("provinceID", id), "nhap-don-vi", "ghi"]
        case .unitExport(let id): ["tinh", .id("provinceID", id), "don-vi.xlsx"]
        case .peopleImport(let id): ["tinh", .id("provinceID", id), "nhap-can-bo"]
        case .peopleImportCommit(let id): ["tinh", .id("provinceID", id), "nhap-can-bo", "ghi"]
        case .awardHistoryImport(let id): ["tinh", .id("provinceID", id), "nhap-khen-thuong"]
        case .awardHistoryImportCommit(let id): ["tinh", .id("provinceID", id), "nhap-khen-thuong", "ghi"]
        case .ratingImport(let id): ["tinh", .id("provinceID", id), "nhap-xep-loai"]
        case .ratingImportCommit(let id): ["tinh", .id("provinceID", id), "nhap-xep-loai", "ghi"]
        // Award lists (issue 14, parts 6-7).
        case .eligibilityList: ["khen-thuong", "xet-danh-sach"]
        case .eligibilityListXlsx: ["khen-thuong", "xet-danh-sach.xlsx"]
        case .decisionRecipientsDocx(let id): ["khen-thuong", "to-trinh", .id("proposalID", id), "danh-sach-khen-thuong.docx"]
        case .decisionRecipientsXlsx(let id): ["khen-thuong", "to-trinh", .id("proposalID", id), "danh-sach-khen-thuong.xlsx"]
        case .decisionRecipientsPDF(let id): ["khen-thuong", "to-trinh", .id("proposalID", id), "danh-sach-khen-thuong.pdf"]
        // History that awards stand on (issue 14 part 9).
        case .blocHistory(let id, let year): ["khoi", .id("blocID", id), "nam-da-qua", .text("year", String(year))]
        // Notifications (issue 16 part 1).
        case .notifications: ["thong-bao"]
        case .notificationRead(let id): ["thong-bao", .id("notificationID", id), "da-doc"]
        case .notificationsReadAll: ["thong-bao", "da-doc"]
        // Documents (issue 15): a proposal's tờ trình.
        case .proposalDocx(let id): ["khen-thuong", "to-trinh", .id("proposalID", id), "to-trinh.docx"]
        case .proposalPDF(let id): ["khen-thuong", "to-trinh", .id("proposalID", id), "to-trinh.pdf"]
        }
    }

    /// The link: "/don-vi/3F2…".
    var path: String {
        "/" + segments.map { segment -> String in
            switch segment {
            case .constant(let text): text
            case .id(_, let id): id.uuidString
            case .text(_, let text): text
            }
        }.joined(separator: "/")
    }

    /// The route pattern: ["don-vi", ":unitID"].
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .id(let name, _), .text(let name, _): .parameter(name)
            }
        }
    }

    var isAPI: Bool { if case .api = self { true } else { false } }
}

extension UUID {
    /// Stands for "any id" when a route is registered from a `SiteURL`.
    static let pattern = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

extension Request {
    /// A UUID path parameter; a malformed one is "not found", as a missing row would be.
    func id(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw Abort(.notFound)
        }
        return id
    }

    /// The year of a year's path; one out of range is "not found".
    func year() throws -> Int {
        guard let text = parameters.get("year"), let year = Int(text), (2000...2100).contains(year) else {
            throw Abort(.notFound)
        }
        return year
    }
}

extension SheetAction {
    /// The page address of the action: nộp, trả lại, hoàn tất, mở lại.
    var pageSlug: String {
        switch self {
        case .submit: "nop"
        case .returnToUnit: "tra-lai"
        case .finalise: "hoan-tat"
        case .reopen: "mo-lai"
        }
    }

    /// The decision a route of this action needs: the unit submits its own sheet; the lead
    /// reviewer concludes.
    var decision: Action { self == .submit ? .scoreOwn : .concludeReview }
}

extension ProposalAction {
    /// The address of the action, in the API and the pages.
    var apiSlug: String {
        switch self {
        case .submit: "submit"
        case .receive: "receive"
        case .returnToAuthor: "return"
        case .toCouncil: "council"
        case .recordVote: "vote"
        case .decide: "decision"
        }
    }
}
