import Foundation
@testable import ThiDuaCore

/// The illustrative table of DOMAIN.md §3: four groups of 100 base points, bonus capped at 10,
/// per-event deductions, a disqualifier.
struct WorkedExample {
    let table: ScoringTable
    let ids: [String: UUID]

    init() {
        var criteria: [Criterion] = []
        var ids: [String: UUID] = [:]
        func add(_ code: String, _ parent: String?, _ title: String, _ kind: CriterionKind, max: Int? = nil,
                 perEvent: Int? = nil, cap: Int? = nil, evidence: Bool = false) {
            let c = Criterion(parentID: parent.flatMap { ids[$0] }, code: code, title: title, kind: kind,
                              maximum: max.map { Points(integerLiteral: $0) }, perEvent: perEvent.map { Points(integerLiteral: $0) },
                              cap: cap.map { Points(integerLiteral: $0) }, evidenceRequired: evidence, order: criteria.count)
            ids[code] = c.id
            criteria.append(c)
        }
        add("I", nil, "Nhiệm vụ chính trị, chuyên môn", .group, max: 50)
        add("1", "I", "Chỉ tiêu giao ước", .base, max: 50, evidence: true)
        add("II", nil, "Xây dựng Đảng, đoàn thể, kỷ luật", .group, max: 15)
        add("2", "II", "Xây dựng tổ chức", .base, max: 15)
        add("III", nil, "Phong trào thi đua", .group, max: 20)
        add("3", "III", "12 phong trào", .base, max: 20)
        add("IV", nil, "Công tác TĐKT, tham gia khối", .group, max: 15)
        add("4", "IV", "Báo cáo, tham dự", .base, max: 15)
        add("T1", nil, "Cờ, Bằng khen Trung ương", .bonus, max: 3)
        add("T2", nil, "Mô hình nhân rộng", .bonus, max: 2)
        add("T3", nil, "Đăng cai hoạt động khối", .bonus, max: 1)
        add("T4", nil, "Trưởng khối", .bonus, max: 1)
        add("D1", nil, "Báo cáo chậm", .deduction, perEvent: -1)
        add("D2", nil, "Vắng họp khối", .deduction, perEvent: -1)
        add("L1", nil, "Chi bộ dưới mức hoàn thành nhiệm vụ", .disqualifier)
        table = ScoringTable(criteria: criteria, declaredTotal: 100, bonusCap: 10)
        self.ids = ids
    }

    func sheet(_ name: String, _ base: [Int], bonus: [String: Int] = [:], late: Int = 0, absent: Int = 0,
               disqualified: Bool = false, id: UUID = UUID()) -> UnitSheet {
        var values: SheetValues = [:]
        for (index, code) in ["1", "2", "3", "4"].enumerated() { values[ids[code]!] = ItemScore(points: Points(integerLiteral: base[index])) }
        for (code, points) in bonus { values[ids[code]!] = ItemScore(points: Points(integerLiteral: points)) }
        values[ids["D1"]!] = ItemScore(events: late)
        values[ids["D2"]!] = ItemScore(events: absent)
        values[ids["L1"]!] = ItemScore(flagged: disqualified)
        return UnitSheet(unitID: id, name: name, values: values)
    }
}

/// A ZIP written by hand, entry by entry (stored, not compressed), so that a test can build
/// a real Office package or a hostile one: a false size, a bomb, overlapping entries.
struct ZipBuilder {
    struct Entry {
        var name: String
        var data: Data
        /// What the directory claims; by default the truth.
        var declaredSize: Int? = nil
        var method: UInt16 = 0
        var localName: String? = nil
    }

    var entries: [Entry] = []
    /// Patched into the end record after building, to lie about the directory.
    var directoryOffsetShift = 0

    mutating func add(_ name: String, _ text: String = "<?xml version=\"1.0\"?><x/>", declaredSize: Int? = nil, method: UInt16 = 0) {
        entries.append(Entry(name: name, data: Data(text.utf8), declaredSize: declaredSize, method: method))
    }

    /// A package with the content types and the main part of a Word document.
    static func docx(adding extra: [String] = []) -> ZipBuilder {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("_rels/.rels")
        zip.add("word/document.xml", "<?xml version=\"1.0\"?><w:document/>")
        for name in extra { zip.add(name, "MZ") }
        return zip
    }

