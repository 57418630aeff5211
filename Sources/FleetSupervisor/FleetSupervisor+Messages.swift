import FleetModel
import Logging

/// Messages from instances and clients, and the commands they cause.
extension FleetSupervisor {
    func receive(_ message: ControlPlane.Inbound) {
        switch message {
        case .instance(let routingID, let frames):
            receiveReport(from: String(decoding: routingID, as: UTF8.self), frames: frames)
        case .command(let envelope, let frames):
            receiveCommand(envelope: envelope, frames: frames)
        }
    }

    // MARK: Instances

    private func receiveReport(from sender: String, frames: [[UInt8]]) {
        guard frames.count == 1 else {
            logDrop("dropped instance message: \(frames.count) payload frames", from: sender)
            return
        }
        let report: InstanceReport
        do {
            report = try ControlProtocol.decode(InstanceReport.self, from: frames[0])
        } catch {
            logDrop("dropped instance message: \(error)", from: sender)
            return
        }
        guard report.instance == sender, state.instances[sender] != nil else {
            logDrop("dropped message from unknown instance", from: sender)
            return
        }
        let now = ContinuousClock.now
        if case .register(let pid, _) = report.kind {
            switch state.register(sender, pid: pid, at: now) {
            case .accepted: instanceRegistered(sender, pid: pid)
            case .deferred: return
            case .refused:
                logger.warning("refused registration from a process we did not spawn", metadata: ["from": "\(sender)"])
                return
            }
        }
        let hearing = state.heard(sender, scenario: report.scenario, at: now)
        guard hearing != .dropped else {
            logDrop("dropped message from an instance that has not registered", from: sender)
            return
        }
        if case .heartbeat = report.kind {
            controlPlane?.heartbeatShortcut.remember(frames[0], from: sender, scenario: report.scenario)
        } else {
            controlPlane?.heartbeatShortcut.discardTaken(from: sender)
        }
        var origin = EventOrigin.instance
        var completion: AckTracker<CommandPurpose>.Completion?
        switch report.kind {
        case .ack(let id, let outcome):
            switch acks.acknowledge(id, from: sender, outcome: outcome, scenario: report.scenario, at: now) {
            case .recorded(let by): origin = by
            case .completed(let done):
                origin = done.origin
                completion = done
            case .late: origin = .supervisor
            }
        case .state(let by):
            origin = by
        case .register, .heartbeat:
            break
        }
        publishChange(hearing, of: sender, origin: origin)
        // After the events: a client that gets its reply finds them already published.
        if let completion { complete(completion) }
        if case .register = report.kind, state.takePendingStop(sender) {
            send(.stopAll, to: [sender], origin: .supervisor, purpose: .none)
        }
    }

    /// Applies the heartbeats the control plane's loop thread took since the last tick, as if
    /// each had come through ``receive(_:)``.
    func applyShortcutHeartbeats() {
        for heard in controlPlane?.heartbeatShortcut.drain() ?? [] {
            publishChange(state.heard(heard.instance, scenario: heard.scenario, at: heard.at), of: heard.instance, origin: .instance)
        }
    }

    private func publishChange(_ hearing: FleetState.Hearing, of instance: String, origin: EventOrigin) {
        guard case .changed(let previous, let current) = hearing else { return }
        metrics.setScenario(instance, current)
        if let previous { controlPlane?.publish(.scenarioStopped(instance: instance, scenario: previous, origin: origin)) }
        if let current { controlPlane?.publish(.scenarioStarted(instance: instance, scenario: current, origin: origin)) }
    }

    func instanceRegistered(_ id: String, pid: Int32) {
        controlPlane?.startHeartbeats(to: id)
        metrics.setUp(id, true)
        controlPlane?.publish(.instanceUp(instance: id, detail: "pid \(pid)"))
    }

    private func logDrop(_ message: Logger.Message, from sender: String) {
        let admission = dropLog.admit(at: .now)
        if admission.suppressedBefore > 0 {
            logger.warning("\(admission.suppressedBefore) more instance-endpoint messages dropped without a log line")
        }
        if admission.logThis { logger.warning(message, metadata: ["from": "\(sender)"]) }
    }

    // MARK: Clients

