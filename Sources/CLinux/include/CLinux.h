/*
 * CLinux: the Linux interfaces that Swift's Glibc module does not export
 * (epoll, timerfd, eventfd, signalfd, inotify, rtnetlink), and static inline
 * wrappers for the macros Swift cannot import.
 */
#ifndef CLINUX_H
#define CLINUX_H

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/veth.h>

/* Netlink alignment and attribute helpers. */
static inline uint32_t clinux_nlmsg_align(uint32_t len) { return NLMSG_ALIGN(len); }
static inline uint32_t clinux_nlmsg_hdrlen(void) { return NLMSG_HDRLEN; }
static inline uint32_t clinux_rta_align(uint32_t len) { return RTA_ALIGN(len); }
static inline uint32_t clinux_rta_length(uint32_t len) { return RTA_LENGTH(len); }

/* Signal sets, whose macros and inline functions vary by libc. */
static inline int clinux_block_signals(const int *signals, int count, sigset_t *out) {
    sigemptyset(out);
    for (int i = 0; i < count; i++)
        sigaddset(out, signals[i]);
    return pthread_sigmask(SIG_BLOCK, out, NULL);
}

/*
 * accept4 without a peer address. Glibc declares accept4 only under _GNU_SOURCE, which
 * this header does not impose on its users, so the system call is made directly.
 */
static inline int clinux_accept4(int fd, int flags) {
    return (int)syscall(SYS_accept4, fd, NULL, NULL, flags);
}

/* errno, readable from Swift without importing Glibc's thread-local accessor. */
static inline int clinux_errno(void) { return errno; }

/* ---- kernel: helpers for the Kernel target (rtnetlink, network namespaces) ---- */
#include <sys/syscall.h>

/* setns(2) into a network namespace; <sched.h> declares setns only under _GNU_SOURCE. */
static inline int clinux_setns_net(int fd) {
    return (int)syscall(SYS_setns, fd, 0x40000000 /* CLONE_NEWNET */);
}
/* ---- end kernel ---- */

#endif
