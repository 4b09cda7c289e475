import ArgumentParser

/// `rencai watch`: fetch provincial portals and track catalogue revisions. One file per subcommand.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Fetch provincial portals and track catalogue revisions.",
        subcommands: [WatchRun.self, WatchStatus.self, WatchHistory.self, WatchDiff.self, WatchFetch.self, WatchImport.self]
    )
}
