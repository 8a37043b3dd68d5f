/* SPDX-License-Identifier: MIT */
/* sandbox --root DIR: a foreign root filesystem to run the command in. */
#ifndef QBINFMT_SANDBOX_ROOT_H
#define QBINFMT_SANDBOX_ROOT_H

#include "targets.h"

#include <stddef.h>

#define SANDBOX_MAX_BINDS 32

struct sandbox_root {
	const char *dir;
	const char *bind_source[SANDBOX_MAX_BINDS];
	const char *bind_target[SANDBOX_MAX_BINDS]; /* inside the root */
	size_t binds;
};

/* Check DIR before anything happens: a folder holding /bin/sh (resolved
 * inside DIR), of a foreign target, which it returns; dies otherwise. */
const struct target *sandbox_root_check(const char *dir);

/* "SRC" or "SRC:DST" */
void sandbox_root_add_bind(struct sandbox_root *root, const char *spec);

/* In the command's process, inside the sandbox: a fresh /proc, a minimal
 * /dev, /sys read-only, the host's resolv.conf, a tmpfs /tmp, the binds,
 * then chroot.  Every mount is in the sandbox's mount namespace over
 * folders DIR already has (or in tmpfs of ours): nothing is written into
 * DIR.  Dies naming what is missing. */
void sandbox_root_enter(void *root);

#endif
