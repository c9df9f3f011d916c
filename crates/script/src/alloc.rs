//! The memory meter behind a script's memory limit.
//!
//! monty checks its memory limit against `monty_types::LIVE_MEMORY` (minus
//! `BASELINE_MEMORY`), which its own `monty-alloc` maintains for a process that does
//! nothing but run one script: it counts every allocation of the process and ends the
//! process past a hard limit. codehub runs scripts inside the daemon, beside indexing
//! threads, so [`CountingAllocator`] counts only the allocations of a thread while a
//! run is armed on it ([`arm`]), and never ends the process: an allocation over the
//! limit is refused by monty at its next check (each VM step and before large
//! results), as a `MemoryError` the script cannot catch.
//!
//! Install it in the executable (`#[global_allocator] static A: CountingAllocator =
//! CountingAllocator;`). Without it the limit only refuses single large allocations
//! that monty sizes beforehand (`[0] * 10**10`), and [`installed`] says so.

use monty_types::{BASELINE_MEMORY, LIVE_MEMORY};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

thread_local! {
    /// Whether this thread's allocations count (a const initialiser: no lazy
    /// initialisation and no destructor, so the allocator may read it at any time).
    static ARMED: Cell<bool> = const { Cell::new(false) };
}

static INSTALLED: AtomicBool = AtomicBool::new(false);

/// One run at a time per process: the meter is a single counter.
static RUN: Mutex<()> = Mutex::new(());

/// The system allocator, plus the byte count of armed threads (see the module
/// documentation).
pub struct CountingAllocator;

fn armed() -> bool {
    ARMED.try_with(Cell::get).unwrap_or(false)
}

fn charge(bytes: usize) {
    if armed() {
        LIVE_MEMORY.fetch_add(bytes, Ordering::Relaxed);
    }
}

fn refund(bytes: usize) {
    if armed() {
        // Memory allocated before the run may be freed during it: never below zero.
        let _ = LIVE_MEMORY.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |live| {
            Some(live.saturating_sub(bytes))
        });
    }
}

// SAFETY: every method forwards its arguments unchanged to `System` and returns what
// `System` returned; the counting is plain atomics and a const thread-local.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, forwarded.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            charge(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        refund(layout.size());
        // SAFETY: `ptr` came from `System` through this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) };
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, forwarded.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            charge(layout.size());
        }
        ptr
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        INSTALLED.store(true, Ordering::Relaxed);
        // SAFETY: a live block of this allocator and the caller's new size, forwarded.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                charge(new_size - layout.size());
            } else {
                refund(layout.size() - new_size);
            }
        }
        new
    }
}

/// Whether [`CountingAllocator`] is the process's allocator (it has reallocated a
/// block; [`arm`] makes sure one is).
pub fn installed() -> bool {
    INSTALLED.load(Ordering::Relaxed)
}

/// While it lives, this thread's allocations are counted from zero, and no other
/// run is armed.
pub struct Armed {
    _run: MutexGuard<'static, ()>,
}

/// Arms the meter for a run on this thread (waiting for another thread's run to end).
pub fn arm() -> Armed {
    let run = RUN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // A realloc through this allocator marks it installed.
    let mut probe: Vec<u8> = std::hint::black_box(Vec::with_capacity(1));
    probe.reserve(64);
    drop(std::hint::black_box(probe));
    BASELINE_MEMORY.store(0, Ordering::Relaxed);
    LIVE_MEMORY.store(0, Ordering::Relaxed);
    ARMED.with(|a| a.set(true));
    Armed { _run: run }
}

impl Drop for Armed {
    fn drop(&mut self) {
        ARMED.with(|a| a.set(false));
        LIVE_MEMORY.store(0, Ordering::Relaxed);
    }
}
