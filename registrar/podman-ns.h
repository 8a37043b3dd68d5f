/* SPDX-License-Identifier: MIT */
/*
 * Rootless podman's user namespace, and getting into it.
 *
 * Rootless podman keeps one user namespace (and mount namespace) alive in
 * its pause process and runs every container in it or in a child of it;
 * its binfmt_misc instance there (Linux 6.7+) is what every container
 * uses.  qbinfmt joins the pause process's namespaces itself when there
 * is one, as --namespace-of does: nothing is executed in there, so a
 * namespace whose entries keep its native programs from running (podman
 * unshare included) can still be read and mended.  Without a pause
 * process it runs itself again through `podman unshare`, which starts
 * one.
 */
#ifndef QBINFMT_PODMAN_NS_H
#define QBINFMT_PODMAN_NS_H

#include "failure.h"
#include "podman-conf.h"

#include <stdbool.h>
#include <stddef.h>

/* Are we in rootless podman's user namespace, run by `podman unshare`? */
bool podman_inside(void);

/* The version of the user's podman (the first on PATH): `podman
 * --version`, asked once, before entering, and handed to the qbinfmt run
 * inside.  0, or -1 with f. */
int podman_version(struct podman_version *v, struct failure *f);

/*
 * Enter podman's user and mount namespaces: join its pause process, or
 * run this qbinfmt again with command_line (main()'s argv) through
 * `podman unshare`.  0 once inside (in this process); -1 with f when that
 * cannot work: podman missing, real root (rootful podman uses the host's
 * binfmt_misc), no subordinate ids, a kernel without private binfmt_misc
 * instances.  Does not return when podman unshare runs.
 */
int podman_enter_namespace(char **command_line, struct failure *f);

/* The first line PROGRAM prints when run with one argument (--version),
 * stdin empty, for at most a few seconds.  0, or -1 with f saying why it
 * could not run or said nothing. */
int podman_program_says(const char *program, const char *argument, char *line, size_t size,
			struct failure *f);

#endif
