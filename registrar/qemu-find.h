/* SPDX-License-Identifier: MIT */
#ifndef QBINFMT_QEMU_FIND_H
#define QBINFMT_QEMU_FIND_H

#include <limits.h>
#include <stdbool.h>

struct qemu_found {
	char static_path[PATH_MAX];  /* "" when none */
	char dynamic_path[PATH_MAX]; /* "" when none */
};

/* Look for qemu-NAME-static and qemu-NAME in the colon-separated dirs,
 * first folder that has each one wins.  PATH is never consulted. */
void qemu_find(const char *dirs, const char *name, struct qemu_found *found);

#endif