    func build() -> Data {
        var out = Data(), directory = Data()
        func u16(_ v: Int, _ d: inout Data) { d.append(contentsOf: [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)]) }
        func u32(_ v: Int, _ d: inout Data) { u16(v & 0xFFFF, &d); u16(v >> 16 & 0xFFFF, &d) }
        for entry in entries {
            let offset = out.count
            let name = Data(entry.name.utf8), local = Data((entry.localName ?? entry.name).utf8)
            let crc = Self.crc32(entry.data)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(Int(entry.method), &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(entry.data.count, &out); u32(entry.declaredSize ?? entry.data.count, &out)
            u16(local.count, &out); u16(0, &out); out.append(local); out.append(entry.data)
            u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(0x0800, &directory)
            u16(Int(entry.method), &directory); u16(0, &directory); u16(0x21, &directory); u32(crc, &directory)
            u32(entry.data.count, &directory); u32(entry.declaredSize ?? entry.data.count, &directory)
            u16(name.count, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory)
            u32(0, &directory); u32(offset, &directory); directory.append(name)
        }
        let directoryOffset = out.count
        out.append(directory)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(directory.count, &out); u32(directoryOffset + directoryOffsetShift, &out); u16(0, &out)
        return out
    }

    static func crc32(_ data: Data) -> Int {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return Int(crc ^ 0xFFFF_FFFF)
    }
}

