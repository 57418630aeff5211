#define _GNU_SOURCE
#include "fleet_system.h"
#include <spawn.h>

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
