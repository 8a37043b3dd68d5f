/* SPDX-License-Identifier: MIT */
/*
 * The names the launcher is registered under, one per target:
 * qemu-TARGET-binfmt-P.  The kernel runs it by that name and it reads its
 * target from it; the registrar makes the name and doctor reads it back.
 *
 * libc only and self-contained: the launcher, which links nothing of the
 * core, compiles launcher-name.c too.
 */
#ifndef QBINFMT_LAUNCHER_NAME_H
#define QBINFMT_LAUNCHER_NAME_H

#include <stdbool.h>
#include <stddef.h>

#define LAUNCHER_NAME_PREFIX "qemu-"
#define LAUNCHER_NAME_SUFFIX "-binfmt-P"
#define LAUNCHER_TARGET_MAX  32

/* The target the last component of `path` names, if that is a launcher
 * name: a target of 1 to LAUNCHER_TARGET_MAX characters of [a-z0-9_]
 * (nothing a path could be made of); false otherwise. */
bool launcher_name_target(const char *path, char target[LAUNCHER_TARGET_MAX + 1]);

/* The launcher's name for `target` into name; false if it does not fit. */
bool launcher_name(const char *target, char *name, size_t size);

#endif
