/* SPDX-License-Identifier: MIT */
/*
 * --namespace-of PID: act in the user and mount namespaces of a process
 * the caller owns, as `nsenter -U -m -t PID` and `podman unshare` join
 * them: rootless podman's (its pause process), rootless docker's
 * (rootlesskit), a long-lived qbinfmt sandbox's.
 */
#ifndef QBINFMT_NAMESPACE_H
#define QBINFMT_NAMESPACE_H

#include "failure.h"

#include <stdbool.h>
#include <sys/types.h>

/* Join PID's user namespace (when it is not ours already) and its mount
 * namespace, keeping the working directory.  0, or -1 with f saying why
 * not (no such process, one that has exited, not yours).  Records the binfmt_misc instance seen
 * before, and whether the user namespace joined is the initial one (namespace_is_initial() cannot
 * ask /proc/self there: /proc may be that of a PID namespace we are not
 * in). */
int namespace_join(pid_t pid, struct failure *f);

/* Is this the host's user namespace (the initial one)? */
bool namespace_is_initial(void);

/* The binfmt_misc instance the caller saw at /proc/sys/fs/binfmt_misc
 * before entering the namespace it is in now, or 0: recorded by
 * namespace_join(), or handed down by a qbinfmt that ran us through
 * `podman unshare` (NAMESPACE_OUTER_ENV). */
dev_t namespace_outer_binfmt(void);

/* How a qbinfmt hands that instance to the one it runs in another
 * namespace: "MAJOR:MINOR". */
#define NAMESPACE_OUTER_ENV "QBINFMT_OUTER_BINFMT"
void namespace_export_outer_binfmt(void);

#endif
