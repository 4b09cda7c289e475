/// The SamplePortal module. See ../shared/docs/design.md for its place in the flow of data.
public enum SamplePortalModule {
    /// The module's name, for diagnostics.
    public static let name = "SamplePortal"
}
