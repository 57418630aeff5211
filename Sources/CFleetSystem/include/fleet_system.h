#ifndef FLEET_SYSTEM_H
#define FLEET_SYSTEM_H

/// Asks the kernel to send `signal` to this process when its parent dies (Linux prctl
/// PR_SET_PDEATHSIG). prctl is variadic, so Swift cannot call it directly. Returns 0 on success,
/// -1 where unsupported.
int fleet_set_parent_death_signal(int signal);

#include <spawn.h>

/// Adds "close every descriptor from `lowest` up" to spawn file actions (glibc's
/// posix_spawn_file_actions_addclosefrom_np, hidden behind _GNU_SOURCE). Returns 0 on success.
int fleet_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

/// The calling thread's kernel id (Linux gettid: the `<tid>` of /proc/self/task/<tid>), or -1
/// where unsupported. glibc declares gettid only under _GNU_SOURCE, which Swift does not set.
int fleet_thread_id(void);

/// Whether a child of this process has ended and waits to be reaped, without reaping it
/// (waitid with WNOHANG | WNOWAIT; Swift cannot read siginfo_t's si_pid union member).
/// Returns 1 when one waits, 0 when none does, -1 on error (errno set; ECHILD: no children).
int fleet_child_waiting(void);

#endif
