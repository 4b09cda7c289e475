/// The Assignments module. See ../shared/docs/design.md for its place in the flow of data.
public enum AssignmentsModule {
    /// The module's name, for diagnostics.
    public static let name = "Assignments"
}
