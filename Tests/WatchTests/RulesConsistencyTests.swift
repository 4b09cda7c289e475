import Assignments
import Foundation
import RencaiCore
import Testing
@testable import Watch

/// The permit-extension window is written twice: in the alert rules (expiry alerts) and in the assignment
/// deadlines (plans). Until one file serves both, this keeps them from drifting apart: a change to one
/// without the other fails here.
@Suite("Bundled rules agree with each other")
struct RulesConsistencyTests {
    @Test("alerts and plans use the same permit-extension window (120 to 30 calendar days before expiry)")
    func permitExtensionWindow() throws {
        let resources = try TestFixtures.resources()
        let alerts = try AlertRules.bundled(resources).permitExtension
        let deadlines = try PlanRules.bundled(resources).deadlines.rules
        let plan = try #require(deadlines.first { $0.action == "permit_extension" })
        #expect(plan.trigger == .permitExpiry)
        #expect(plan.unit == .calendar)
        #expect(plan.offset.map { -$0 } == alerts.closesDaysBeforeExpiry)
        #expect(plan.windowOpens.map { -$0 } == alerts.opensDaysBeforeExpiry)
        #expect(plan.provenance.effective == alerts.provenance.effective)
    }
}
