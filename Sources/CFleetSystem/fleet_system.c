#define _GNU_SOURCE
#include "fleet_system.h"
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>

#ifdef __linux__
#include <sys/prctl.h>
#include <signal.h>

int fleet_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0);
}
#else
int fleet_set_parent_death_signal(int signal) {
    (void)signal;
    return -1;
}
#endif

int fleet_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#else
    (void)actions;
    (void)lowest;
    return -1;
#endif
}

#ifdef __linux__
#include <unistd.h>
int fleet_thread_id(void) {
    return (int)gettid();
}
#else
int fleet_thread_id(void) {
    return -1;
}
#endif

int fleet_child_waiting(void) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == -1) {
        return -1;
    }
    return info.si_pid != 0 ? 1 : 0;
}
