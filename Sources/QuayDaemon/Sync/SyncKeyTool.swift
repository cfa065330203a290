import QuaySync

/// `quayd sync-key`: the key file named by `[sync] key_file` (or `<state_dir>/sync.key`, or `keyFile`), created
/// (0600) when missing; answers the public key (base64) to put in the peers' `[[sync.peer]]` entries.
public enum SyncKeyTool {
    public static func run(configFile: String?, keyFile: String?) throws -> (publicKey: String, path: String, created: Bool) {
        var path = keyFile ?? SyncConfig().keyPath(stateDir: "/var/lib/quayd")
        if keyFile == nil, let configFile {
            let c = try ConfigLoader.load(file: configFile)
            path = c.sync.keyPath(stateDir: c.stateDir)
        }
        let (key, created) = try SyncKey.loadOrCreate(path: path)
        return (key.publicKeyBase64, path, created)
    }
}
