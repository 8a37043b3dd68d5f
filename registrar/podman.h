/* SPDX-License-Identifier: MIT */
/*
 * Rootless podman: its user namespace and the files that make emulation
 * in it last.
 *
 * Rootless podman keeps one user namespace (and mount namespace) alive in
 * its pause process and runs every container in it or in a child of it.
 * qbinfmt runs itself there through `podman unshare`, as podman's own
 * tools do, and registers in that namespace's own binfmt_misc (Linux
 * 6.7+), which every container then uses.  The namespace ends with the
 * pause process (podman system migrate, a reboot, a logout): an OCI hook
 * podman runs before each container (precreate, in that namespace, as its
 * root) registers the recorded entries again when they are missing.
 *
 * The files, under $XDG_CONFIG_HOME (~/.config):
 *   qbinfmt/podman.conf                   the entries, binfmt.d lines
 *   containers/hooks.d/qbinfmt.json       the hook: `qbinfmt podman hook`
 *   containers/containers.conf.d/99-qbinfmt.conf
 *                                         hooks_dir, with the folders podman
 *                                         read before, plus hooks.d above
 */
#ifndef QBINFMT_PODMAN_H
#define QBINFMT_PODMAN_H

#include "failure.h"
#include "table.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* Are we in rootless podman's user namespace, run by `podman unshare`? */
bool podman_inside(void);

/* Run this qbinfmt again with command_line (main()'s argv), through
 * `podman unshare`.  Returns only when that cannot work, -1 with f:
 * podman missing, real root (rootful podman uses the host's
 * binfmt_misc), no subordinate ids, a kernel without private
 * binfmt_misc instances. */
int podman_run_inside(char **command_line, struct failure *f);

struct podman_files {
	char entries_dir[PATH_MAX], entries[PATH_MAX + 32];
	char hooks_dir[PATH_MAX], hook[PATH_MAX + 32];
	char dropin_dir[PATH_MAX], dropin[PATH_MAX + 32];
	char user_conf[PATH_MAX + 32]; /* ~/.config/containers/containers.conf */
};

/* Where they go, for the calling user.  0, or -1 with why. */
int podman_files_locate(struct podman_files *f, char *why, size_t why_size);

/* The entries recorded for the hook, appended to t (none when there is
 * no record).  0, or -errno when the record cannot be read. */
int podman_recorded(const struct podman_files *f, struct table *t);

/* Record exactly these entries for the hook and set the hook up; with
 * none, take it all down.  Each file is written whole or not at all.
 * 0, or -1 with why. */
int podman_persist(const struct podman_files *f, const struct table *entries, char *why,
		   size_t why_size);

struct podman_setup {
	size_t recorded;      /* entries in podman.conf */
	bool hook;	      /* qbinfmt.json names this qbinfmt */
	bool hooks_dir;	      /* the folder podman reads last lists hooks.d */
	bool containers_conf; /* CONTAINERS_CONF is set: podman reads that file alone */
};

/* What is set up now. */
void podman_setup_state(const struct podman_files *f, struct podman_setup *s);

#endif
