/* SPDX-License-Identifier: MIT */
/*
 * The sandbox's namespaces.  The caller stays outside, in the host's
 * namespaces, only to write the new user namespace's id maps (directly as
 * root, through the distribution's setuid newuidmap/newgidmap otherwise:
 * qbinfmt has no setuid helper of its own) and to wait.  Inside, the
 * child is root and PID 1 of new user, mount and PID namespaces.
 */
#ifndef QBINFMT_SANDBOX_NS_H
#define QBINFMT_SANDBOX_NS_H

#include "subid.h"

#include <stdbool.h>
#include <stdnoreturn.h>
#include <sys/types.h>

struct sandbox_ids {
	uid_t uid; /* the caller: root inside */
	gid_t gid;
	bool ranges; /* ids 1..N inside map to these too */
	struct id_range uids, gids;
	char notice[512]; /* why the single-id mapping, for one line on stderr */
};

/* single: --single-id; forced: --subids START:COUNT (or NULL). */
void sandbox_choose_ids(bool single, const struct id_range *forced, struct sandbox_ids *ids);

/* Returns in the child, root and PID 1 of the new namespaces, its mounts
 * private.  The calling process never returns: it exits with the child's
 * status (128+N when a signal N ended it). */
void sandbox_enter(const struct sandbox_ids *ids);

/* As PID 1: start argv (after `prepare` in the child, if not NULL), reap
 * every process, exit with argv's status. */
noreturn void sandbox_run_as_init(char **argv, void (*prepare)(void *), void *context);

#endif
