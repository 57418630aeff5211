import Testing

import FleetTraffic

@Suite("Daily curve")
struct DailyCurveTests {
    let curve = DailyCurve(period: .seconds(600), amplitude: 0.5)

    @Test func followsASineOverThePeriod() {
        #expect(abs(curve.factor(elapsed: .zero) - 1) < 1e-12)
        #expect(abs(curve.factor(elapsed: .seconds(150)) - 1.5) < 1e-12)
        #expect(abs(curve.factor(elapsed: .seconds(300)) - 1) < 1e-9)
        #expect(abs(curve.factor(elapsed: .seconds(450)) - 0.5) < 1e-12)
        // The next day repeats the first.
        #expect(abs(curve.factor(elapsed: .seconds(750)) - 1.5) < 1e-9)
    }

    @Test func phaseAndTimeOfDay() {
        #expect(curve.phase(elapsed: .seconds(150)) == 0.25)
        #expect(curve.timeOfDay(elapsed: .zero) == "06:00")
        #expect(curve.timeOfDay(elapsed: .seconds(150)) == "12:00")
        #expect(curve.timeOfDay(elapsed: .seconds(450)) == "00:00")
    }
}
