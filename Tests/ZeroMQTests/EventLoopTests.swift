import Foundation
import Testing
import ZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("ZMQEventLoop")
struct EventLoopTests {
    @Test("messages sent from other threads go out at once, not at the next tick")
    func promptDelivery() async throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let endpoint = try bindLoopback(pull)
        let push = try context.makeSocket(.push)
        try push.connect(endpoint)

        // A 60 s tick: anything arriving well before it was woken by send(), not by the tick.
        // (The 5 s bound below leaves room for a loaded 2-core machine; the tick is far beyond it.)
        let loop = ZMQEventLoop(name: "push-loop", sockets: [push], tickInterval: .seconds(60)) { _, _ in }
        loop.start()
        #expect(loop.isRunning)

        let clock = ContinuousClock()
        let start = clock.now
        await Task.detached { loop.send([bytes("first")], on: 0) }.value
        #expect(try pull.receive(wait: true) == [bytes("first")])
        #expect(clock.now - start < .seconds(5))  // also the receive timeout of `pull`

        // Many senders at once: every message arrives, each sender's order preserved.
        await withTaskGroup(of: Void.self) { group in
            for sender in 0..<4 {
                group.addTask {
                    for number in 0..<50 { loop.send([bytes("\(sender)"), bytes("\(number)")], on: 0) }
                }
            }
        }
        var lastBySender: [String: Int] = [:]
        for _ in 0..<200 {
            let frames = try #require(try pull.receive(wait: true))
            let sender = text(frames[0])
            let number = try #require(Int(text(frames[1])))
            #expect(number == (lastBySender[sender] ?? -1) + 1)
            lastBySender[sender] = number
        }
        #expect(loop.statistics.messagesSent == 201)
        #expect(loop.statistics.droppedTotal == 0)

