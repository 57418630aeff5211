import FleetModel
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// The instance grid, scenario start/stop, the live events and the traffic.
    func addFleetRoutes(to router: Router<ConsoleRequestContext>) {
        router.get("/api/instances") { request, context in
            let session = try self.authorize(request, context, requiring: .anyone)
            let statuses = try await self.statuses()
            // A student sees their own instance only: the grid with owners is the instructor's.
            let visible = session.role.ownInstance.map { own in statuses.filter { $0.id == own } } ?? statuses
            return ConsoleResponse.json(ConsoleAPI.Instances(instances: visible.map { status in
                ConsoleAPI.Instance(
                    id: status.id, owner: self.options.owners[status.id], zone: status.zone, state: status.state.rawValue,
                    scenario: status.scenario?.rawValue, restarts: status.restarts, port: self.options.port(of: status.id))
            }))
        }
        router.post("/api/scenario/start") { request, context in
            let session = try self.authorize(request, context, requiring: .anyone)
            let body = try await self.decode(ConsoleAPI.ScenarioRequest.self, from: request)
            guard let alias = ScenarioAlias(rawValue: body.scenario) else {
                throw ConsoleError(.badRequest, "Unknown scenario \"\(body.scenario)\"; expected one of \(ScenarioAlias.aliasList)")
            }
            try self.checkScenarioControl(session, body.instances)
            return try await self.results(of: .start(alias, on: body.instances))
        }
        router.post("/api/scenario/stop") { request, context in
            let session = try self.authorize(request, context, requiring: .anyone)
            let body = try await self.decode(ConsoleAPI.ScenarioRequest.self, from: request)
            guard let target = ScenarioTarget(body.scenario) else {
                throw ConsoleError(.badRequest, "Unknown scenario \"\(body.scenario)\"; expected one of \(ScenarioAlias.aliasList) or all")
            }
            try self.checkScenarioControl(session, body.instances)
            return try await self.results(of: .stop(target, on: body.instances))
        }
        router.get("/api/events") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            guard let stream = self.hub.subscribe() else {
                throw ConsoleError(.serviceUnavailable, "Too many open event feeds")
            }
            var headers = ConsoleResponse.securityHeaders
            headers[.contentType] = "text/event-stream"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                for await frame in stream {
                    try await writer.write(ByteBuffer(string: frame))
                }
                try await writer.finish(nil)
            })
        }
        router.get("/api/sparklines") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            guard let sparklines = self.sparklines else { throw ConsoleError(.notFound, "This fleet runs no Prometheus") }
            do {
                return ConsoleResponse.json(["instances": try await sparklines.series()])
            } catch let error as ConsoleError {
                throw error
            } catch {
                throw ConsoleError(.badGateway, "Prometheus is not answering")
            }
        }
        router.get("/api/traffic") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            return try await self.traffic(.trafficStatus)
        }
        router.post("/api/traffic/pause") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            return try await self.traffic(.trafficPause)
        }
        router.post("/api/traffic/resume") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            return try await self.traffic(.trafficResume)
        }
        router.post("/api/traffic/rate") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            let body = try await self.decode(ConsoleAPI.TrafficRateRequest.self, from: request)
            return try await self.traffic(.trafficSet(TrafficAdjustment(rate: body.rate)))
        }
    }

    /// A student may address only their own instance, and only when the class's
    /// `scenario_control` lets students change scenarios; the instructor may address anything.
    func checkScenarioControl(_ session: ConsoleSession, _ selection: InstanceSelection) throws {
        guard let own = session.role.ownInstance else { return }
        guard options.studentsControlTheirInstance else {
            throw ConsoleError(.forbidden, "Scenarios on this fleet are controlled by the instructor")
        }
        guard selection == .ids([own]) else { throw ConsoleError(.forbidden, "Not your instance") }
    }

    /// The fleet's `status`, at most ``StatusCache/freshness`` old.
    func statuses() async throws -> [InstanceStatus] {
        if let cached = statusCache.fresh() { return cached }
        guard case .status(_, let statuses) = try await send(.status) else {
            throw ConsoleError(.badGateway, "The fleet answered status with something else")
        }
        statusCache.store(statuses)
        return statuses
    }

    private func results(of command: ControlCommand) async throws -> Response {
        defer { statusCache.invalidate() }
        guard case .result(_, let results) = try await send(command) else {
            throw ConsoleError(.badGateway, "The fleet answered with something else than results")
        }
        return ConsoleResponse.json(ConsoleAPI.Results(results: results))
    }

    private func traffic(_ command: ControlCommand) async throws -> Response {
        guard case .traffic(_, let status) = try await send(command) else {
            throw ConsoleError(.badGateway, "The fleet answered with something else than the traffic")
        }
        return ConsoleResponse.json(status)
    }
}
