/* SPDX-License-Identifier: MIT */
/*
 * The sandbox's life, in three processes: the caller stays in the host's
 * namespaces only to map the new user namespace's ids (sandbox-ids.h),
 * hand on signals and wait; init, root and PID 1 of new user, mount and
 * PID namespaces, prepares them, starts the command and reaps; the
 * command.  Each of these functions forks and, as fork(2), returns in
 * both processes: which one is the result.  A failure, in whichever
 * process, is the command's to report (die_failure()): the process then
 * exits with its status, which init and the caller hand on as their own.
 */
#ifndef QBINFMT_SANDBOX_NS_H
#define QBINFMT_SANDBOX_NS_H

#include "failure.h"
#include "sandbox-ids.h"

enum sandbox_process {
	SANDBOX_FAILED = -1, /* *f says why */
	SANDBOX_INSIDE,	     /* in the new process */
	SANDBOX_OVER,	     /* in the old one, once the new one ended: *status is its exit status
				(128+N when signal N ended it), to exit with */
};

/* SANDBOX_INSIDE in init, its mounts private and a /proc of its PID
 * namespace mounted; SANDBOX_OVER in the caller. */
enum sandbox_process sandbox_enter(const struct sandbox_ids *ids, int *status, struct failure *f);

/* As init: SANDBOX_INSIDE in the command's process, with the caller's
 * signal mask back, to prepare and exec; SANDBOX_OVER in init, which has
 * reaped every process until the command's ended. */
enum sandbox_process sandbox_start_command(int *status, struct failure *f);

#endif
