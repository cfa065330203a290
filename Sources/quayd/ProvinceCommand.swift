import ArgumentParser
import Foundation
import QuayCore
import QuayDaemon
import QuayProvince

/// `quayd province …`: the province roll-up over PostgreSQL (docs/sync.md, "Province"; docs/operations.md).
struct ProvinceCmd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "province",
        abstract: "Province mode: pull the centers' feeds into PostgreSQL and report across them.",
        subcommands: [Run.self, Migrate.self, Report.self, Check.self], defaultSubcommand: Run.self)

    struct Options: ParsableArguments {
        @Option(name: .long, help: "Province configuration file (province.toml).") var config: String

        func load() throws -> ProvinceConfig {
            do { return try ProvinceConfigLoader.load(file: config) } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(78)
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Migrate the database, then pull every center on an interval.")
        @OptionGroup var options: Options
        @Option(help: "Stop after this many rounds (default: run until stopped).") var rounds: Int?

        func run() async throws {
            let c = try options.load()
            try await ProvinceDaemon.run(c, rounds: rounds)
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending schema migrations and write the centers into sites.")
        @OptionGroup var options: Options

        func run() async throws {
            let applied = try await ProvinceDaemon.migrate(try options.load())
            print(applied.isEmpty ? "schema up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check-config", abstract: "Validate a province configuration file.")
        @OptionGroup var options: Options

        func run() throws {
            let c = try options.load()
            print("\(options.config): OK — \(c.name), \(c.centers.count) centers, \(c.centers.filter { $0.url != nil }.count) pulled")
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The report across every center (table, csv, xlsx, pdf).",
            discussion: "Example: quayd province report --config province.toml --month 2026-11 --format pdf -o tinh-2026-11.pdf")
        @OptionGroup var options: Options
        @Option(help: "A month YYYY-MM.") var month: String?
        @Option(help: "The ISO week (Monday to Sunday) containing this day YYYY-MM-DD.") var week: String?
        @Option(help: "One day YYYY-MM-DD.") var day: String?
        @Option(help: "First day YYYY-MM-DD (with --to).") var from: String?
        @Option(help: "Last day YYYY-MM-DD (with --from; at most 367 days).") var to: String?
        @Option(help: "table, csv, xlsx or pdf.") var format: String = "table"
        @Option(name: .shortAndLong, help: "Output file (table and csv: standard output without it).") var output: String?
        @Option(help: "CSV: which table (summary, communes, services, days, hours).") var table: String = "communes"
        @Option(help: "Labels: vi (default), km or en.") var language: String = "vi"
        @Option(help: "The day the report is made (decides overdue dossiers; default today, +07:00).") var today: String?

        func run() async throws {
            guard let f = ProvinceReportOutput.Format(rawValue: format) else {
                throw ValidationError("--format must be table, csv, xlsx or pdf")
            }
            guard let lang = Language(rawValue: language) else { throw ValidationError("--language must be vi, km or en") }
            let period = try Self.period(month: month, week: week, day: day, from: from, to: to)
            let madeOn =
                try today.map { try Self.date($0, "--today") }
                ?? LocalDate(epochSeconds: Date().timeIntervalSince1970, utcOffsetSeconds: vietnamUTCOffsetSeconds)
            let r = try await ProvinceDaemon.report(try options.load(), period: period, madeOn: madeOn)
            if let written = try ProvinceReportOutput.write(r, format: f, path: output, language: lang, table: table) {
                print("Wrote \(written)")
            }
        }

        static func date(_ s: String, _ option: String) throws -> LocalDate {
            guard let d = LocalDate(iso: s) else { throw ValidationError("\(option) must be a date YYYY-MM-DD, got '\(s)'") }
            return d
        }

        static func period(month: String?, week: String?, day: String?, from: String?, to: String?) throws -> ReportPeriod {
            let given = [month != nil, week != nil, day != nil, from != nil || to != nil].filter { $0 }.count
            guard given == 1 else { throw ValidationError("give exactly one of --month, --week, --day or --from/--to") }
            if let month {
                guard let p = ReportPeriod.month(month) else { throw ValidationError("--month must be YYYY-MM, got '\(month)'") }
                return p
            }
            if let week { return ReportPeriod.week(containing: try date(week, "--week")) }
            if let day { return ReportPeriod.day(try date(day, "--day")) }
            guard let from, let to else { throw ValidationError("--from and --to go together") }
            guard let p = ReportPeriod(from: try date(from, "--from"), to: try date(to, "--to")) else {
                throw ValidationError("--from must not be after --to, and the range at most \(ReportPeriod.maxDays) days")
            }
            return p
        }
    }
}
