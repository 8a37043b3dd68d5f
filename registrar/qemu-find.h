/* SPDX-License-Identifier: MIT */
/* The emulators installed in a list of folders, and whether each needs
 * the host's libraries. */
#ifndef QBINFMT_QEMU_FIND_H
#define QBINFMT_QEMU_FIND_H

#include <limits.h>
#include <stdbool.h>

struct qemu_found {
	char static_path[PATH_MAX];  /* the first statically linked one, or "" */
	char dynamic_path[PATH_MAX]; /* the first that needs host libraries, or "" */
};

/* Look for qemu-NAME-static and qemu-NAME, in that order, in each of the
 * colon-separated dirs; PATH is never consulted.  Whether one is static
 * is read from the file (elf_linking_of_path()), never guessed from its
 * name: Debian 13's static qemu is qemu-NAME, its qemu-NAME-static a link
 * to it.  A file that is not ELF (a wrapper script) counts as dynamic:
 * it needs the host's files too. */
void qemu_find(const char *dirs, const char *name, struct qemu_found *found);

/* Is any qemu-TARGET of the table in the dirs? */
bool qemu_any(const char *dirs);

#endif
