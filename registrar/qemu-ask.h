/* SPDX-License-Identifier: MIT */
/*
 * What an installed qemu says of itself, asked once at install (never per
 * exec): its version, and whether it takes a -cpu model.
 */
#ifndef QBINFMT_QEMU_ASK_H
#define QBINFMT_QEMU_ASK_H

#include <stddef.h>

/* "qemu-aarch64 version 7.2.19 (Debian ...)": 702, major * 100 + minor;
 * -1 when it cannot be told.  The parsing alone: qemu_version_parse(). */
int qemu_version(const char *qemu);
int qemu_version_parse(const char *output);

/*
 * Does qemu take `-cpu model`?  qemu makes the CPU before it loads the
 * program, so a run on an empty file says nothing for a model it takes,
 * and its own error otherwise (unknown model, unknown property, a
 * combination it refuses, a feature TCG lacks); both 7.2 and 10.0 exit 1
 * either way.  0, or -1 with why: qemu's own first line and the models
 * `-cpu help` lists.
 */
int qemu_check_cpu(const char *qemu, const char *model, char *why, size_t why_size);

#endif
