import CFleetSystem
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Dedicated OS threads that burn CPU on a duty cycle until `stop()`: each period, a thread
/// spins until it has used `busy` of CPU time, then sleeps to the end of the period.
///
/// Not tasks: a spinning task would hold one of the cooperative pool's few threads and slow
/// the instance's own HTTP handling, which is not the failure being taught. Each thread checks
/// the stop flag between short spins, so a stop takes effect within one period.
final class CPUBurner: Sendable {
    private let cycle: CPUDutyCycle
    private let stopping = Atomic<Bool>(false)
    /// Kernel thread ids of the running burners, so tests can read their CPU time in `/proc`.
    private let threadIDs = Mutex<[Int32]>([])
    private let finished = Mutex<(count: Int, waiters: [CheckedContinuation<Void, Never>])>((0, []))

    init(cycle: CPUDutyCycle) {
        self.cycle = cycle
    }

    /// The kernel thread ids (`/proc/self/task/<tid>`) of the burner threads started so far.
    var kernelThreadIDs: [Int32] { threadIDs.withLock { $0 } }

    /// Starts the burner threads; returns at once.
    func start() {
        for index in 0..<cycle.threads {
            let thread = Thread { [self] in burn() }
            thread.name = "cpu-burn-\(index)"
            thread.start()
        }
    }

    /// Asks every thread to stop and returns once all of them have ended.
    func stop() async {
        stopping.store(true, ordering: .releasing)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = finished.withLock { state -> Bool in
                if state.count >= cycle.threads { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func burn() {
        threadIDs.withLock { $0.append(fleet_thread_id()) }
        let clock = ContinuousClock()
        let busySeconds = Double(cycle.busy.components.seconds) + Double(cycle.busy.components.attoseconds) / 1e18
        var periodStart = clock.now
        while !stopping.load(ordering: .acquiring) {
            let periodEnd = periodStart + cycle.period
            // Spin until this thread has used `busy` of CPU (not of wall time: a late wake-up or
            // a preemption must not shorten the burn), or the period is over. The stop flag is
            // read every round.
            let cpuStart = Self.threadCPUSeconds()
            while Self.threadCPUSeconds() - cpuStart < busySeconds, clock.now < periodEnd,
                  !stopping.load(ordering: .relaxed) {
                // Reading the thread's CPU clock is a system call; spinning on the monotonic
                // clock (vDSO, user space) in between keeps the burn in user time, as a busy
                // loop in an application would be, and the check within 0.2 ms.
                let checkpoint = clock.now + .microseconds(200)
                while clock.now < checkpoint {}
            }
            periodStart = periodEnd
            let now = clock.now
            // After a long preemption, skip the lost periods instead of spinning to catch up:
            // the burn must never go above its share.
            if periodStart < now { periodStart = now }
            let pause = periodStart - now
            if pause > .zero { Self.sleep(pause) }
        }
        let waiters = finished.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count += 1
            guard state.count >= cycle.threads else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// CPU time of the calling thread, in seconds.
    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func sleep(_ duration: Duration) {
        var request = timespec(
            tv_sec: Int(duration.components.seconds),
            tv_nsec: Int(duration.components.attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
