/// RIFF/WAVE reading and writing for 16-bit PCM. Reading accepts mono or stereo (downmixed) at any rate and
/// skips chunks it does not know; every length is checked against the bytes actually there.
public enum WAVCodec {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notWAV
        case unsupported(String)
        case truncated

        public var description: String {
            switch self {
            case .notWAV: "not a RIFF/WAVE file"
            case .unsupported(let why): "unsupported WAV: \(why) (need 16-bit PCM, mono or stereo)"
            case .truncated: "WAV file is truncated"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) throws(Failure) -> PCMAudio {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw .notWAV
        }
        var pos = 12
        var format: (channels: Int, rate: Int, bits: Int)?
        while pos + 8 <= bytes.count {
            let id = String(decoding: bytes[pos..<pos + 4], as: UTF8.self)
            let size = Int(u32(bytes, pos + 4))
            let body = pos + 8
            switch id {
            case "fmt ":
                guard size >= 16, body + 16 <= bytes.count else { throw .truncated }
                let tag = Int(u16(bytes, body))
                guard tag == 1 || tag == 0xFFFE else { throw .unsupported("format tag \(tag)") }
                format = (Int(u16(bytes, body + 2)), Int(u32(bytes, body + 4)), Int(u16(bytes, body + 14)))
            case "data":
                guard let f = format else { throw .unsupported("data before fmt") }
                guard f.bits == 16 else { throw .unsupported("\(f.bits)-bit") }
                guard f.channels == 1 || f.channels == 2 else { throw .unsupported("\(f.channels) channels") }
                guard (8_000...192_000).contains(f.rate) else { throw .unsupported("rate \(f.rate)") }
                // A streamed WAV (aplay's, the ALSA file plugin's) may carry a size past the end: take what is there.
                let end = min(bytes.count, size == 0 || size == 0xFFFF_FFFF ? bytes.count : body + size)
                var samples: [Int16] = []
                samples.reserveCapacity((end - body) / (2 * f.channels))
                var i = body
                while i + 2 * f.channels <= end {
                    if f.channels == 1 {
                        samples.append(Int16(bitPattern: u16(bytes, i)))
                    } else {
                        let l = Int(Int16(bitPattern: u16(bytes, i)))
                        let r = Int(Int16(bitPattern: u16(bytes, i + 2)))
                        samples.append(Int16((l + r) / 2))
                    }
                    i += 2 * f.channels
                }
                return PCMAudio(rate: f.rate, samples: samples)
            default:
                break
            }
            pos = body + size + (size & 1)
        }
        throw format == nil ? .notWAV : .truncated
    }

    public static func encode(_ audio: PCMAudio) -> [UInt8] {
        let dataSize = audio.samples.count * 2
        var out: [UInt8] = []
        out.reserveCapacity(44 + dataSize)
        out += Array("RIFF".utf8) + le32(36 + dataSize) + Array("WAVEfmt ".utf8) + le32(16)
        out += le16(1) + le16(1) + le32(audio.rate) + le32(audio.rate * 2) + le16(2) + le16(16)
        out += Array("data".utf8) + le32(dataSize)
        for s in audio.samples {
            let u = UInt16(bitPattern: s)
            out.append(UInt8(u & 0xFF))
            out.append(UInt8(u >> 8))
        }
        return out
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
}
