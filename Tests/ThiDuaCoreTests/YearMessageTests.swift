import Foundation
import Testing
@testable import ThiDuaCore

/// Issue 16 part 3: a refused step names whom to ask, in Vietnamese order.
@Suite struct YearMessageTests {
    @Test func aRefusalNamesTheUnitsItConcerns() {
        let (a, b, c) = (UUID(), UUID(), UUID())
        let names = [a: "Văn phòng Tỉnh ủy", b: "Ủy ban Kiểm tra Tỉnh ủy", c: "Ban Tổ chức Tỉnh ủy"]
        let pact = YearError.incompletePact(unsigned: [a, b, c])
        #expect(pact.message(naming: names)
            == "Còn 3 đơn vị thành viên chưa ký giao ước. Ban Tổ chức Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy, Văn phòng Tỉnh ủy.")
        #expect(YearError.incompleteScoring(missing: [a]).message(naming: names)
            == "Còn 1 đơn vị chưa có bảng điểm được thẩm định xong. Văn phòng Tỉnh ủy.")
        // Names unknown, or a refusal about no unit: the message alone.
        #expect(pact.message(naming: [:]) == pact.message)
        #expect(YearError.noHead.message(naming: names) == YearError.noHead.message)
    }

    @Test func everyStepSaysWhatItChanges() {
        for transition in YearTransition.allCases {
            #expect(!transition.consequence.isEmpty && transition.consequence.hasSuffix("."), "\(transition)")
        }
    }
}
