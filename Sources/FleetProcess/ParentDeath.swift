import CFleetSystem
#if canImport(Glibc)
import Glibc
#endif

/// The kernel's parent-death signal: the no-orphans guarantee of every process a fleet starts.
public enum ParentDeath {
    /// Arms SIGTERM on the death of the parent (the thread that spawned this process); call as
    /// early as possible. The signal survives `exec`, so `fleet guard` can pass it on to a
    /// program of its own. Returns false when the parent is already not `expectedParent`: it
    /// died before the signal was armed.
    public static func arm(expectedParent: Int32) -> Bool {
        _ = fleet_set_parent_death_signal(SIGTERM)
        return getppid() == expectedParent
    }
}
