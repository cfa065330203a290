// The ioctl numbers and kernel structures QuaySystem needs, taken from the system headers at compile time
// instead of hand-coded in Swift (the _IOW/_IOR macros are not importable, and Glibc's module map hides
// `struct ucred` behind _GNU_SOURCE).
//
// This header is a Clang module header: it must NOT define _GNU_SOURCE itself (the Glibc module is built
// without it and the two would disagree about shared types). What needs _GNU_SOURCE lives in shim.c, which
// also checks the layouts declared here against the real ones with _Static_assert.
#ifndef CQUAYSYS_H
#define CQUAYSYS_H

#include <sys/types.h>
#include <sys/ioctl.h>
#include <linux/input.h>
#include <linux/lp.h>

// evdev: grab the device so its key events reach only us. _IOW('E', 0x90, int)
static const unsigned long cquaysys_EVIOCGRAB = EVIOCGRAB;
// usblp / parallel port: IEEE 1284 status byte. (0x060b, an old-style number; int *)
static const unsigned long cquaysys_LPGETSTATUS = LPGETSTATUS;
// tty exclusive mode: set (no argument) and query (_IOR('T', 0x40, int)).
static const unsigned long cquaysys_TIOCEXCL = TIOCEXCL;
static const unsigned long cquaysys_TIOCGEXCL = TIOCGEXCL;
// pty: unlock the slave (_IOW('T', 0x31, int)) and get its number (_IOR('T', 0x30, unsigned int)).
static const unsigned long cquaysys_TIOCSPTLCK = TIOCSPTLCK;
static const unsigned long cquaysys_TIOCGPTN = TIOCGPTN;

/// Layout of Linux `struct ucred` (SO_PEERCRED); shim.c asserts it matches the real one.
struct cquaysys_ucred {
    pid_t pid;
    uid_t uid;
    gid_t gid;
};

/// The same numbers, compiled in shim.c (a separate translation unit, with _GNU_SOURCE): tests compare them
/// with the header constants as Swift imports them.
unsigned long cquaysys_compiled_EVIOCGRAB(void);
unsigned long cquaysys_compiled_LPGETSTATUS(void);
unsigned long cquaysys_compiled_TIOCEXCL(void);
unsigned long cquaysys_compiled_TIOCGEXCL(void);
unsigned long cquaysys_compiled_TIOCSPTLCK(void);
unsigned long cquaysys_compiled_TIOCGPTN(void);
/// sizeof(struct ucred) as glibc declares it with _GNU_SOURCE.
unsigned long cquaysys_sizeof_ucred(void);

/// pipe2(fds, O_CLOEXEC | O_NONBLOCK): atomic close-on-exec (pipe2 needs _GNU_SOURCE). Returns 0 or -1/errno.
int cquaysys_pipe_cloexec_nonblock(int fds[2]);

#endif
