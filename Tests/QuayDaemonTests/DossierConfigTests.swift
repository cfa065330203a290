import Foundation
import QuayDaemon
import Testing

/// `[dossiers]` in quayd.toml: read, validated, unknown keys refused.
@Suite struct DossierConfigTests {
    @Test func readsDossiersTable() throws {
        let cfg = try ConfigLoader.parse(
            TestConfig.with(
                """
                [dossiers]
                return_service = "datdai"
                return_priority = "elderly"
                notifier_command = ["/usr/local/bin/quay-sms", "--gateway", "x"]
                notifier_retry_seconds = 2
                notifier_max_attempts = 5

                [dossiers.csv]
                delimiter = ";"
                date_formats = ["dd/MM/yyyy"]

                [dossiers.csv.columns]
                receipt-code = "Số biên nhận"
                procedure = "Mã TTHC"
                received-at = "Ngày nhận"
                appointment-date = "Ngày hẹn"
                citizen-name = "Chủ hồ sơ"
                phone = 7
                """))
        let d = cfg.dossiers
        #expect(d.pickup?.service == "datdai" && d.pickup?.priorityClass == "elderly")
        #expect(d.notifierCommand == ["/usr/local/bin/quay-sms", "--gateway", "x"])
        #expect(d.notifierBackoff.baseSeconds == 2 && d.notifierBackoff.maxAttempts == 5)
        #expect(d.csvMapping.delimiter == ";" && d.csvMapping.dateFormats == ["dd/MM/yyyy"])
        #expect(d.csvMapping.columns[.phone] == .index(7))
        #expect(d.csvMapping.columns[.receiptCode] == .header("Số biên nhận"))
    }

    @Test func problemsAreReported() throws {
        do {
            _ = try ConfigLoader.parse(
                TestConfig.with(
                    """
                    [dossiers]
                    return_service = "nope"
                    notifer_command = ["/bin/true"]

                    [dossiers.csv.columns]
                    receipt-code = "A"
                    colour = "B"
                    """))
            Issue.record("expected a config error")
        } catch {
            let text = error.problems.map(\.description).joined(separator: "\n")
            #expect(text.contains("dossiers.return_service: unknown service 'nope'"))
            #expect(text.contains("dossiers.notifer_command: unknown key"))
            #expect(text.contains("dossiers.csv.columns.colour: unknown key"))
            #expect(text.contains("dossiers.csv.columns: column for 'procedure' is required"))
        }
    }
}
