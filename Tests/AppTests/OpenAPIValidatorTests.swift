import Foundation
import Testing

/// The check `Application.send` runs on every API answer must catch what breaks the spec,
/// or every test that passes through it proves nothing.
@Suite struct OpenAPIValidatorTests {
    static let spec = """
    openapi: 3.0.3
    info: { title: t, version: '1' }
    paths:
      /api/things/{id}:
        get:
          responses:
            '200':
              description: ok
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Thing' }
            '404': { $ref: '#/components/responses/Problem' }
      /api/things/{id}/parts:
        get:
          responses:
            '204': { description: none }
    components:
      responses:
        Problem:
          description: problem
          content:
            application/problem+json:
              schema: { type: object, required: [detail], properties: { detail: { type: string } } }
      schemas:
        Thing:
          type: object
          required: [id, kind, tags]
          properties:
            id: { type: string, format: uuid }
            kind: { type: string, enum: [big, small] }
            count: { type: integer, minimum: 0 }
            note: { type: string, nullable: true }
            tags: { type: array, items: { type: string } }
            on: { type: string, format: date }
            scores: { type: object, additionalProperties: { type: number } }
            shape:
              oneOf:
                - { type: object, required: [radius], properties: { radius: { type: number } } }
                - { type: object, required: [side], properties: { side: { type: number } } }
    """

    let validator = try! OpenAPIValidator(yaml: spec)
    let id = "6F9619FF-8B86-D011-B42D-00C04FC964FF"

    func check(_ body: String, status: Int = 200, type: String = "application/json; charset=utf-8",
               path: String? = nil) -> [OpenAPIValidator.Mismatch] {
        validator.mismatches(method: "GET", path: path ?? "/api/things/\(id)", status: status, contentType: type,
                             body: Data(body.utf8))
    }

    @Test func aBodyTrueToTheSchemaPasses() {
        #expect(check(#"{"id":"\#(id)","kind":"big","count":3,"note":null,"tags":["a"],"on":"2026-11-22","scores":{"x":9.5},"shape":{"side":2}}"#) == [])
        #expect(check(#"{"detail":"Không tìm thấy"}"#, status: 404, type: "application/problem+json") == [])
        #expect(check("", status: 204, path: "/api/things/\(id)/parts") == [])
    }

    @Test func eachBreakIsNamedByItsPointer() {
        let found = check(#"{"id":"nope","kind":"huge","count":-1,"tags":[1],"on":"22/11/2026","scores":{"x":"9"},"extra":true,"shape":{"side":1,"radius":1}}"#)
        #expect(Set(found.map(\.pointer)) == ["/id", "/kind", "/count", "/tags/0", "/on", "/scores/x", "/extra", "/shape"])
        #expect(check(#"{"kind":"big"}"#).map(\.description).sorted() == ["/id: required field is missing", "/tags: required field is missing"])
        #expect(check(#"{"id":"\#(id)","kind":"big","tags":[],"count":1.5}"#).map(\.pointer) == ["/count"])
    }

    @Test func anUndocumentedStatusContentTypeOrPathIsCaught() {
        #expect(check(#"{"detail":"x"}"#, status: 409, type: "application/problem+json").map(\.message) == ["status 409 is not documented for GET /api/things/{id}"])
        #expect(check(#"{"detail":"x"}"#, status: 404, type: "application/json").count == 1)
        #expect(check("x", status: 204, path: "/api/things/\(id)/parts").count == 1)
        #expect(check("{}", path: "/api/other").map(\.message) == ["no path of the spec matches"])
    }

    @Test func theProjectSpecIsReadAndItsPathsFound() {
        let project = OpenAPIValidator.project
        #expect(project.template(for: "/api/v1/tokens/\(id)/revoke") == "/api/v1/tokens/{tokenID}/revoke")
        #expect(project.template(for: "/api/v1/blocs/\(id)/years/2026/sheets/\(id)/evidence/\(id)")
            == "/api/v1/blocs/{blocID}/years/{year}/sheets/{unitID}/evidence/{fileID}")
    }
}
