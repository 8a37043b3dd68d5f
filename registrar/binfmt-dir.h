/* SPDX-License-Identifier: MIT */
/* A binfmt_misc mount: read its entries, register, enable, disable, remove. */
#ifndef QBINFMT_BINFMT_DIR_H
#define QBINFMT_BINFMT_DIR_H

#include "entry.h"

#include <stdbool.h>
#include <stddef.h>

#define BINFMT_DIR_DEFAULT "/proc/sys/fs/binfmt_misc"

struct live_entries {
	struct binfmt_entry *items;
	size_t count;
	char (*unreadable)[BINFMT_NAME_MAX + 1]; /* status files that did not parse */
	size_t unreadable_count;
};

/* Is DIR a binfmt_misc mount (it has register and status)? */
bool binfmt_dir_is_mount(const char *dir);

/* Does its status file say "enabled"?  When not, the kernel runs nothing
 * through any entry (load_misc_binary() returns -ENOEXEC at once). */
bool binfmt_dir_enabled(const char *dir);

/* Mount binfmt_misc on DIR if nothing is mounted there.  0, or -errno. */
int binfmt_dir_mount(const char *dir);

/* Every entry, oldest registration first (the order entry_pick() takes).
 * 0 or -errno. */
int binfmt_dir_read_all(const char *dir, struct live_entries *out);
void live_entries_free(struct live_entries *l);

/* One entry by name: 0, -ENOENT, -EBADMSG if its status file is not what
 * the kernel writes, or another -errno. */
int binfmt_dir_read(const char *dir, const char *name, struct binfmt_entry *entry);

/* Write a register string (len bytes).  0 or -errno from the kernel. */
int binfmt_dir_register(const char *dir, const char *text, size_t len);

/* Write "1", "0" or "-1" to the entry's file.  0 or -errno. */
int binfmt_dir_command(const char *dir, const char *name, const char *command);

#endif
