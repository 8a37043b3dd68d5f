/* SPDX-License-Identifier: MIT */
/*
 * What is set up for podman's namespace, as `qbinfmt podman status` tells
 * it: the record, the hook as podman would run it, whether podman reads
 * the hook's folder at all, what the hook said last, and entries of the
 * namespace that keep its own programs from running.
 */
#ifndef QBINFMT_PODMAN_STATE_H
#define QBINFMT_PODMAN_STATE_H

#include "podman-conf.h"
#include "podman-files.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct podman_state {
	size_t recorded;	   /* entries in the record */
	char record_problem[1536]; /* it cannot be read whole: why */
	struct podman_hook_state hook;
	bool containers_conf; /* CONTAINERS_CONF is set: podman reads that file alone */
	bool hooks_dir_read;  /* podman reads the hook's folder */
	char hooks_dir_left_out_by[PATH_MAX]; /* when not: the file whose hooks_dir leaves it out */
	char hidden_dirs[1024]; /* folders podman reads only without qbinfmt's drop-in */
	char hidden_dirs_set_by[PATH_MAX];
	char conf_problem[1536]; /* a containers.conf podman cannot read */
	char *last_said;	 /* RECORD.problems, or NULL */
	char captured[512];	 /* entries capturing the host's own programs: "a, b" */
	bool working;		 /* recorded, and the hook runs whenever podman starts one */
};

/* Gather it, for the binfmt_misc mount dir of podman's namespace (own:
 * the namespace's own instance, whose entries are looked at). */
void podman_state_read(const struct podman_files *files, const struct podman_version *v,
		       const char *dir, bool own, struct podman_state *s);
void podman_state_free(struct podman_state *s);

#endif
