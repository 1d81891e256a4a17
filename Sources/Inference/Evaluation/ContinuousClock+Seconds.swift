extension ContinuousClock.Instant {
    /// Seconds from this instant to now, for timings in reports.
    public var secondsElapsed: Double {
        let d = ContinuousClock.now - self
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