    private func receiveCommand(envelope: [[UInt8]], frames: [[UInt8]]) {
        guard frames.count == 1 else {
            reply(.failure(id: nil, code: "malformed", message: "expected one JSON frame, got \(frames.count)"), to: envelope)
            return
        }
        let request: ControlRequest
        do {
            request = try ControlProtocol.decode(ControlRequest.self, from: frames[0])
        } catch {
            // Answered with the error; at debug level so a flood of garbage cannot flood the log.
            logger.debug("refused command: \(error)")
            reply(.failure(id: error.requestID, code: error.code, message: error.description), to: envelope)
            return
        }
        let fleet = config.fleet.name
        switch request.command {
        case .ping:
            reply(ControlReply(id: request.id, .pong(fleet: fleet)), to: envelope)
        case .status:
            reply(ControlReply(id: request.id, .status(fleet: fleet, instances: config.labelled(state.statuses))), to: envelope)
        case .shutdown:
            requestShutdown()
            reply(ControlReply(id: request.id, .done(fleet: fleet)), to: envelope)
        case .start(let scenario, let selection):
            fanOut(.start(scenario), selection: selection, request: request, envelope: envelope)
        case .stop(.all, let selection):
            fanOut(.stopAll, selection: selection, request: request, envelope: envelope)
        case .stop(.scenario(let scenario), let selection):
            fanOut(.stop(scenario), selection: selection, request: request, envelope: envelope)
        case .chaos(let seed, let durationMs):
            switch startChaos(seed: seed, durationMs: durationMs) {
            case .success(let summary): reply(ControlReply(id: request.id, .chaos(fleet: fleet, summary: summary)), to: envelope)
            case .failure(let error): reply(.failure(id: request.id, code: error.code, message: error.description), to: envelope)
            }
        case .chaosStop:
            stopChaos(replyingTo: (envelope, request.id))
        case .trafficStatus, .trafficSet, .trafficPause, .trafficResume:
            receiveTrafficCommand(request.command, request: request, envelope: envelope)
        }
    }

    private func fanOut(_ action: ScenarioAction, selection: InstanceSelection, request: ControlRequest, envelope: [[UInt8]]) {
        guard !state.shuttingDown else {
            reply(.failure(id: request.id, code: "shutting_down", message: "the fleet is shutting down"), to: envelope)
            return
        }
        switch state.select(selection, using: &randomness) {
        case .success(let ids):
            send(action, to: ids, origin: .supervisor, purpose: .reply(envelope: envelope, requestID: request.id))
        case .failure(let error):
            reply(.failure(id: request.id, code: error.code, message: error.message), to: envelope)
        }
    }

    func reply(_ reply: ControlReply, to envelope: [[UInt8]]) {
        controlPlane?.reply(reply, envelope: envelope)
    }

    // MARK: Fan-out

    /// Sends `action` to every instance of `ids` at once; `purpose` says what happens with the
    /// results once all acked (or timed out). Instances that are not up answer `unavailable`.
    func send(_ action: ScenarioAction, to ids: [String], origin: EventOrigin, purpose: CommandPurpose) {
        var unavailable: [String: InstanceResult] = [:]
        for id in ids where !state.isRegistered(id) {
            if action.stopsCrashLoop, state.deferStop(id) {
                // Restarting in its crash loop: the stop goes out when it registers.
                unavailable[id] = InstanceResult(instance: id, outcome: .stopped, scenario: nil)
                continue
            }
            unavailable[id] = InstanceResult(instance: id, outcome: .unavailable, scenario: state.instances[id]?.scenario)
        }
        let (requestID, completion) = acks.open(
            instances: ids, unavailable: unavailable, origin: origin, purpose: purpose, at: .now)
        if let completion {
            complete(completion)
            return
        }
        for id in ids where unavailable[id] == nil {
            controlPlane?.send(.command(id: requestID, action: action), toInstance: id)
        }
    }

    /// Every addressed instance answered (or timed out): carry out the command's purpose.
    func complete(_ completion: AckTracker<CommandPurpose>.Completion) {
        for result in completion.results {
            if let milliseconds = result.latencyMs { metrics.recordRoundTrip(seconds: milliseconds / 1000) }
        }
        switch completion.purpose {
        case .reply(let envelope, let requestID):
            reply(ControlReply(id: requestID, .result(fleet: config.fleet.name, results: completion.results)), to: envelope)
        case .chaosApply(let run, let injection):
            chaosApplied(run: run, injection, result: completion.results.first)
        case .chaosEnd(let run, let active, let reason):
            chaosEnded(run: run, active, reason: reason, result: completion.results.first)
        case .none:
            break
        }
    }
}
