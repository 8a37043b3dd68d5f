/* SPDX-License-Identifier: MIT */
/* sandbox --root DIR: a foreign root filesystem to run the command in. */
#ifndef QBINFMT_SANDBOX_ROOT_H
#define QBINFMT_SANDBOX_ROOT_H

#include "failure.h"
#include "targets.h"

#include <limits.h>
#include <stddef.h>

#define SANDBOX_MAX_BINDS 32

struct sandbox_bind {
	char source[PATH_MAX]; /* the caller's path */
	const char *target;    /* inside the root */
};

struct sandbox_root {
	const char *dir;
	struct sandbox_bind binds[SANDBOX_MAX_BINDS];
	size_t bind_count;
};

/* Check DIR before anything happens: a folder holding /bin/sh (resolved
 * inside DIR), of a foreign target, which it sets. */
int sandbox_root_check(const char *dir, const struct target **target, struct failure *f);

/* --bind "SRC" or "SRC:DST" (DST stays in spec, which must outlive
 * root); a usage failure for a bad one. */
int sandbox_root_add_bind(struct sandbox_root *root, const char *spec, struct failure *f);

/* In the command's process, inside the sandbox: a fresh /proc, a minimal
 * /dev, /sys read-only throughout, the host's resolv.conf, a tmpfs /tmp,
 * the binds, then chroot.  Every mount is in the sandbox's mount
 * namespace, over a folder or file DIR already has (or in a tmpfs of
 * ours), found inside DIR as the command will find it: nothing is
 * written into DIR, nothing mounted outside it. */
int sandbox_root_enter(const struct sandbox_root *root, struct failure *f);

#endif
