import ArgumentParser
import Foundation
import QuayProvince

/// The province's pull of a center's feed: the sync client's challenge → signed pull (docs/sync.md, "Transport").
enum ProvinceSyncFetch {
    static func make(_ c: ProvinceConfig) throws -> ProvincePuller.Fetch {
        FileHandle.standardError.write(Data("quayd province: this build has no sync client yet (issue #16, branch sync)\n".utf8))
        throw ExitCode(78)
    }
}
