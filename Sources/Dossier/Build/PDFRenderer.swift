import Foundation
import RencaiCore

/// Renders the HTML index to PDF with `weasyprint` or headless `chromium`, whichever is installed.
enum PDFRenderer {
    struct Unavailable: Error { let message: String }

    static func findTool(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    static func render(html: String) -> Result<(Data, String), Unavailable> {
        let weasyprint = findTool(["weasyprint"])
        let chromium = findTool(["chromium", "chromium-browser", "google-chrome"])
        guard weasyprint != nil || chromium != nil else {
            return .failure(Unavailable(message: "neither weasyprint nor chromium is installed (apt install weasyprint fonts-noto-cjk); index.html and index.md are in the bag"))
        }
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("rencai-pdf-\(UUID().uuidString.prefix(8))")
        defer { try? fm.removeItem(at: dir) }
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            let input = dir.appendingPathComponent("index.html")
            let output = dir.appendingPathComponent("index.pdf")
            try Data(html.utf8).write(to: input)
            let process = Process()
            if let weasyprint {
                process.executableURL = URL(fileURLWithPath: weasyprint)
                process.arguments = [input.path, output.path]
            } else if let chromium {
                process.executableURL = URL(fileURLWithPath: chromium)
                process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--print-to-pdf=\(output.path)", input.absoluteString]
            }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let pdf = fm.contents(atPath: output.path), !pdf.isEmpty else {
                return .failure(Unavailable(message: "\(process.executableURL!.lastPathComponent) failed (exit \(process.terminationStatus)); index.html and index.md are in the bag"))
            }
            return .success((pdf, process.executableURL!.lastPathComponent))
        } catch {
            return .failure(Unavailable(message: "PDF rendering failed: \(error)"))
        }
    }
}
