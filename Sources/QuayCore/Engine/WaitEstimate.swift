/// Rough wait for a citizen who just took a ticket: people ahead × mean service time ÷ counters serving.
public enum WaitEstimate {
    public static func minutes(ahead: Int, meanServiceSeconds: Double?, openCounters: Int, defaultServiceSeconds: Double = 300) -> Int? {
        guard openCounters > 0 else { return nil }
        let per = meanServiceSeconds ?? defaultServiceSeconds
        return Int((Double(ahead) * per / Double(openCounters) / 60).rounded(.up))
    }
}
