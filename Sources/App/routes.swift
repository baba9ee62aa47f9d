import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Registers every route from `SiteURL`, each with the permission it requires (kept in the
/// route's `userInfo` so that a test can walk the table). Writes arrive as forms (pages) or
/// JSON (API).
func routes(_ app: Application) throws {
    func on<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ url: SiteURL, _ permission: Permission,
                                       body: HTTPBodyStreamStrategy = .collect,
                                       _ handler: @escaping @Sendable (Request) async throws -> R) {
        let route = app.grouped(RouteGuard(permission: permission)).on(method, url.pathComponents, body: body, use: handler)
        route.userInfo["permission"] = permission
    }
    func get<R: AsyncResponseEncodable>(_ url: SiteURL, _ permission: Permission,
                                        _ handler: @escaping @Sendable (Request) async throws -> R) {
        on(.GET, url, permission, handler)
    }
    func post<R: AsyncResponseEncodable>(_ url: SiteURL, _ permission: Permission,
                                         _ handler: @escaping @Sendable (Request) async throws -> R) {
        on(.POST, url, permission, handler)
    }
    func put<R: AsyncResponseEncodable>(_ url: SiteURL, _ permission: Permission,
                                        _ handler: @escaping @Sendable (Request) async throws -> R) {
        on(.PUT, url, permission, handler)
    }
    let id = UUID.pattern
    let read = Permission.decide(.read, .registry)

    get(.home, .signedIn, HomeController.show)
    get(.healthz, .open, HomeController.health)
    get(.openAPI, .open, HomeController.openAPI)

    get(.signIn, .open, AuthController.signInPage)
    post(.signIn, .open, AuthController.signIn)
    post(.signOut, .signedIn, AuthController.signOut)
    get(.passwordReset("token"), .open, AuthController.resetPage)
    post(.passwordReset("token"), .open, AuthController.reset)
    get(.account, .signedIn, AuthController.account)
    post(.accountPassword, .signedIn, AuthController.changePassword)
    post(.accountSignOutEverywhere, .signedIn, AuthController.signOutEverywhere)
    post(.accountTokens, .signedIn, AuthController.createToken)
    post(.accountTokenRevoke(id), .signedIn, AuthController.revokeToken)

    get(.users, .decide(.manageUsers, .accounts), UserAdminController.index)
    get(.userNew, .decide(.manageUsers, .accounts), UserAdminController.new)
    post(.userNew, .decide(.manageUsers, .accounts), UserAdminController.create)
    get(.user(id), .decide(.manageUsers, .account("userID")), UserAdminController.show)
    post(.userRoles(id), .decide(.manageUsers, .account("userID")), UserAdminController.addRole)
    post(.userRoleRemove(id, id), .decide(.manageUsers, .account("userID")), UserAdminController.removeRole)
    post(.userDisable(id), .decide(.manageUsers, .account("userID")), UserAdminController.disable)
    post(.userEnable(id), .decide(.manageUsers, .account("userID")), UserAdminController.enable)
    post(.userReset(id), .decide(.manageUsers, .account("userID")), UserAdminController.reset)
    get(.audit, .decide(.readAudit, .auditLog), AuditController.index)

    get(.provinces, read, ProvinceController.index)
    get(.provinceNew, .decide(.create, .newProvince), ProvinceController.new)
    post(.provinceNew, .decide(.create, .newProvince), ProvinceController.save)
    get(.province(id), .decide(.read, .province("provinceID")), ProvinceController.show)
    get(.provinceEdit(id), .decide(.update, .province("provinceID")), ProvinceController.edit)
    post(.provinceEdit(id), .decide(.update, .province("provinceID")), ProvinceController.save)

    get(.units, read, UnitController.index)
    get(.unitNew, .decide(.create, .newUnit), UnitController.new)
    post(.unitNew, .decide(.create, .newUnit), UnitController.save)
    get(.unit(id), .decide(.read, .unit("unitID")), UnitController.show)
    get(.unitEdit(id), .decide(.update, .unit("unitID")), UnitController.edit)
    post(.unitEdit(id), .decide(.update, .unit("unitID")), UnitController.save)

    get(.blocs, read, BlocController.index)
    get(.blocNew, .decide(.create, .newBloc), BlocController.new)
    post(.blocNew, .decide(.create, .newBloc), BlocController.save)
    get(.bloc(id), .decide(.read, .bloc("blocID")), BlocController.show)
    get(.blocEdit(id), .decide(.update, .bloc("blocID")), BlocController.edit)
    post(.blocEdit(id), .decide(.update, .bloc("blocID")), BlocController.save)
    post(.blocMemberships(id), .decide(.manageMembers, .bloc("blocID")), BlocController.addMembership)
    post(.blocMembershipEnd(id, id), .decide(.manageMembers, .bloc("blocID")), BlocController.endMembership)

    get(.people, read, PersonController.index)
    get(.personNew, .decide(.create, .newPerson), PersonController.new)
    post(.personNew, .decide(.create, .newPerson), PersonController.save)
    get(.person(id), .decide(.read, .person("personID")), PersonController.show)
    get(.personEdit(id), .decide(.update, .person("personID")), PersonController.edit)
    post(.personEdit(id), .decide(.update, .person("personID")), PersonController.save)
    post(.personAssignments(id), .decide(.update, .person("personID")), PersonController.addAssignment)

    get(.reorganisations, read, ReorganisationController.index)
    get(.reorganisationNew, .decide(.reorganise, .reorganisation), ReorganisationController.new)
    post(.reorganisationNew, .decide(.reorganise, .reorganisation), ReorganisationController.create)

    // A bloc's year. Reading follows the bloc; the head unit of that year leads it; each
    // member signs and registers for itself.
    let year = 2000
    let readYear = Permission.decide(.read, .bloc("blocID"))
    let lead = Permission.decide(.leadBloc, .bloc("blocID"))
    func part(_ p: SiteURL.YearPart) -> SiteURL { .year(id, year, p) }
    get(part(.overview), readYear, YearController.show)
    post(part(.overview), .decide(.openYear, .bloc("blocID")), YearController.open)
    post(part(.transition), lead, YearController.transition)
    get(part(.dates), lead, YearController.editDates)
    post(part(.dates), lead, YearController.saveDates)
    get(part(.plan), lead, YearController.newActivity)
    post(part(.plan), lead, YearController.addActivity)
    post(part(.planRemove(id)), lead, YearController.removeActivity)
    get(part(.movements), lead, YearController.newMovement)
    post(part(.movements), lead, YearController.addMovement)
    get(part(.movementLink), lead, YearController.newLink)
    post(part(.movementLink), lead, YearController.link)
    get(part(.calendar), readYear, YearController.calendar)
    get(part(.calendarFile), readYear, YearController.calendarFile)
    get(.calendarFeed("key"), .open, YearController.feed)
    get(part(.table), readYear, TableController.showYear)
    post(part(.table), lead, TableController.saveYear)
    post(part(.tableCopy), lead, TableController.copyYear)
    get(part(.pact), readYear, PactController.show)
    get(part(.pactPrint), readYear, PactController.print)
    post(part(.targets), lead, PactController.saveTargets)
    post(part(.sign(id)), .decide(.signPact, .yearUnit("blocID", "unitID")), PactController.sign)
    get(part(.registration(id)), .decide(.read, .yearUnit("blocID", "unitID")), RegistrationController.show)
    post(part(.registration(id)), .decide(.register, .yearUnit("blocID", "unitID")), RegistrationController.submit)
    post(part(.acknowledge(id)), lead, RegistrationController.acknowledge)

    // Scoring: each unit its own sheet; the head reviews, returns, finalises, publishes.
    let uploadBody = HTTPBodyStreamStrategy.collect(maxSize: ByteCount(value: app.thidua.config.evidenceLimit + 1_048_576))
    let readSheet = Permission.decide(.read, .sheet("blocID", "unitID"))
    get(part(.sheets), readYear, ScoringController.overview)
    get(part(.sheet(id)), readSheet, ScoringController.showSheet)
    post(part(.sheet(id)), .decide(.scoreOwn, .sheet("blocID", "unitID")), ScoringController.saveSelf)
    post(part(.sheetReview(id)), .decide(.review, .sheet("blocID", "unitID")), ScoringController.saveReview)
    for action in SheetAction.allCases {
        post(part(.sheetAction(id, action)), .decide(action.decision, .sheet("blocID", "unitID")), ScoringController.act(action))
    }
    post(part(.sheetExtension(id)), .decide(.concludeReview, .sheet("blocID", "unitID")), ScoringController.extend)
    on(.POST, part(.sheetEvidence(id)), .decide(.scoreOwn, .sheet("blocID", "unitID")), body: uploadBody, ScoringController.upload)
    get(part(.evidence(id, id)), readSheet, EvidenceController.download)
    get(part(.ranking), .decide(.read, .ranking("blocID")), ScoringController.showRanking)
    post(part(.ranking), lead, ScoringController.publish)
    get(part(.analysis), lead, ScoringController.analysis)

    // Voting: the head runs the conference and its sessions; voters of the units present
    // cast one ballot each; the room and the members read the screen and the board.
    get(part(.conferences), readYear, ConferenceController.index)
    post(part(.conferences), lead, ConferenceController.schedule)
    get(part(.conference(id)), readYear, ConferenceController.show)
    post(part(.attendance(id)), lead, ConferenceController.attendance)
    post(part(.flag(id)), lead, ConferenceController.flag)
    post(part(.ballotOpen(id)), lead, ConferenceController.openSession)
    post(part(.ballotClose(id)), lead, ConferenceController.close)
    post(part(.ballotPaper(id)), lead, ConferenceController.paper)
    post(part(.ballotNextRound(id)), lead, ConferenceController.nextRound)
    post(part(.offices), .decide(.recogniseOffices, .bloc("blocID")), ConferenceController.recognise)
    get(.ballots, .signedIn, BallotController.index)
    get(.ballot(id), .decide(.vote, .ballot("sessionID")), BallotController.show)
    post(.ballot(id), .decide(.vote, .ballot("sessionID")), BallotController.cast)
    get(.ballotScreen(id), .decide(.read, .ballot("sessionID")), BallotController.screen)
    get(.ballotBoard(id), .decide(.read, .ballot("sessionID")), BallotController.board)

    let readProgramme = Permission.decide(.read, .programme("provinceID"))
    let writeProgramme = Permission.decide(.update, .programme("provinceID"))
    get(.provinceProgramme(id), readProgramme, ProgrammeController.show)
    get(.provinceTemplates(id), writeProgramme, TableController.newTemplate)
    post(.provinceTemplates(id), writeProgramme, TableController.saveTemplate)
    get(.provinceTemplate(id, id), readProgramme, TableController.showTemplate)
    post(.provinceTemplate(id, id), writeProgramme, TableController.saveTemplate)
    get(.provinceMovements(id), writeProgramme, ProgrammeController.newMovement)
    post(.provinceMovements(id), writeProgramme, ProgrammeController.addMovement)

    typealias API = RegistryAPIController
    get(.api(.provinces), read, API.provinces)
    post(.api(.provinces), .decide(.create, .newProvince), API.createProvince)
    get(.api(.province(id)), .decide(.read, .province("provinceID")), API.province)
    put(.api(.province(id)), .decide(.update, .province("provinceID")), API.updateProvince)
    get(.api(.provinceLineage(id)), .decide(.read, .province("provinceID")), API.provinceLineage)
    get(.api(.units), read, API.units)
    post(.api(.units), .decide(.create, .newUnit), API.createUnit)
    get(.api(.unit(id)), .decide(.read, .unit("unitID")), API.unit)
    put(.api(.unit(id)), .decide(.update, .unit("unitID")), API.updateUnit)
    get(.api(.unitLineage(id)), .decide(.read, .unit("unitID")), API.unitLineage)
    get(.api(.blocs), read, API.blocs)
    post(.api(.blocs), .decide(.create, .newBloc), API.createBloc)
    get(.api(.bloc(id)), .decide(.read, .bloc("blocID")), API.bloc)
    put(.api(.bloc(id)), .decide(.update, .bloc("blocID")), API.updateBloc)
    get(.api(.blocMembers(id)), .decide(.read, .bloc("blocID")), API.members)
    post(.api(.blocMembers(id)), .decide(.manageMembers, .bloc("blocID")), API.addMember)
    get(.api(.blocOffices(id)), .decide(.read, .bloc("blocID")), API.offices)
    get(.api(.people), read, API.people)
    post(.api(.people), .decide(.create, .newPerson), API.createPerson)
    get(.api(.person(id)), .decide(.read, .person("personID")), API.person)
    put(.api(.person(id)), .decide(.update, .person("personID")), API.updatePerson)
    get(.api(.reorganisations), read, API.reorganisations)
    post(.api(.reorganisations), .decide(.reorganise, .reorganisation), API.createReorganisation)

    typealias Years = YearAPIController
    get(.api(.blocYear(id, year)), readYear, Years.year)
    post(.api(.blocYear(id, year)), .decide(.openYear, .bloc("blocID")), Years.open)
    post(.api(.blocYearTransitions(id, year)), lead, Years.transition)
    put(.api(.blocYearDates(id, year)), lead, Years.dates)
    post(.api(.blocYearPlan(id, year)), lead, Years.addActivity)
    post(.api(.blocYearMovements(id, year)), lead, Years.addMovement)
    get(.api(.blocYearTable(id, year)), readYear, Years.table)
    put(.api(.blocYearTable(id, year)), lead, Years.saveTable)
    put(.api(.blocYearTargets(id, year)), lead, Years.targets)
    post(.api(.blocYearSignature(id, year, id)), .decide(.signPact, .yearUnit("blocID", "unitID")), Years.sign)
    get(.api(.blocYearRegistration(id, year, id)), .decide(.read, .yearUnit("blocID", "unitID")), Years.registration)
    put(.api(.blocYearRegistration(id, year, id)), .decide(.register, .yearUnit("blocID", "unitID")), Years.register)
    post(.api(.blocYearAcknowledge(id, year, id)), lead, Years.acknowledge)
    get(.api(.provinceTemplates(id)), readProgramme, Years.templates)
    post(.api(.provinceTemplates(id)), writeProgramme, Years.saveTemplate)
    get(.api(.provinceTemplate(id, id)), readProgramme, Years.template)
    put(.api(.provinceTemplate(id, id)), writeProgramme, Years.saveTemplate)
    get(.api(.provinceMovements(id)), readProgramme, Years.movements)
    post(.api(.provinceMovements(id)), writeProgramme, Years.addProvinceMovement)
    get(.api(.provinceYear(id, year)), readProgramme, Years.provinceYear)

    typealias Scores = ScoringAPIController
    get(.api(.sheets(id, year)), readYear, Scores.sheets)
    get(.api(.sheet(id, year, id)), readSheet, Scores.sheet)
    put(.api(.sheet(id, year, id)), .decide(.scoreOwn, .sheet("blocID", "unitID")), Scores.saveSelf)
    put(.api(.sheetReview(id, year, id)), .decide(.review, .sheet("blocID", "unitID")), Scores.saveReview)
    for action in SheetAction.allCases {
        post(.api(.sheetAction(id, year, id, action)), .decide(action.decision, .sheet("blocID", "unitID")), Scores.act(action))
    }
    post(.api(.sheetExtension(id, year, id)), .decide(.concludeReview, .sheet("blocID", "unitID")), Scores.extend)
    on(.POST, .api(.sheetEvidence(id, year, id)), .decide(.scoreOwn, .sheet("blocID", "unitID")), body: uploadBody, Scores.upload)
    get(.api(.evidence(id, year, id, id)), readSheet, EvidenceController.download)
    get(.api(.ranking(id, year)), .decide(.read, .ranking("blocID")), Scores.ranking)
    post(.api(.ranking(id, year)), lead, Scores.publish)

    typealias Votes = VotingAPIController
    get(.api(.conferences(id, year)), readYear, Votes.conferences)
    post(.api(.conferences(id, year)), lead, Votes.schedule)
    get(.api(.conference(id, year, id)), readYear, Votes.conference)
    put(.api(.conferenceAttendance(id, year, id)), lead, Votes.attendance)
    put(.api(.conferenceFlag(id, year, id)), lead, Votes.flag)
    post(.api(.conferenceBallots(id, year, id)), lead, Votes.open)
    post(.api(.ballotClose(id, year, id)), lead, Votes.close)
    post(.api(.ballotPaper(id, year, id)), lead, Votes.paper)
    post(.api(.ballotNextRound(id, year, id)), lead, Votes.nextRound)
    post(.api(.nextOffices(id, year)), .decide(.recogniseOffices, .bloc("blocID")), Votes.recognise)
    get(.api(.ballot(id)), .decide(.read, .ballot("sessionID")), Votes.session)
    post(.api(.ballotVote(id)), .decide(.vote, .ballot("sessionID")), Votes.vote)
    get(.api(.ballotBulletin(id)), .decide(.read, .ballot("sessionID")), Votes.bulletin)

    typealias Access = AccessAPIController
    get(.api(.me), .signedIn, Access.me)
    get(.api(.tokens), .signedIn, Access.tokens)
    post(.api(.tokens), .signedIn, Access.createToken)
    post(.api(.tokenRevoke(id)), .signedIn, Access.revokeToken)
    get(.api(.users), .decide(.manageUsers, .accounts), Access.users)
    post(.api(.users), .decide(.manageUsers, .accounts), Access.createUser)
    get(.api(.user(id)), .decide(.manageUsers, .account("userID")), Access.user)
    post(.api(.userDisable(id)), .decide(.manageUsers, .account("userID")), Access.disable)
    post(.api(.userEnable(id)), .decide(.manageUsers, .account("userID")), Access.enable)
    post(.api(.userResetLink(id)), .decide(.manageUsers, .account("userID")), Access.resetLink)
    get(.api(.audit), .decide(.readAudit, .auditLog), Access.audit)
    get(.api(.auditVerify), .decide(.readAudit, .auditLog), Access.verify)

    // Awards (issue 14): records by the unit, eligibility, proposals to decisions, history, statistics.
    typealias Awards = AwardAPIController
    let readProposal = Permission.decide(.read, .proposal("proposalID"))
    let propose = Permission.decide(.proposeAward, .proposal("proposalID"))
    let decideAward = Permission.decide(.decideAward, .proposal("proposalID"))
    get(.api(.awardCatalogue), .signedIn, Awards.catalogue)
    post(.api(.personRatings(id)), .decide(.recordAchievements, .person("personID")), Awards.personRating)
    post(.api(.personDiscipline(id)), .decide(.recordAchievements, .person("personID")), Awards.discipline)
    post(.api(.personInitiatives(id)), .decide(.recordAchievements, .person("personID")), Awards.initiative)
    get(.api(.personEligibility(id)), .decide(.read, .person("personID")), Awards.eligibility(.individual))
    get(.api(.personAwards(id)), .decide(.read, .person("personID")), Awards.history(.individual))
    post(.api(.unitRatings(id)), .decide(.recordAchievements, .unit("unitID")), Awards.unitRating)
    get(.api(.unitEligibility(id)), .decide(.read, .unit("unitID")), Awards.eligibility(.collective))
    get(.api(.unitAwards(id)), .decide(.read, .unit("unitID")), Awards.history(.collective))
    get(.api(.awardStatistics(id)), .decide(.read, .awardProvince("provinceID")), Awards.statistics)
    // A new proposal's scope is in its body: the service authorises it.
    get(.api(.awardProposals), .signedIn, Awards.proposals)
    post(.api(.awardProposals), .signedIn, Awards.createProposal)
    get(.api(.awardProposal(id)), readProposal, Awards.proposal)
    post(.api(.awardProposalLines(id)), propose, Awards.addLine)
    on(.DELETE, .api(.awardProposalLine(id, id)), propose, Awards.removeLine)
    post(.api(.awardProposalAction(id, .submit)), propose, Awards.submit)
    post(.api(.awardProposalAction(id, .receive)), decideAward, Awards.receive)
    post(.api(.awardProposalAction(id, .returnToAuthor)), decideAward, Awards.returnProposal)
    post(.api(.awardProposalAction(id, .toCouncil)), decideAward, Awards.toCouncil)
    post(.api(.awardProposalAction(id, .recordVote)), decideAward, Awards.vote)
    post(.api(.awardProposalAction(id, .decide)), decideAward, Awards.decide)
    get(.api(.awardParameters(id)), readProgramme, Awards.parameters)
    post(.api(.awardParameters(id)), writeProgramme, Awards.addParameters)
    typealias AwardWeb = AwardPages
    get(.personAwards(id), .decide(.read, .person("personID")), AwardWeb.person)
    for kind in SiteURL.AwardRecordKind.allCases {
        post(.personAwardRecord(id, kind), .decide(.recordAchievements, .person("personID")), AwardWeb.record(kind))
    }
    get(.unitAwards(id), .decide(.read, .unit("unitID")), AwardWeb.unit)
    post(.unitAwardRating(id), .decide(.recordAchievements, .unit("unitID")), AwardWeb.unitRating)
    get(.proposals, .signedIn, AwardWeb.proposals)
    post(.proposals, .signedIn, AwardWeb.createProposal)
    get(.proposal(id), readProposal, AwardWeb.proposal)
    post(.proposalLines(id), propose, AwardWeb.addLine)
    post(.proposalLineRemove(id, id), propose, AwardWeb.removeLine)
    for action in ProposalAction.allCases {
        post(.proposalAction(id, action), action.byAuthor ? propose : decideAward, AwardWeb.act(action))
    }
    get(.awardStatistics(id), .decide(.read, .awardProvince("provinceID")), AwardWeb.statistics)
    // Documents (issue 15): each document from the page of the thing it belongs to.
    get(part(.pactDocx), readYear, DocumentController.pactDocx)
    get(part(.pactPDF), readYear, DocumentController.pactPDF)
    post(part(.pactIssue), lead, DocumentController.issuePact)
    get(part(.rankingXlsx), .decide(.read, .ranking("blocID")), DocumentController.rankingXlsx)
    get(part(.rankingDocx), .decide(.read, .ranking("blocID")), DocumentController.rankingDocx)
    get(part(.tableXlsx), readYear, DocumentController.tableXlsx)
    get(part(.sheetXlsx(id)), readSheet, DocumentController.sheetXlsx)
    get(part(.tableDocx), readYear, DocumentController.tableDocx)
    get(part(.planDocx), readYear, DocumentController.planDocx)
    get(.api(.pactDocument(id, year)), readYear, DocumentController.pactDocx)
    post(.api(.pactIssue(id, year)), lead, DocumentAPIController.issuePact)
    get(.api(.rankingSpreadsheet(id, year)), .decide(.read, .ranking("blocID")), DocumentController.rankingXlsx)
    let importUnits = Permission.decide(.create, .newUnitIn("provinceID"))
    let importPeople = Permission.decide(.create, .newPersonIn("provinceID"))
    get(.unitImport(id), importUnits, ImportController.show(.units))
    on(.POST, .unitImport(id), importUnits, body: uploadBody, ImportController.preview(.units))
    post(.unitImportCommit(id), importUnits, ImportController.commit(.units))
    get(.peopleImport(id), importPeople, ImportController.show(.people))
    on(.POST, .peopleImport(id), importPeople, body: uploadBody, ImportController.preview(.people))
    post(.peopleImportCommit(id), importPeople, ImportController.commit(.people))
    get(.unitExport(id), .decide(.read, .province("provinceID")), ImportController.export)
    let recordPastAwards = Permission.decide(.decideAward, .awardProvince("provinceID"))
    get(.awardHistoryImport(id), recordPastAwards, ImportController.show(.awards))
    on(.POST, .awardHistoryImport(id), recordPastAwards, body: uploadBody, ImportController.preview(.awards))
    post(.awardHistoryImportCommit(id), recordPastAwards, ImportController.commit(.awards))
    // Xếp loại đã có: the province's officer records the ratings of its units and people.
    let recordRatings = Permission.decide(.recordAchievements, .newUnitIn("provinceID"))
    get(.ratingImport(id), recordRatings, ImportController.show(.ratings))
    on(.POST, .ratingImport(id), recordRatings, body: uploadBody, ImportController.preview(.ratings))
    post(.ratingImportCommit(id), recordRatings, ImportController.commit(.ratings))
    get(part(.tableImport), lead, ImportController.show(.table))
    on(.POST, part(.tableImport), lead, body: uploadBody, ImportController.preview(.table))
    post(part(.tableImportCommit), lead, ImportController.commit(.table))
    // The same imports on the API (JSON preview, then commit by SHA-256).
    for (subject, permission) in [(ImportController.Subject.units, importUnits), (.people, importPeople), (.awards, recordPastAwards),
                                  (.ratings, recordRatings)] {
        on(.POST, .api(.provinceImport(id, subject.rawValue)), permission, body: uploadBody, ImportAPIController.preview(subject))
        post(.api(.provinceImportCommit(id, subject.rawValue)), permission, ImportAPIController.commit(subject))
    }
    on(.POST, .api(.tableImport(id, year)), lead, body: uploadBody, ImportAPIController.preview(.table))
    post(.api(.tableImportCommit(id, year)), lead, ImportAPIController.commit(.table))
    // Documents of the conference (issue 15): a session's ballot-count minutes are read as its
    // result is (and refused as it is before close).
    let readSession = Permission.decide(.read, .ballot("sessionID"))
    get(part(.minutesDocx(id)), readYear, DocumentController.minutesDocx)
    get(part(.minutesPDF(id)), readYear, DocumentController.minutesPDF)
    post(part(.minutesIssue(id)), lead, DocumentController.issueMinutes)
    get(part(.countDocx(id)), readSession, DocumentController.ballotCountDocx)
    get(part(.countPDF(id)), readSession, DocumentController.ballotCountPDF)
    post(part(.countIssue(id)), lead, DocumentController.issueBallotCount)
    get(part(.paperBallotDocx(id)), readSession, DocumentController.paperBallotDocx)
    get(.api(.minutesDocument(id, year, id)), readYear, DocumentController.minutesDocx)
    post(.api(.minutesIssue(id, year, id)), lead, DocumentAPIController.issueMinutes)
    get(.api(.ballotCountDocument(id, year, id)), readSession, DocumentController.ballotCountDocx)
    post(.api(.ballotCountIssue(id, year, id)), lead, DocumentAPIController.issueBallotCount)
    get(.api(.paperBallot(id, year, id)), readSession, DocumentController.paperBallotDocx)
    // Award lists (issue 14, parts 6-7): the list's scope is in the query or body, so the
    // service authorises it; a decision's recipients are read as its proposal is.
    get(.eligibilityList, .signedIn, AwardListController.page)
    get(.eligibilityListXlsx, .signedIn, AwardListController.xlsx)
    // Up to 5 000 ids (~200 KB) and 500 rows of a past year: more than the default 16 KB body.
    let listBody = HTTPBodyStreamStrategy.collect(maxSize: "512kb")
    on(.POST, .api(.eligibilityBatch), .signedIn, body: listBody, AwardListController.batch)
    on(.POST, .api(.eligibilityBatchSpreadsheet), .signedIn, body: listBody, AwardListController.batchSpreadsheet)
    get(.decisionRecipientsDocx(id), readProposal, AwardListController.recipientsDocx)
    get(.decisionRecipientsXlsx(id), readProposal, AwardListController.recipientsXlsx)
    get(.decisionRecipientsPDF(id), readProposal, AwardListController.recipientsPDF)
    get(.api(.decisionRecipients(id)), readProposal, AwardListController.recipients)
    get(.api(.decisionRecipientsDocument(id)), readProposal, AwardListController.recipientsDocx)
    get(.api(.decisionRecipientsSpreadsheet(id)), readProposal, AwardListController.recipientsXlsx)
    // History that awards stand on (issue 14 part 9): the past years of a bloc, recorded by the
    // province (or its successor) from the reports of then; read as the bloc is.
    let recordHistory = Permission.decide(.recordHistory, .blocHistory("blocID"))
    get(.blocHistory(id, year), .decide(.read, .bloc("blocID")), BlocHistoryPages.show)
    on(.POST, .blocHistory(id, year), recordHistory, body: listBody, BlocHistoryPages.record)
    get(.api(.blocHistory(id)), .decide(.read, .bloc("blocID")), BlocHistoryAPIController.years)
    on(.POST, .api(.blocHistoryYear(id, year)), recordHistory, body: listBody, BlocHistoryAPIController.record)
    // Notifications (issue 16 part 1): each user reads and marks only its own (the service
    // filters by the signed-in user), so being signed in is the route's whole permission.
    get(.notifications, .signedIn, NotificationController.page)
    post(.notificationRead(id), .signedIn, NotificationController.markRead)
    post(.notificationsReadAll, .signedIn, NotificationController.markAllRead)
    get(.api(.notifications), .signedIn, NotificationController.list)
    post(.api(.notificationRead(id)), .signedIn, NotificationController.read)
    // Documents (issue 15): a proposal's tờ trình with its list, read as the proposal is.
    get(.proposalDocx(id), readProposal, DocumentController.proposalDocx)
    get(.proposalPDF(id), readProposal, DocumentController.proposalPDF)
    get(.api(.awardProposalDocument(id)), readProposal, DocumentController.proposalDocx)
    // Documents (issue 15): the mid-year and year-end reports of a bloc's year, from its page.
    get(part(.reportDocx(.annual)), readYear, DocumentController.reportDocx)
    get(part(.reportPDF(.annual)), readYear, DocumentController.reportPDF)
    get(part(.reportXlsx(.annual)), readYear, DocumentController.reportXlsx)
    post(part(.reportIssue(.annual)), lead, DocumentController.issueReport)
    get(.api(.reportDocument(id, year, .annual)), readYear, DocumentController.reportDocx)
    get(.api(.reportSpreadsheet(id, year, .annual)), readYear, DocumentController.reportXlsx)
    post(.api(.reportIssue(id, year, .annual)), lead, DocumentAPIController.issueReport)
    // Documents (issue 15): the handover record of the rotating flag, from the conference's page.
    get(part(.handoverDocx(id)), readYear, DocumentController.handoverDocx)
    get(part(.handoverPDF(id)), readYear, DocumentController.handoverPDF)
    post(part(.handoverIssue(id)), lead, DocumentController.issueHandover)
    get(.api(.handoverDocument(id, year, id)), readYear, DocumentController.handoverDocx)
    post(.api(.handoverIssue(id, year, id)), lead, DocumentAPIController.issueHandover)
}