/// A workbook as openpyxl 3 writes it (Python's zipfile, deflated entries, the directory's
/// order not the usual one), so that the package check keeps passing what people really make.
let openpyxlWorkbook = Data(base64Encoded: """
UEsDBBQAAAAIANxDgV1Gx01IlQAAAM0AAAAQAAAAZG9jUHJvcHMvYXBwLnhtbE3PTQvCMAwG4L9SdreZih6kDkQ9ip68zy51hbYp
bYT67+0EP255ecgboi6JIia2mEXxLuRtMzLHDUDWI/o+y8qhiqHke64x3YGMsRoPpB8eA8OibdeAhTEMOMzit7Dp1C5GZ3XPlkJ3
sjpRJsPiWDQ6sScfq9wcChDneiU+ixNLOZcrBf+LU8sVU57mym/8ZAW/B7oXUEsDBBQAAAAIANxDgV0VxmDS7wAAACsCAAARAAAA
ZG9jUHJvcHMvY29yZS54bWzNklFLwzAQx7+K5L29tMUpocuLY08KggPFt5DctmCThuSk3bc3rVuH6AfwMXf//O53cK0OQvcRn2Mf
MJLFdDO6ziehw5odiYIASPqITqUyJ3xu7vvoFOVnPEBQ+kMdEGrOV+CQlFGkYAIWYSEy2RotdERFfTzjjV7w4TN2M8xowA4dekpQ
lRUwOU0Mp7Fr4QqYYITRpe8CmoU4V//Ezh1g5+SY7JIahqEcmjmXd6jg7enxZV63sD6R8hrzr2QFnQKu2WXya/Ow2W2ZrHm9Kqq6
4NWO34uGi9u798n1h99V2PXG7u0/Nr4IyhZ+3YX8AlBLAwQUAAAACADcQ4FdmVycIxAGAACcJwAAEwAAAHhsL3RoZW1lL3RoZW1l
MS54bWztWltz2jgUfu+v0Hhn9m0LxjaBtrQTc2l227SZhO1OH4URWI1seWSRhH+/RzYQy5YN7ZJNups8BCzp+85FR+foOHnz7i5i
6IaIlPJ4YNkv29a7ty/e4FcyJBFBMBmnr/DACqVMXrVaaQDDOH3JExLD3IKLCEt4FMvWXOBbGi8j1uq0291WhGlsoRhHZGB9Xixo
QNBUUVpvXyC05R8z+BXLVI1lowETV0EmuYi08vlsxfza3j5lz+k6HTKBbjAbWCB/zm+n5E5aiOFUwsTAamc/VmvH0dJIgILJfZQF
ukn2o9MVCDINOzqdWM52fPbE7Z+Mytp0NG0a4OPxeDi2y9KLcBwE4FG7nsKd9Gy/pEEJtKNp0GTY9tqukaaqjVNP0/d93+ubaJwK
jVtP02t33dOOicat0HgNvvFPh8Ouicar0HTraSYn/a5rpOkWaEJG4+t6EhW15UDTIABYcHbWzNIDll4p+nWUGtkdu91BXPBY7jmJ
Ef7GxQTWadIZljRGcp2QBQ4AN8TRTFB8r0G2iuDCktJckNbPKbVQGgiayIH1R4Ihxdyv/fWXu8mkM3qdfTrOa5R/aasBp+27m8+T
/HPo5J+nk9dNQs5wvCwJ8fsjW2GHJ247E3I6HGdCfM/29pGlJTLP7/kK6048Zx9WlrBdz8/knoxyI7vd9lh99k9HbiPXqcCzIteU
RiRFn8gtuuQROLVJDTITPwidhphqUBwCpAkxlqGG+LTGrBHgE323vgjI342I96tvmj1XoVhJ2oT4EEYa4pxz5nPRbPsHpUbR9lW8
3KOXWBUBlxjfNKo1LMXWeJXA8a2cPB0TEs2UCwZBhpckJhKpOX5NSBP+K6Xa/pzTQPCULyT6SpGPabMjp3QmzegzGsFGrxt1h2jS
PHr+BfmcNQockRsdAmcbs0YhhGm78B6vJI6arcIRK0I+Yhk2GnK1FoG2camEYFoSxtF4TtK0EfxZrDWTPmDI7M2Rdc7WkQ4Rkl43
Qj5izouQEb8ehjhKmu2icVgE/Z5ew0nB6ILLZv24fobVM2wsjvdH1BdK5A8mpz/pMjQHo5pZCb2EVmqfqoc0PqgeMgoF8bkePuV6
eAo3lsa8UK6CewH/0do3wqv4gsA5fy59z6XvufQ9odK3NyN9Z8HTi1veRm5bxPuuMdrXNC4oY1dyzcjHVK+TKdg5n8Ds/Wg+nvHt
+tkkhK+aWS0jFpBLgbNBJLj8i8rwKsQJ6GRbJQnLVNNlN4oSnkIbbulT9UqV1+WvuSi4PFvk6a+hdD4sz/k8X+e0zQszQ7dyS+q2
lL61JjhK9LHMcE4eyww7ZzySHbZ3oB01+/ZdduQjpTBTl0O4GkK+A226ndw6OJ6YkbkK01KQb8P56cV4GuI52QS5fZhXbefY0dH7
58FRsKPvPJYdx4jyoiHuoYaYz8NDh3l7X5hnlcZQNBRtbKwkLEa3YLjX8SwU4GRgLaAHg69RAvJSVWAxW8YDK5CifEyMRehw55dc
X+PRkuPbpmW1bq8pdxltIlI5wmmYE2eryt5lscFVHc9VW/Kwvmo9tBVOz/5ZrcifDBFOFgsSSGOUF6ZKovMZU77nK0nEVTi/RTO2
EpcYvOPmx3FOU7gSdrYPAjK5uzmpemUxZ6by3y0MCSxbiFkS4k1d7dXnm5yueiJ2+pd3wWDy/XDJRw/lO+df9F1Drn723eP6bpM7
SEycecURAXRFAiOVHAYWFzLkUO6SkAYTAc2UyUTwAoJkphyAmPoLvfIMuSkVzq0+OX9FLIOGTl7SJRIUirAMBSEXcuPv75Nqd4zX
+iyBbYRUMmTVF8pDicE9M3JD2FQl867aJguF2+JUzbsaviZgS8N6bp0tJ//bXtQ9tBc9RvOjmeAes4dzm3q4wkWs/1jWHvky3zlw
2zreA17mEyxDpH7BfYqKgBGrYr66r0/5JZw7tHvxgSCb/NbbpPbd4Ax81KtapWQrET9LB3wfkgZjjFv0NF+PFGKtprGtxtoxDHmA
WPMMoWY434dFmhoz1YusOY0Kb0HVQOU/29QNaPYNNByRBV4xmbY2o+ROCjzc/u8NsMLEjuHti78BUEsDBBQAAAAIANxDgV2fLtt+
RwEAABwCAAAYAAAAeGwvd29ya3NoZWV0cy9zaGVldDEueG1sTVLbTsMwDP2VKEg8Lh3S2K2tNIYQPCBNm4DnrHXbaLmUxKXw98Td
Ou2hyjm2c3zsNO2dP4UGANmv0TZkvEFsV0KEogEjw8S1YGOmct5IjNTXIrQeZDlcMlo8JMmjMFJZnqdDbOfz1HWolYWdZ6EzRvq/
J9Cuz/iUj4G9qhukgMjTVtZwAPxodz4ycVUplQEblLPMQ5XxzXS1GeqHgk8FfbjBjCY5Onci8lZmPCFDoKFAUpDx+IEtaE1C0cb3
RZNfW9LFWzyqvwyzx1mOMsDW6S9VYpPxBWclVLLTuHf9K1zmmV0NPkuUeepdzzzNmacFAeod65Sl/RzQx7iKjTA/3N/NF4vlmmlF
aL5cd6nA6IfSoohflBrtnbVpb+/S18oGpqGKsslkPuPMn72cCbp22PvRITozwCY+H3gqiPnKORwJreL6Q+T/UEsDBBQAAAAIANxD
gV1886PcUQIAAPYJAAANAAAAeGwvc3R5bGVzLnhtbN1W24rbMBD9FeEPqJOYNXFJ8lBDYKEtC7sPfVViORHo4srykvTrOyM5drOr
WSh9q03wzByduRtn0/urEs9nITy7aGX6bXb2vvuc5/3xLDTvP9lOGEBa6zT3oLpT3ndO8KZHklb5arEoc82lyXYbM+i99j072sH4
bbbI8t2mtWa2LLNogKNcC/bK1TaruZIHJ8NZrqW6RvMKDUerrGMeUhFIBkv/K8LLqGGWox8tjXVozGOE8OjBqVRqSmCVRcNu03Hv
hTN7UAInGN9BbJRfrh1kcHL8ulw9ZDMhPCDIwbpGuLs6o2m3UaL1QHDydMant12OoPdWg9BIfrKGhxxujFEAt0eh1DOO6Ed75/vS
stjrxwbbzLDUmwgJjWJ0ExX0/6e36Puf3bJOvlr/ZYBqTNB/DtaLJydaeQn6pb2PP4UOidxFn6wMl2ObfcedU7MLdhik8tKM2lk2
jTDvagP3nh9gqe/8w/lGtHxQ/mUCt9ksfxONHHQ1nXrCssZTs/wVZ7gsp82EWNI04iKaelTd6RBEBgJEHS8kvEX24UojFCdiaQQx
Kg6VAcWJLCrO/1TPmqwnYlRu6ySyJjlrkhNZKaQONxUnzangSldaVUVRllRH6zqZQU31rSzxl/ZG5YYMKg5G+rte09OmN+TjPaBm
+tGGUJXSm0hVSvcakXTfkFFV6WlTcZBBTYHaHYyfjoM7leYUBU6Vyo16g2mkqigEdzG9o2VJdKfEOz0f6i0piqpKI4ilMygKCsG3
kUaoDDAHCimK8B188z3Kb9+pfP6nt/sNUEsDBBQAAAAIANxDgV2XirscwAAAABMCAAALAAAAX3JlbHMvLnJlbHOdkrluwzAMQH/F
0J4wB9AhiDNl8RYE+QFWog/YEgWKRZ2/r9qlcZALGXk9PBLcHmlA7TiktoupGP0QUmla1bgBSLYlj2nOkUKu1CweNYfSQETbY0Ow
Wiw+QC4ZZre9ZBanc6RXiFzXnaU92y9PQW+ArzpMcUJpSEszDvDN0n8y9/MMNUXlSiOVWxp40+X+duBJ0aEiWBaaRcnToh2lfx3H
9pDT6a9jIrR6W+j5cWhUCo7cYyWMcWK0/jWCyQ/sfgBQSwMEFAAAAAgA3EOBXTRQxoYwAQAAIgIAAA8AAAB4bC93b3JrYm9vay54
bWyNUdFKw0AQ/JVwH2BS0YKl6YtFLYgWK32/JJtm6d1t2Nu02q93kxAs+OLT3s4sw8zc8kx8LIiOyZd3IeamEWkXaRrLBryNN9RC
UKYm9lZ05UMaWwZbxQZAvEtvs2yeeovBrJaT1pbT64UESkEKCvbAHuEcf/l+TU4YsUCH8p2b4e3AJB4DerxAlZvMJLGh8wsxXiiI
dbuSybnczEZiDyxY/oF3vclPW8QBEVt8WDWSm3mmgjVylOFi0Lfq8QR6PG6d0BM6AV5bgWemrsVw6GU0RXoVY+hhmmOJC/5PjVTX
WMKays5DkLFHBtcbDLHBNpokWA+5GSz2eXRsqjGbqKmrpniBSvCmGu1NniqoMUD1pjJRce2n3HLSj0Hn9u5+9qA9dM49KvYeXslW
U8Tpe1Y/UEsDBBQAAAAIANxDgV0kHpuirQAAAPgBAAAaAAAAeGwvX3JlbHMvd29ya2Jvb2sueG1sLnJlbHO1kT0OgzAMha8S5QA1
UKlDBUxdWCsuEAXzIxISxa4Kty+FAZA6dGGyni1/78lOn2gUd26gtvMkRmsGymTL7O8ApFu0ii7O4zBPahes4lmGBrzSvWoQkii6
QdgzZJ7umaKcPP5DdHXdaXw4/bI48A8wvF3oqUVkKUoVGuRMwmi2NsFS4stMlqKoMhmKKpZwWiDiySBtaVZ9sE9OtOd5Fzf3Ra7N
4wmu3wxweHT+AVBLAwQUAAAACADcQ4FdZZB5khkBAADPAwAAEwAAAFtDb250ZW50X1R5cGVzXS54bWytk01OwzAQha8SZVslLixY
oKYbYAtdcAFjTxqr/pNnWtLbM07aSqASFYVNrHjevM+el6zejxGw6J312JQdUXwUAlUHTmIdIniutCE5SfyatiJKtZNbEPfL5YNQ
wRN4qih7lOvVM7Ryb6l46XkbTfBNmcBiWTyNwsxqShmjNUoS18XB6x+U6kSouXPQYGciLlhQiquEXPkdcOp7O0BKRkOxkYlepWOV
6K1AOlrAetriyhlD2xoFOqi945YaYwKpsQMgZ+vRdDFNJp4wjM+72fzBZgrIyk0KETmxBH/HnSPJ3VVkI0hkpq94IbL17PtBTluD
vpHN4/0MaTfkgWJY5s/4e8YX/xvO8RHC7r8/sbzWThp/5ovhP15/AVBLAQIUAxQAAAAIANxDgV1Gx01IlQAAAM0AAAAQAAAAAAAA
AAAAAACAAQAAAABkb2NQcm9wcy9hcHAueG1sUEsBAhQDFAAAAAgA3EOBXRXGYNLvAAAAKwIAABEAAAAAAAAAAAAAAIABwwAAAGRv
Y1Byb3BzL2NvcmUueG1sUEsBAhQDFAAAAAgA3EOBXZlcnCMQBgAAnCcAABMAAAAAAAAAAAAAAIAB4QEAAHhsL3RoZW1lL3RoZW1l
MS54bWxQSwECFAMUAAAACADcQ4Fdny7bfkcBAAAcAgAAGAAAAAAAAAAAAAAAgIEiCAAAeGwvd29ya3NoZWV0cy9zaGVldDEueG1s
UEsBAhQDFAAAAAgA3EOBXXzzo9xRAgAA9gkAAA0AAAAAAAAAAAAAAIABnwkAAHhsL3N0eWxlcy54bWxQSwECFAMUAAAACADcQ4Fd
l4q7HMAAAAATAgAACwAAAAAAAAAAAAAAgAEbDAAAX3JlbHMvLnJlbHNQSwECFAMUAAAACADcQ4FdNFDGhjABAAAiAgAADwAAAAAA
AAAAAAAAgAEEDQAAeGwvd29ya2Jvb2sueG1sUEsBAhQDFAAAAAgA3EOBXSQem6KtAAAA+AEAABoAAAAAAAAAAAAAAIABYQ4AAHhs
L19yZWxzL3dvcmtib29rLnhtbC5yZWxzUEsBAhQDFAAAAAgA3EOBXWWQeZIZAQAAzwMAABMAAAAAAAAAAAAAAIABRg8AAFtDb250
ZW50X1R5cGVzXS54bWxQSwUGAAAAAAkACQA+AgAAkBAAAAAA
""", options: .ignoreUnknownCharacters)!
