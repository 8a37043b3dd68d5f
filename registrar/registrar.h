/* SPDX-License-Identifier: MIT */
/* Small things several commands share. */
#ifndef QBINFMT_REGISTRAR_H
#define QBINFMT_REGISTRAR_H

#include <stdbool.h>

/* Where short links to long interpreter paths go: /run/qbinfmt as root,
 * $XDG_RUNTIME_DIR/qbinfmt otherwise. */
const char *registrar_runtime_dir(void);

/* DIR must be a binfmt_misc mount: mount it if we may, else die with the
 * reason and the way out. */
void registrar_need_mount(const char *dir);

/* Entries qbinfmt installed carry its prefix. */
bool registrar_owns(const char *entry_name);

#endif
