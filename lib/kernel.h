/* SPDX-License-Identifier: MIT */
/*
 * The Linux versions whose binfmt_misc features qbinfmt depends on, and
 * whether the running kernel has them: one home for "5.12" and "6.7"
 * (the launcher, which uses no core code, reads AT_FLAGS itself).
 */
#ifndef QBINFMT_KERNEL_H
#define QBINFMT_KERNEL_H

#include <stdbool.h>

enum kernel_feature {
	/* 5.12: the interpreter learns about P through AT_FLAGS
	 * (AT_FLAGS_PRESERVE_ARGV0), so qemu itself can honour it. */
	KERNEL_AT_FLAGS,
	/* 6.7: each user namespace may mount a binfmt_misc of its own. */
	KERNEL_PRIVATE_BINFMT,
};

/* "5.12", "6.7": for messages ("needs Linux %s or later"). */
const char *kernel_feature_version(enum kernel_feature feature);

/* Does a kernel of this release ("6.1.0-13-amd64") have the feature?
 * An unreadable release counts as having it: the system call will say. */
bool kernel_release_has(const char *release, enum kernel_feature feature);

/* The running kernel's release (uname -r), "unknown" if uname fails. */
const char *kernel_release(void);

/* Does the running kernel have the feature? */
bool kernel_has(enum kernel_feature feature);

#endif
