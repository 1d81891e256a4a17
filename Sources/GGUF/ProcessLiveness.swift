#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a process still runs on this machine: how files and records left
/// by a killed process (a snapshot's temporary file, a fetch folder, a run
/// still marked running) are told from those of one at work.
public enum ProcessLiveness {
    /// True while process `pid` exists, also when it belongs to another
    /// user (`kill` answers EPERM). A pid is only meaningful in the pid
    /// namespace that wrote it; a reused pid reads as alive.
    public static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}
