#define _GNU_SOURCE 1
#include <fcntl.h>
#include <stddef.h>
#include <unistd.h>
#include <sys/socket.h>
#include "CQuaySys.h"

_Static_assert(sizeof(struct cquaysys_ucred) == sizeof(struct ucred), "struct ucred size");
_Static_assert(offsetof(struct cquaysys_ucred, pid) == offsetof(struct ucred, pid), "struct ucred pid");
_Static_assert(offsetof(struct cquaysys_ucred, uid) == offsetof(struct ucred, uid), "struct ucred uid");
_Static_assert(offsetof(struct cquaysys_ucred, gid) == offsetof(struct ucred, gid), "struct ucred gid");

unsigned long cquaysys_compiled_EVIOCGRAB(void) { return EVIOCGRAB; }
unsigned long cquaysys_compiled_LPGETSTATUS(void) { return LPGETSTATUS; }
unsigned long cquaysys_compiled_TIOCEXCL(void) { return TIOCEXCL; }
unsigned long cquaysys_compiled_TIOCGEXCL(void) { return TIOCGEXCL; }
unsigned long cquaysys_compiled_TIOCSPTLCK(void) { return TIOCSPTLCK; }
unsigned long cquaysys_compiled_TIOCGPTN(void) { return TIOCGPTN; }
unsigned long cquaysys_sizeof_ucred(void) { return sizeof(struct ucred); }

int cquaysys_pipe_cloexec_nonblock(int fds[2]) { return pipe2(fds, O_CLOEXEC | O_NONBLOCK); }
