@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension AppTests {
    @Suite struct PageTests {

        /// Every page of the site, reached as a user would from the demo data.
        @Test func everyPageRendersFromTheDemoData() async throws {
            try await withTestApp { app in
                let unit = try await app.unit(named: "Báo Ninh Thuận", province: "Ninh Thuận")
                let bloc = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Ninh Thuận")
                let person = try #require(try await PersonModel.query(on: app.db).filter(\.$fullName == "Đặng Đình Thoảng").first())
                let province = unit.$province.id
                let pages: [(SiteURL, String?, String)] = [
                    (.home, nil, "Khối, cụm thi đua"),
                    (.provinces, nil, "Ninh Thuận"),
                    (.provinces, "q=ninh&sort=desc", "Ninh Bình"),
                    (.province(province), nil, "Tỉnh Ninh Thuận"),
                    (.provinceNew, nil, "Thêm tỉnh"),
                    (.provinceEdit(province), nil, "value=\"NTH\""),
                    (.units, nil, "Đơn vị, cơ quan"),
                    (.units, "q=bao&province=\(province)&kind=press&page=1", "Báo Ninh Thuận"),
                    (.unit(unit.id!), nil, "Báo và Phát thanh, Truyền hình Khánh Hòa (Khánh Hòa)"),
                    (.unit(unit.id!), "at=2025-07-01", "tên cũ: Báo Ninh Thuận"),
                    (.unitNew, nil, "Tên viết tắt"),
                    (.unitEdit(unit.id!), nil, "value=\"BAO\""),
                    (.blocs, nil, "Cụm thi đua các cơ quan đảng tỉnh"),
                    (.bloc(bloc.id!), "at=2020-12-11", "8 đơn vị"),
                    (.blocNew, nil, "Thêm khối, cụm thi đua"),
                    (.blocEdit(bloc.id!), nil, "Khối thi đua các cơ quan Đảng tỉnh"),
                    (.people, nil, "Cán bộ, công chức, viên chức"),
                    (.people, "q=thoang", "Đặng Đình Thoảng"),
                    (.person(person.id!), nil, "Ban Tổ chức Tỉnh ủy"),
                    (.personNew, nil, "Họ và tên"),
                    (.personEdit(person.id!), nil, "Đặng Đình Thoảng"),
                    (.reorganisations, nil, "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
                    (.reorganisations, "subject=province", "Nghị quyết số 202/2025/QH15"),
                    (.reorganisationNew, nil, "Ngày có hiệu lực"),
                ]
                for (url, query, expected) in pages {
                    let path = url.path + (query.map { "?\($0)" } ?? "")
                    try await app.send(.GET, path) { res in
                        #expect(res.status == .ok, "\(path)")
                        #expect(res.headers.contentType?.description.contains("text/html") == true, "\(path)")
                        #expect(res.text.contains("<html lang=\"vi\">"), "\(path)")
                        #expect(res.text.contains(expected), "\(path) should show «\(expected)»")
                    }
                }
            }
        }

        @Test func blocPageShowsHeadsAndTheMembersOfTheDay() async throws {
            try await withTestApp { app in
                let bloc = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
                try await app.send(.GET, SiteURL.bloc(bloc.id!).path + "?at=2021-06-01") { res in
                    #expect(res.text.contains("9 đơn vị"))
                    #expect(res.text.contains("Cụm trưởng"))
                    #expect(res.text.contains("Cụm phó"))
                    // 2021: Ủy ban Kiểm tra heads, Báo Lạng Sơn is deputy.
                    let rows = res.cells.components(separatedBy: "<tr>")
                    #expect(rows.contains { $0.contains(">Báo Lạng Sơn</a>") && $0.contains("<td>Cụm phó</td>") })
                    #expect(rows.contains { $0.contains(">Ủy ban Kiểm tra Tỉnh ủy</a>") && $0.contains("<td>Cụm trưởng</td>") })
                }
            }
        }

        @Test func formWithBadInputKeepsWhatWasTypedAndSaysWhy() async throws {
            try await withTestApp { app in
                let existing = try await app.unit(named: "Ban Tổ chức Tỉnh ủy", province: "Hà Nam")
                let before = try await UnitModel.query(on: app.db).count()
                try await app.send(.POST, SiteURL.unitNew.path, beforeRequest: { req in
                    try req.content.encode(["provinceID": existing.$province.id.uuidString, "name": "Ban Nội chính mới <b>",
                                            "shortName": "BTCTU", "kind": "party_agency", "validFrom": "2026-13-01"],
                                           as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.text.contains("Chưa lưu được"))
                    #expect(res.text.contains("Tên viết tắt «BTCTU» đã được một đơn vị khác trong tỉnh sử dụng."))
                    #expect(res.text.contains("không phải một ngày hợp lệ"))
                    // What was typed comes back, escaped.
                    #expect(res.text.contains("value=\"Ban Nội chính mới &lt;b&gt;\""))
                    #expect(res.text.contains("value=\"2026-13-01\""))
                }
                #expect(try await UnitModel.query(on: app.db).count() == before)
            }
        }

        @Test func formCreatesAndRedirectsToTheNewUnit() async throws {
            try await withTestApp { app in
                let existing = try await app.unit(named: "Ban Tổ chức Tỉnh ủy", province: "Lạng Sơn")
                var location: String?
                try await app.send(.POST, SiteURL.unitNew.path, beforeRequest: { req in
                    try req.content.encode(["provinceID": existing.$province.id.uuidString, "name": "Ủy ban Mặt trận Tổ quốc tỉnh",
                                            "shortName": "MTTQ", "kind": "mass_organisation", "validFrom": "01/07/2025"],
                                           as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .seeOther)
                    location = res.headers.first(name: .location)
                }
                let path = try #require(location)
                try await app.send(.GET, path) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("Ủy ban Mặt trận Tổ quốc tỉnh"))
                    #expect(res.text.contains("từ 01/07/2025"))
                }
            }
        }

        @Test func membershipFormOnTheBlocPageRefusesAnOverlap() async throws {
            try await withTestApp { app in
                let bloc = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Ninh Thuận")
                let unit = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Ninh Thuận")
                try await app.send(.POST, SiteURL.blocMemberships(bloc.id!).path, beforeRequest: { req in
                    try req.content.encode(["unitID": unit.id!.uuidString, "validFrom": "2021-01-01"], as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.text.contains("hai thời gian không được chồng lên nhau"))
                    #expect(res.text.contains("value=\"2021-01-01\""))
                }
            }
        }

        @Test func reorganisationFormRecordsAMerger() async throws {
            try await withTestApp { app in
                let a = try await app.unit(named: "Ban Nội chính Tỉnh ủy", province: "Lạng Sơn")
                // The Đảng ủy Khối ended in 2025 (demo): the committee that took over merges instead.
                let b = try await app.unit(named: "Đảng ủy các cơ quan Đảng tỉnh", province: "Lạng Sơn")
                let c = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Lạng Sơn")
                try await app.send(.POST, SiteURL.reorganisationNew.path, beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = .init(string: "kind=merge&effectiveDate=2026-01-01&decisionReference=QĐ%2012-QĐ%2FTU"
                        + "&sources[]=\(a.id!)&sources[]=\(b.id!)&sources[]=\(c.id!)&targets[]=\(c.id!)")
                }) { res in
                    #expect(res.status == .seeOther)
                }
                let ended = try await app.unit(named: "Ban Nội chính Tỉnh ủy", province: "Lạng Sơn")
                #expect(ended.validTo == "2025-12-31")
                let memberships = try await MembershipModel.query(on: app.db).filter(\.$unit.$id == a.id!).all()
                #expect(memberships.allSatisfy { $0.validTo != nil && $0.validTo! <= "2025-12-31" })
                let posts = try await AssignmentModel.query(on: app.db).filter(\.$unit.$id == a.id!).all()
                #expect(!posts.isEmpty)
                #expect(posts.allSatisfy { $0.validTo == "2025-12-31" })
                try await app.send(.GET, SiteURL.unit(a.id!).path) { res in
                    #expect(res.text.contains("QĐ 12-QĐ/TU"))
                }
            }
        }

        @Test func errorPagesAreVietnamese() async throws {
            try await withTestApp(demo: false) { app in
                try await app.send(.GET, "khong-co-trang-nay") { res in
                    #expect(res.status == .notFound)
                    #expect(res.text.contains("Không tìm thấy"))
                    #expect(res.text.contains("<html lang=\"vi\">"))
                }
                try await app.send(.GET, SiteURL.unit(UUID()).path) { res in
                    #expect(res.status == .notFound)
                    #expect(res.text.contains("Không tìm thấy đơn vị này."))
                }
            }
        }
    }
}
