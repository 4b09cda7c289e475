import Assignments
import Foundation
import RencaiCore
import Store
import Testing

@Suite("Reading plans from YAML and flags, with hires from a real registry")
struct PlanInputTests {
    /// A registry in a temporary SQLite file, holding the sample hires of Fixtures/hires/hires-zh.csv.
    static func registryInput() throws -> (PlanInput, RencaiStore) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try RencaiStore.open(at: folder.appendingPathComponent("store.sqlite"))
        let gazetteer = try Fixture.gazetteer()
        _ = try HiresRegistry(store: store).importFile(Fixture.checkout.appendingPathComponent("Fixtures/hires/hires-zh.csv"), gazetteer: gazetteer)
        let input = PlanInput(gazetteer: gazetteer) { id in try HiresRegistry(store: store).hire(id: id) }
        return (input, store)
    }

    @Test("the sample plan file reads: registry hire, Chinese city names, lodging, passport date")
    func sampleFile() throws {
        let (input, store) = try Self.registryInput()
        defer { try? store.close() }
        let plan = try input.plan(fileAt: Fixture.checkout.appendingPathComponent("Fixtures/plans/e003-shanghai-beijing.yaml"))
        #expect(plan.hire.employeeID == "E003")
        #expect(plan.hire.route == "urgent_need")
        #expect(plan.hire.passportExpiry == Fixture.day("2027-06-30"))
        #expect(plan.legs.map(\.city) == ["Shanghai", "Beijing", "Shenzhen"])
        #expect(plan.legs.map(\.province) == ["Shanghai", "Beijing", "Guangdong"])
        #expect(plan.legs[1].lodging == .hotel)
    }

    @Test("the inline-hire sample reads without a registry")
    func inlineSample() throws {
        let input = PlanInput(gazetteer: try Fixture.gazetteer()) { _ in nil }
        let plan = try input.plan(fileAt: Fixture.checkout.appendingPathComponent("Fixtures/plans/inline-c-hangzhou-suzhou.yaml"))
        #expect(plan.hire.category == .C)
        #expect(plan.hire.province == "Zhejiang")
        #expect(plan.legs.last?.province == "Sichuan")
    }

    @Test("flags: --hire E001 --leg Shenzhen:2027-03-01:2027-05-31")
    func flags() throws {
        let (input, store) = try Self.registryInput()
        defer { try? store.close() }
        let plan = try input.plan(hireID: "E001", legs: ["Shenzhen:2027-03-01:2027-05-31", "深圳:2027-06-01:2027-06-30:wrap-up: handover"],
                                  passportExpiry: nil)
        #expect(plan.hire.name == "Jane Doe")
        #expect(plan.legs.count == 2)
        #expect(plan.legs[0].province == "Guangdong")
        #expect(plan.legs[1].purpose == "wrap-up: handover")
    }

    @Test("a hire not in the registry is a clear error")
    func unknownHire() throws {
        let (input, store) = try Self.registryInput()
        defer { try? store.close() }
        #expect(throws: AssignmentError.hireNotInRegistry("E999")) {
            _ = try input.plan(hireID: "E999", legs: ["Shenzhen:2027-03-01:2027-05-31"], passportExpiry: nil)
        }
        #expect(throws: AssignmentError.hireNotInRegistry("E999")) {
            _ = try input.plan(yaml: "hire: E999\nlegs:\n  - { city: Shenzhen, start: 2027-03-01, end: 2027-05-31 }\n", path: "p.yaml")
        }
    }

    @Test("an unknown city suggests near matches and names the file and line")
    func unknownCity() throws {
        let input = PlanInput(gazetteer: try Fixture.gazetteer()) { _ in nil }
        let yaml = """
            hire: { category: B, province: Shanghai, occupation_code: 2-02-10-03, permit_expiry: 2028-01-01 }
            legs:
              - city: Shenzen
                start: 2027-03-01
                end: 2027-05-31
            """
        do {
            _ = try input.plan(yaml: yaml, path: "plan.yaml")
            Issue.record("an unknown city was accepted")
        } catch let error as AssignmentError {
            #expect(error.message.hasPrefix("plan.yaml:3: unknown city 'Shenzen'"))
            #expect(error.message.contains("Shenzhen"))
            #expect(error.exitStatus == .dataError)
        }
    }

    @Test("an unknown province suggests near matches")
    func unknownProvince() throws {
        let input = PlanInput(gazetteer: try Fixture.gazetteer()) { _ in nil }
        #expect {
            _ = try input.plan(yaml: "hire: { category: A, province: Guangdon, occupation_code: 2-02-10-03, permit_expiry: 2028-01-01 }\nlegs: [ { city: Shenzhen, start: 2027-03-01, end: 2027-05-31 } ]\n", path: "p.yaml")
        } throws: { error in
            guard case let .unknownProvince(name, suggestions, _)? = error as? AssignmentError else { return false }
            return name == "Guangdon" && suggestions.contains("Guangdong")
        }
    }

    @Test("a city named with the wrong province is refused")
    func wrongProvince() throws {
        let input = PlanInput(gazetteer: try Fixture.gazetteer()) { _ in nil }
        #expect {
            _ = try input.plan(yaml: "hire: { category: A, province: Shanghai, occupation_code: 2-02-10-03, permit_expiry: 2028-01-01 }\nlegs: [ { city: Shenzhen, province: Zhejiang, start: 2027-03-01, end: 2027-05-31 } ]\n", path: "p.yaml")
        } throws: { error in
            (error as? AssignmentError)?.message.contains("is in Guangdong, not in Zhejiang") == true
        }
    }

    @Test("a province given with a city is accepted when it matches, in Chinese too")
    func matchingProvince() throws {
        let input = PlanInput(gazetteer: try Fixture.gazetteer()) { _ in nil }
        let plan = try input.plan(yaml: "hire: { category: A, province: 上海市, occupation_code: 2-02-10-03, permit_expiry: 2028-01-01 }\nlegs: [ { city: 深圳, province: 广东省, start: 2027-03-01, end: 2027-05-31 } ]\n", path: "p.yaml")
        #expect(plan.hire.province == "Shanghai")
        #expect(plan.legs.first?.city == "Shenzhen")
        #expect(plan.legs.first?.province == "Guangdong")
    }

    @Test("a leg ending before it starts is refused, in the file and in flags")
    func endBeforeStart() throws {
        let input = PlanInput(gazetteer: try Fixture.gazetteer()) { id in
            Hire(employeeID: id, name: "X", nationality: "GB", passportNo: "P1", category: .B, permitExpiry: Fixture.day("2028-01-01"),
                 province: "Shanghai", occupationCode: OccupationCode(parts: [2, 2, 10, 3]))
        }
        #expect {
            _ = try input.plan(yaml: "hire: E1\nlegs:\n  - city: Beijing\n    start: 2027-05-31\n    end: 2027-03-01\n", path: "p.yaml")
        } throws: { error in
            (error as? AssignmentError)?.message == "p.yaml:5: the Beijing leg ends (2027-03-01) before it starts (2027-05-31): swap or fix the dates"
        }
        #expect(throws: AssignmentError.self) {
            _ = try input.plan(hireID: "E1", legs: ["Beijing:2027-05-31:2027-03-01"], passportExpiry: nil)
        }
    }

    @Test("bad fields name the field", arguments: [
        ("hire: E1\nlegs:\n  - { city: Beijing, start: 2027-02-30, end: 2027-03-01 }\n", "legs[1].start: '2027-02-30' is not a date"),
        ("hire: E1\nlegs:\n  - { city: Beijing, end: 2027-03-01 }\n", "legs[1].start is missing"),
        ("hire: E1\nlegs: []\n", "the plan has no legs"),
        ("hire: E1\nlegs:\n  - { city: Beijing, start: 2027-02-01, end: 2027-03-01, lodging: tent }\n", "legs[1].lodging: 'tent' is not hotel or residence"),
        ("hire: { category: D, province: Beijing, occupation_code: 2-02-10-03, permit_expiry: 2028-01-01 }\nlegs: [ { city: Beijing, start: 2027-02-01, end: 2027-03-01 } ]\n", "hire.category: 'D' is not A, B or C"),
    ])
    func badFields(yaml: String, expected: String) throws {
        let input = PlanInput(gazetteer: try Fixture.gazetteer()) { id in
            Hire(employeeID: id, name: "X", nationality: "GB", passportNo: "P1", category: .B, permitExpiry: Fixture.day("2028-01-01"),
                 province: "Shanghai", occupationCode: OccupationCode(parts: [2, 2, 10, 3]))
        }
        #expect {
            _ = try input.plan(yaml: yaml, path: "p.yaml")
        } throws: { error in
            (error as? AssignmentError)?.message.contains(expected) == true
        }
    }

    @Test("a malformed --leg is a usage error", arguments: ["Shenzhen", "Shenzhen:2027-03-01", ":2027-03-01:2027-04-01", "Shenzhen:March:April"])
    func badLegFlag(text: String) throws {
        let input = PlanInput(gazetteer: try Fixture.gazetteer()) { id in
            Hire(employeeID: id, name: "X", nationality: "GB", passportNo: "P1", category: .B, permitExpiry: Fixture.day("2028-01-01"),
                 province: "Shanghai", occupationCode: OccupationCode(parts: [2, 2, 10, 3]))
        }
        #expect(throws: AssignmentError.badLegFlag(text)) {
            _ = try input.plan(hireID: "E1", legs: [text], passportExpiry: nil)
        }
        #expect(AssignmentError.badLegFlag(text).exitStatus == .usage)
    }
}