        let stopStart = clock.now
        loop.stop()
        #expect(clock.now - stopStart < .seconds(2), "stop must wake the loop, not wait for the tick")
        #expect(!loop.isRunning)
        #expect(push.isClosed)
    }

    @Test("onMessage gets every frame on the loop thread and can answer through send")
    func onMessageAndEcho() async throws {
        let context = try ZMQContext()
        let router = try context.makeSocket(.router)
        let endpoint = try bindLoopback(router)
        let dealer = try makeSocket(context, .dealer)
        try dealer.setRoutingID(bytes("client"))
        try dealer.connect(endpoint)

        let received = Recorder<(Int, [[UInt8]])>()
        let loopBox = LateBox<ZMQEventLoop>()
        let loop = ZMQEventLoop(name: "echo", sockets: [router]) { index, frames in
            received.append((index, frames))
            // Echo: keep the routing id, prefix the payload.
            loopBox.value?.send([frames[0], bytes("echo")] + frames.dropFirst(), on: index)
        }
        loopBox.value = loop
        loop.start()
        defer {
            loop.stop()
            loopBox.value = nil  // break the loop -> onMessage -> box -> loop cycle
        }

        #expect(try dealer.send([bytes("a"), [], bytes("c")], wait: true))
        #expect(try dealer.receive(wait: true) == [bytes("echo"), bytes("a"), [], bytes("c")])

        let messages = received.all
        try #require(messages.count == 1)
        #expect(messages[0].0 == 0)
        #expect(messages[0].1 == [bytes("client"), bytes("a"), [], bytes("c")])
        #expect(loop.statistics.messagesReceived == 1)
    }

    @Test("drains a burst of queued messages")
    func drainsBurst() async throws {
        let context = try ZMQContext()
        let pull = try context.makeSocket(.pull)
        let endpoint = try bindLoopback(pull)
        let push = try makeSocket(context, .push)
        try push.connect(endpoint)
        for number in 0..<3_000 {
            #expect(try push.send([bytes("\(number)")], wait: true))
        }

        let received = Recorder<Int>()
        let loop = ZMQEventLoop(name: "drain", sockets: [pull], tickInterval: .seconds(10)) { _, frames in
            received.append(Int(text(frames[0])) ?? -1)
        }
        loop.start()
        defer { loop.stop() }
        #expect(await waitUntil { received.count == 3_000 })
        #expect(received.all == Array(0..<3_000))
    }

    @Test("onTick runs at least every tick interval")
    func ticks() async throws {
        let ticks = Recorder<ContinuousClock.Instant>()
        let loop = ZMQEventLoop(name: "ticker", sockets: [], tickInterval: .milliseconds(10), onMessage: { _, _ in }, onTick: {
            ticks.append(.now)
        })
        let started = ContinuousClock.now
        loop.start()
        #expect(await waitUntil { ticks.count >= 5 })
        loop.stop()
        // Ticks follow a fixed-rate schedule from the start: the fifth cannot come before
        // five intervals have passed, so this also shows the loop is not spinning.
        let fifth = ticks.all[4]
        #expect(fifth - started >= .milliseconds(49), "ticks fired early: \(fifth - started)")
    }

    @Test("afterSilence: no tick comes sooner than an interval after a message, and silence ticks")
    func silenceWatchdog() async throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let endpoint = try bindLoopback(pull)
        let push = try makeSocket(context, .push)
        try push.connect(endpoint)

        enum Event: Sendable { case message(ContinuousClock.Instant), tick(ContinuousClock.Instant) }
        let events = Recorder<Event>()
        let interval = Duration.milliseconds(300)
        let loop = ZMQEventLoop(
            name: "watchdog", sockets: [pull], tickInterval: interval, tickPolicy: .afterSilence,
            onMessage: { _, _ in events.append(.message(.now)) }, onTick: { events.append(.tick(.now)) })
        loop.start()
        defer { loop.stop() }
        // A peer talking every 30 ms for a while, then silent.
        for number in 0..<20 {
            try push.send([bytes("\(number)")])
            try await Task.sleep(for: .milliseconds(30))
        }
        let silent = events.count
        #expect(await waitUntil { events.all.dropFirst(silent).contains { if case .tick = $0 { true } else { false } } })
        loop.stop()

        // Whatever the machine's load did to the timing: every tick came at least one interval
        // after the last message before it (a periodic loop would have ticked amid the messages
        // whenever they lasted past an interval).
        var lastMessage: ContinuousClock.Instant?
        var messages = 0
        for event in events.all {
            switch event {
            case .message(let at):
                lastMessage = at
                messages += 1
            case .tick(let at):
                if let lastMessage { #expect(at - lastMessage >= interval, "ticked \(at - lastMessage) after a message") }
            }
        }
        #expect(messages == 20)
    }

    @Test("stop is idempotent, joins the thread and closes the sockets")
    func stopIsIdempotent() async throws {
        let context = try ZMQContext()
        let pull = try context.makeSocket(.pull)
        _ = try bindLoopback(pull)
        let ticks = Recorder<Int>()
        let loop = ZMQEventLoop(name: "stopper", sockets: [pull], tickInterval: .milliseconds(5), onMessage: { _, _ in }, onTick: {
            ticks.append(1)
        })
        loop.start()
        loop.start()  // idempotent
        #expect(await waitUntil { ticks.count >= 3 })

        loop.stop()
        // stop() returned after the join: the thread is gone, so nothing runs any more and the
        // sockets may be inspected from here.
        let ticksAtStop = ticks.count
        #expect(!loop.isRunning)
        #expect(pull.isClosed)
        loop.stop()
        loop.start()  // no restart after stop
        #expect(!loop.isRunning)
        #expect(ticks.count == ticksAtStop)

        loop.send([bytes("too late")], on: 0)
        #expect(loop.statistics.droppedUnsendable == 1)
    }

    @Test("stop without start closes the sockets; stop from a callback ends the loop")
    func stopEdgeCases() async throws {
        let context = try ZMQContext()
        let idleSocket = try context.makeSocket(.pull)
        let idle = ZMQEventLoop(name: "never-started", sockets: [idleSocket]) { _, _ in }
        idle.stop()
        #expect(idleSocket.isClosed)
        #expect(!idle.isRunning)

        let pull = try context.makeSocket(.pull)
        let endpoint = try bindLoopback(pull)
        let push = try makeSocket(context, .push)
        try push.connect(endpoint)
        let loopBox = LateBox<ZMQEventLoop>()
        let loop = ZMQEventLoop(name: "self-stop", sockets: [pull], tickInterval: .seconds(10)) { _, _ in
            loopBox.value?.stop()  // must not deadlock by joining itself
        }
        loopBox.value = loop
        loop.start()
        #expect(try push.send([bytes("stop please")], wait: true))
        #expect(await waitUntil { !loop.isRunning })
        #expect(await waitUntil { pull.isClosed })
        loop.stop()
        loopBox.value = nil
    }

    @Test("send and receive errors are reported through onError and the loop goes on")
    func errorsAreReported() async throws {
        let context = try ZMQContext()
        let reply = try makeSocket(context, .rep)
        let endpoint = try bindLoopback(reply)
        let request = try context.makeSocket(.req)
        try request.connect(endpoint)

        let errors = Recorder<ZMQError>()
        let answers = Recorder<[[UInt8]]>()
        let loop = ZMQEventLoop(name: "errors", sockets: [request], onMessage: { _, frames in
            answers.append(frames)
        }, onError: { error in
            errors.append(error)
        })
        loop.start()
        defer { loop.stop() }

        loop.send([bytes("question")], on: 0)
        loop.send([bytes("out of turn")], on: 0)  // REQ must wait for the answer: EFSM
        loop.send([bytes("nowhere")], on: 7)       // no such socket: EINVAL
        #expect(await waitUntil { errors.count == 2 })
        let codes = Set(errors.all.map(\.code))
        #expect(codes == [ZMQError.Code.wrongState, EINVAL])
        #expect(errors.all.allSatisfy { $0.description.contains("errors") })

        // The loop is still alive: the REP answers and the answer comes through.
        #expect(try reply.receive(wait: true) == [bytes("question")])
        #expect(try reply.send([bytes("answer")], wait: true))
        #expect(await waitUntil { answers.count == 1 })
        #expect(answers.all == [[bytes("answer")]])
        #expect(loop.isRunning)
        #expect(loop.statistics.droppedUnsendable == 2)
    }

    @Test("unroutable and would-block sends are dropped and counted, not thrown")
    func unsendableCounted() async throws {
        let context = try ZMQContext()
        let router = try context.makeSocket(.router)
        try router.setRouterMandatory(true)
        _ = try bindLoopback(router)
        let lonelyPush = try context.makeSocket(.push)  // no peer: every send would block

        let errors = Recorder<ZMQError>()
        let loop = ZMQEventLoop(name: "unsendable", sockets: [router, lonelyPush], tickInterval: .seconds(10), onMessage: { _, _ in }, onError: {
            errors.append($0)
        })
        loop.start()
        defer { loop.stop() }
        loop.send([bytes("unknown-peer"), bytes("x")], on: 0)
        loop.send([bytes("y")], on: 1)
        #expect(await waitUntil { loop.statistics.droppedUnsendable == 2 })
        #expect(errors.count == 0)
        #expect(loop.isRunning)
    }

    @Test("the outgoing queue is bounded and drops the oldest")
    func boundedQueue() async throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let endpoint = try bindLoopback(pull)
        let push = try context.makeSocket(.push)
        try push.connect(endpoint)

        let loop = ZMQEventLoop(name: "bounded", sockets: [push], maxQueuedMessages: 10) { _, _ in }
        for number in 0..<25 { loop.send([bytes("\(number)")], on: 0) }  // queued before start
        #expect(loop.statistics.droppedQueueOverflow == 15)

        loop.start()
        defer { loop.stop() }
        var numbers: [Int] = []
        for _ in 0..<10 {
            let frames = try #require(try pull.receive(wait: true))
            numbers.append(try #require(Int(text(frames[0]))))
        }
        #expect(numbers == Array(15..<25))
    }

    @Test("a context shutdown ends the loop and is reported as ETERM")
    func contextShutdown() async throws {
        let context = try ZMQContext()
        let pull = try context.makeSocket(.pull)
        _ = try bindLoopback(pull)
        let errors = Recorder<ZMQError>()
        let loop = ZMQEventLoop(name: "shutdown", sockets: [pull], tickInterval: .seconds(10), onMessage: { _, _ in }, onError: {
            errors.append($0)
        })
        loop.start()
        context.shutdown()
        #expect(await waitUntil { !loop.isRunning })
        #expect(errors.all.contains { $0.isContextTerminated })
        #expect(pull.isClosed)
        loop.stop()
    }

    @Test("stop is bounded even when a callback is stuck")
    func boundedJoin() async throws {
        let release = LateBox<Bool>()
        let errors = Recorder<ZMQError>()
        let entered = Recorder<Bool>()
        let loop = ZMQEventLoop(name: "stuck", sockets: [], tickInterval: .milliseconds(1), joinTimeout: .milliseconds(100), onMessage: { _, _ in }, onTick: {
            entered.append(true)
            // Stuck until the test lets go (bounded too, so a failing test cannot hang).
            let deadline = ContinuousClock.now.advanced(by: .seconds(10))
            while release.value != true, ContinuousClock.now < deadline { usleep(1_000) }
        }, onError: {
            errors.append($0)
        })
        loop.start()
        #expect(await waitUntil { entered.count >= 1 })
        let clock = ContinuousClock()
        let start = clock.now
        loop.stop()
        #expect(clock.now - start < .seconds(3))
        #expect(errors.all.contains { $0.code == ETIMEDOUT })
        release.value = true
        #expect(await waitUntil { !loop.isRunning })
    }
}
