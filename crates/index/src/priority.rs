//! Thread priorities: which of codehub's threads the scheduler runs first when they
//! compete for the CPU (Linux, where nice values are per thread; elsewhere a no-op).

/// How much nicer than the writer the walker threads of an index run are. The writer
/// is the one thread everything waits for: with the walkers at its own priority, on
/// two cores it got two thirds of a core while three threads were runnable, and a
/// cold index of a large tree (sympy) waited on it; one step lower, the writer gets a
/// whole core whenever it has work, and the walkers take the rest.
pub(crate) const WALKER_NICE_DELTA: libc::c_int = 5;

/// Sets the calling thread's nice value. Best effort: a refusal is ignored.
pub(crate) fn set_nice(nice: libc::c_int) {
    #[cfg(target_os = "linux")]
    // SAFETY: plain syscalls on our own thread id; `setpriority` with a thread id only
    // changes that thread.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, nice);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = nice;
}

/// Makes the calling thread `delta` nicer than it is now (best effort).
pub(crate) fn renice_by(delta: libc::c_int) {
    #[cfg(target_os = "linux")]
    // SAFETY: as in `set_nice`; errno is cleared first because -1 is a valid nice.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        *libc::__errno_location() = 0;
        let now = libc::getpriority(libc::PRIO_PROCESS, tid);
        if *libc::__errno_location() == 0 {
            libc::setpriority(libc::PRIO_PROCESS, tid, (now + delta).min(19));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = delta;
}
