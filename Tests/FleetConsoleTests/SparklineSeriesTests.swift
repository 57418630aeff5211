import Foundation
import Testing

@testable import FleetConsole

/// The sparklines' Prometheus answers, read and aligned without a Prometheus.
@Suite("Sparkline series")
struct SparklineSeriesTests {
    @Test func aMatrixIsReadByInstanceAndNaNIsLeftOut() throws {
        let json = #"""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"instance":"svc-02"},"values":[[1000,"1.5"],[1030,"NaN"],[1060,"2"]]},
              {"metric":{},"values":[[1000,"9"]]}]}}
            """#
        let matrix = try SparklineSeries.matrix(fromPrometheusJSON: Data(json.utf8))
        #expect(matrix == ["svc-02": [1000: 1.5, 1060: 2]])
    }

    @Test func seriesAreAlignedOnTheStepsWithZeroForGaps() {
        let series = SparklineSeries.join(
            rate: ["svc-02": [1000: 1, 1060: 3], "svc-01": [1030: 2]], errors: ["svc-02": [1060: 0.5]], steps: [1000, 1030, 1060])
        #expect(series == [
            SparklineSeries(instance: "svc-01", rate: [0, 2, 0], errors: [0, 0, 0]),
            SparklineSeries(instance: "svc-02", rate: [1, 0, 3], errors: [0, 0, 0.5]),
        ])
    }

    @Test func theErrorQueryIsTheLabGuidesErrorRatio() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let guide = try String(contentsOf: url.appendingPathComponent("docs/lab.md"), encoding: .utf8)
        #expect(guide.contains(SparklineSeries.errorQuery))
    }
}
