/// The Portals module. See ../shared/docs/design.md for its place in the flow of data.
public enum PortalsModule {
    /// The module's name, for diagnostics.
    public static let name = "Portals"
}
