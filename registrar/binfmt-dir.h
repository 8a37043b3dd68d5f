/* SPDX-License-Identifier: MIT */
/* A binfmt_misc mount: register, enable, disable, remove.  Reading all its
 * entries is the core's job: binfmt_dir_load(), over table_load(). */
#ifndef QBINFMT_BINFMT_DIR_H
#define QBINFMT_BINFMT_DIR_H

#include "entry.h"
#include "table.h"

#include <stdbool.h>
#include <stddef.h>

#define BINFMT_DIR_DEFAULT "/proc/sys/fs/binfmt_misc"

/* Is DIR a binfmt_misc mount (it has register and status)? */
bool binfmt_dir_is_mount(const char *dir);

/* Mount binfmt_misc on DIR if nothing is mounted there.  0, or -errno. */
int binfmt_dir_mount(const char *dir);

/* Every entry into a fresh table, oldest registration first (the order
 * entry_pick() takes); status files that do not parse are its problems,
 * a mount switched off as a whole sets t->switched_off.  0 or -errno. */
int binfmt_dir_load(const char *dir, struct table *t);

/* Is an entry of that name in t? */
bool binfmt_dir_has(const struct table *t, const char *name);

/* One entry by name: 0, -ENOENT, -EBADMSG if its status file is not what
 * the kernel writes, or another -errno. */
int binfmt_dir_read(const char *dir, const char *name, struct binfmt_entry *entry);

/* Write a register string (len bytes).  0 or -errno from the kernel. */
int binfmt_dir_register(const char *dir, const char *text, size_t len);

/* Write "1", "0" or "-1" to the entry's file.  0 or -errno. */
int binfmt_dir_command(const char *dir, const char *name, const char *command);

#endif
