import RencaiCore

/// A hire and the legs of their assignment, in the order given (the planner sorts by start date).
///
/// ```swift
/// let plan = AssignmentPlan(hire: person, legs: [shanghai, shenzhen])
/// let report = try Planner(rules: rules, catalogues: NoCataloguesLoaded()).plan(plan)
/// ```
public struct AssignmentPlan: Sendable, Equatable {
    public var hire: PlanHire
    public var legs: [PlanLeg]

    public init(hire: PlanHire, legs: [PlanLeg]) {
        self.hire = hire
        self.legs = legs
    }
}
