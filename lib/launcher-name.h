/* SPDX-License-Identifier: MIT */
/*
 * The names the launcher is registered under, one per target and CPU
 * model: qemu-TARGET-binfmt-P, or qemu-TARGET-binfmt-P,cpu=MODEL for a
 * qemu to be run with -cpu MODEL.  The kernel runs the launcher by that
 * name (argv[0] is the registered interpreter's path), so the model
 * reaches it with no file read and no environment variable; the
 * registrar makes the name and doctor reads it back.
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
#define LAUNCHER_CPU_TAG     ",cpu="
#define LAUNCHER_TARGET_MAX  32
/* A file name has at most 255 bytes; the rest of the name takes 47. */
#define LAUNCHER_CPU_MAX 200

/*
 * Does the last component of `path` name the launcher?  Then its target
 * (1 to LAUNCHER_TARGET_MAX characters of [a-z0-9_]) goes to target, and
 * *cpu points at the model in path (NULL: none, qemu's own).  A model is
 * 1 to LAUNCHER_CPU_MAX characters of launcher_cpu_valid(): nothing a
 * path, a shell or qemu's option parser would take for more.
 */
bool launcher_name_parse(const char *path, char target[LAUNCHER_TARGET_MAX + 1], const char **cpu);

/* The launcher's name for `target` and `cpu` (NULL: none) into name;
 * false if it does not fit or the model is not valid. */
bool launcher_name(const char *target, const char *cpu, char *name, size_t size);

/* Is `model` a -cpu argument a launcher name may carry: it starts with a
 * letter or digit and holds only [A-Za-z0-9_.,=+-]? */
bool launcher_cpu_valid(const char *model);

#endif
