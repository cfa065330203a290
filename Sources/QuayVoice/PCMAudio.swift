/// Mono 16-bit PCM at one sample rate: what every engine renders to, what clips are converted to and what a
/// zone plays. All announcements of a daemon share `standardRate` so units concatenate without resampling.
public struct PCMAudio: Sendable, Equatable {
    /// espeak-ng's native rate; recorded clips at other rates are resampled on load.
    public static let standardRate = 22_050

    public var rate: Int
    public var samples: [Int16]

    public init(rate: Int = standardRate, samples: [Int16] = []) {
        self.rate = rate
        self.samples = samples
    }

    public var seconds: Double { Double(samples.count) / Double(rate) }

    public static func silence(milliseconds: Int, rate: Int = standardRate) -> PCMAudio {
        PCMAudio(rate: rate, samples: Array(repeating: 0, count: max(0, milliseconds) * rate / 1000))
    }

    public mutating func append(_ other: PCMAudio) {
        precondition(other.rate == rate, "concatenating \(other.rate) Hz onto \(rate) Hz")
        samples += other.samples
    }

    /// Samples scaled by `volume` (0…1), clipped to the 16-bit range.
    public func scaled(_ volume: Double) -> PCMAudio {
        guard volume != 1 else { return self }
        let v = max(0, min(1, volume))
        return PCMAudio(rate: rate, samples: samples.map { Int16(clamping: Int((Double($0) * v).rounded())) })
    }

    /// Leading and trailing stretches quieter than `threshold` removed (an engine's own padding), so units
    /// joined with the announcer's gaps sound evenly spaced.
    public func trimmed(threshold: Int16 = 300) -> PCMAudio {
        guard let first = samples.firstIndex(where: { abs(Int($0)) > Int(threshold) }),
            let last = samples.lastIndex(where: { abs(Int($0)) > Int(threshold) })
        else { return PCMAudio(rate: rate) }
        return PCMAudio(rate: rate, samples: Array(samples[first...last]))
    }

    /// A linear fade-in and fade-out over `milliseconds` at each end: a unit cut out of a longer render starts
    /// and ends at zero, so joining units makes no click.
    public func faded(milliseconds: Int = 4) -> PCMAudio {
        let n = min(samples.count / 2, milliseconds * rate / 1000)
        guard n > 0 else { return self }
        var out = samples
        for i in 0..<n {
            let f = Double(i) / Double(n)
            out[i] = Int16((Double(out[i]) * f).rounded())
            out[out.count - 1 - i] = Int16((Double(out[out.count - 1 - i]) * f).rounded())
        }
        return PCMAudio(rate: rate, samples: out)
    }

    /// Linear-interpolated resampling to `target` Hz (clips recorded at 44.1 or 48 kHz).
    public func resampled(to target: Int) -> PCMAudio {
        guard target != rate, !samples.isEmpty, target > 0 else { return PCMAudio(rate: target, samples: samples) }
        let count = Int((Double(samples.count) * Double(target) / Double(rate)).rounded())
        let step = Double(rate) / Double(target)
        var out = [Int16](repeating: 0, count: count)
        for i in 0..<count {
            let pos = Double(i) * step
            let j = min(Int(pos), samples.count - 1)
            let k = min(j + 1, samples.count - 1)
            let f = pos - Double(j)
            out[i] = Int16(clamping: Int((Double(samples[j]) * (1 - f) + Double(samples[k]) * f).rounded()))
        }
        return PCMAudio(rate: target, samples: out)
    }

    /// Root mean square level, 0…1 of full scale.
    public var rms: Double {
        guard !samples.isEmpty else { return 0 }
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(samples.count)).squareRoot() / 32768
    }
}
