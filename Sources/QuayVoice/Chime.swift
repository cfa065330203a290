import Foundation

/// The two-note chime before every announcement (synthesised, so there is no file to lose): E5 then C5,
/// 0.25 s each with a soft attack and decay.
public enum Chime {
    public static func make(rate: Int = PCMAudio.standardRate, level: Double = 0.45) -> PCMAudio {
        var out = PCMAudio(rate: rate)
        for (freq, ms) in [(659.25, 260), (523.25, 380)] {
            let n = ms * rate / 1000
            let attack = rate / 100
            for i in 0..<n {
                let t = Double(i) / Double(rate)
                let env = min(1, Double(i) / Double(attack)) * exp(-3 * Double(i) / Double(n))
                let v = sin(2 * .pi * freq * t) * env * level * 32767
                out.samples.append(Int16(clamping: Int(v.rounded())))
            }
        }
        return out
    }
}
