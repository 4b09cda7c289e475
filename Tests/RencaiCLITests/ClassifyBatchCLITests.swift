import Foundation
import Testing

@Suite("rencai classify --input/--output, end to end")
struct ClassifyBatchCLITests {
    @Test("writes every row with its code to the output file, reports a bad row by line, and exits 65")
    func batchToFile() throws {
        let cli = try CLIRunner()
        let input = try cli.file("jobs.csv", "id,title\n1,Java开发工程师\n2,\n3,Sr. Machine Learning Engineer\n")
        let output = cli.home.appendingPathComponent("coded.csv")
        let store = cli.home.appendingPathComponent("s.sqlite").path
        let result = try cli.run(["classify", "--input", input.path, "--column", "title", "--output", output.path, "--store", store])
        #expect(result.status == 65)
        #expect(result.stderr.contains("jobs.csv:3"))
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)   // header + the two classifiable rows
        #expect(lines[1].hasPrefix("1,Java开发工程师,2-02-10-03,"))
        #expect(lines[2].hasPrefix("3,Sr. Machine Learning Engineer,2-02-38-01,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.home.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test("an output folder that does not exist is refused before anything is classified")
    func badOutputFolder() throws {
        let cli = try CLIRunner()
        let input = try cli.file("jobs.csv", "title\nJava开发工程师\n")
        let result = try cli.run(["classify", "--input", input.path, "--column", "title", "--output", "/nonexistent-rencai/x.csv",
                                  "--store", cli.home.appendingPathComponent("s.sqlite").path])
        #expect(result.status == 73)
        #expect(result.stdout.isEmpty)
    }
}
