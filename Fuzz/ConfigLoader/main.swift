// libFuzzer target: the configuration reader (ConfigLoader.parse: TOMLKit over C++ toml++, then every table reader)
// on arbitrary text, as if it were /etc/quayd/quayd.toml. Built by scripts/fuzz.sh through SwiftPM in its own scratch
// path (.build-fuzz-config) with address sanitizer and libFuzzer coverage in every module, toml++ included; this
// main hands over to libFuzzer (LLVMFuzzerRunDriver, linked from libclang_rt.fuzzer_no_main). Fails (abort) on a
// crash, a rejected file without a problem to show, and any parse slower than FuzzTiming's limit.
import Foundation
import QuayDaemon

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { data, size in
    _ = FuzzTiming.installExitReport()
    // quayd refuses a larger file or one that is not UTF-8 before parsing (ConfigLoader.readSmall).
    guard size <= ConfigLoader.maxFileBytes, let data else { return 0 }
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    let t = FuzzTiming.cpuNanos()
    do {
        _ = try ConfigLoader.parse(text, file: "fuzz.toml")
    } catch let error as ConfigError {
        FuzzTiming.require(!error.problems.isEmpty, "a refused configuration names no problem")
        for p in error.problems { FuzzTiming.require(p.line.map { $0 >= 0 } ?? true, "problem with line \(String(describing: p.line))") }
        _ = error.description
    } catch {
        FuzzTiming.require(false, "ConfigLoader.parse threw \(error), not a ConfigError")
    }
    FuzzTiming.check("ConfigLoader.parse", FuzzTiming.cpuNanos() - t, size)
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
