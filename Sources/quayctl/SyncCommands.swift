import ArgumentParser
import Foundation
import QuayControl

/// `quayctl sync status|now` (docs/sync.md).
struct SyncCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Point/center sync: per-peer status, or an exchange with every dialled peer now.",
        subcommands: [SyncStatusCmd.self, SyncNowCmd.self])
}

struct SyncStatusCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Per peer: last contact, backlog, checkpoints, last error, records and bytes moved.")
    @OptionGroup var common: Common
    func run() throws {
        guard let s = try common.call(OpCatalog.syncStatus.name, as: SyncStatusBody.self) else { return }
        guard s.enabled else { return print("Sync is not configured (no [sync] section).") }
        print("Site \(s.site)  feed head \(s.head)  own seq \(s.ownSeq)\npublic key \(s.publicKey ?? "-")\n")
        print(
            Render.table(
                ["PEER", "ROLE", "LAST CONTACT", "BACKLOG", "PULLED", "PUSHED", "IN", "OUT", "BYTES IN/OUT", "CONFLICTS", "LAST ERROR"],
                s.peers.map { p in
                    [
                        p.site + (p.stale ? " (stale)" : ""), p.role, p.lastContactAge.map { "\(Int($0)) s ago" } ?? "never",
                        "\(p.backlog)", "\(p.pulledAfter)", "\(p.pushedAfter)", "\(p.recordsIn)", "\(p.recordsOut)",
                        "\(p.bytesIn)/\(p.bytesOut)", "\(p.conflicts)", p.lastError ?? "-",
                    ]
                }))
    }
}

struct SyncNowCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "now", abstract: "Exchange with every peer that has a url now; exit code 1 if one failed.")
    @OptionGroup var common: Common
    func run() throws {
        let client = try common.client()
        guard let r = try common.call(on: client, OpCatalog.syncNow.name, as: SyncNowBody.self, timeoutMs: 600_000) else { return }
        for p in r.peers {
            print(
                p.ok
                    ? "\(p.site): pushed \(p.pushed), pulled \(p.pulled), conflicts \(p.conflicts)" : "\(p.site): failed: \(p.error ?? "?")"
            )
        }
        if r.peers.contains(where: { !$0.ok }) { throw ExitCode(1) }
    }
}
