/* SPDX-License-Identifier: MIT */
/* A binfmt_misc mount: register, enable, disable, remove.  Reading all its
 * entries is the core's job: binfmt_dir_load(), over table_load(). */
#ifndef QBINFMT_BINFMT_DIR_H
#define QBINFMT_BINFMT_DIR_H

#include "entry.h"
#include "table.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define BINFMT_DIR_DEFAULT "/proc/sys/fs/binfmt_misc"

/* Is DIR a binfmt_misc mount (it has register and status)? */
bool binfmt_dir_is_mount(const char *dir);

/* Mount binfmt_misc on DIR if nothing is mounted there.  0, or -errno. */
int binfmt_dir_mount(const char *dir);

/*
 * Since Linux 6.7 each user namespace can have a binfmt_misc instance of
 * its own; an exec uses the instance of the nearest user namespace, from
 * the caller's up, that has one (fs/binfmt_misc.c: load_binfmt_misc()).
 * The first mount of binfmt_misc in a namespace creates its instance,
 * which then lasts as long as the namespace, even unmounted: from then
 * on, the parent's entries no longer apply there.  So only commands that
 * mean to register may create one.  Its entries, though, live only as
 * long as its superblock: when the last mount of it goes, in whatever
 * mount namespace, every entry goes with it (the superblock's end evicts
 * their inodes: bm_evict_inode()), the host's own instance's included;
 * before 6.7 each entry pinned the filesystem (simple_pin_fs()).
 */

/* Make DIR show the calling user namespace's own instance, creating it
 * if it has none yet: when DIR shows another one (a parent's, inherited
 * with the mount namespace) or nothing, ours goes over it.  0 or -errno
 * (-EPERM: the kernel has no per-namespace binfmt_misc, before 6.7). */
int binfmt_dir_mount_own(const char *dir);

/* Is the calling user namespace's binfmt_misc superblock alive, held by
 * a mount somewhere else (the host's, podman's namespace's, another
 * container's), so that what is registered now outlives the caller's own
 * mounts?  Asked with FSCONFIG_CMD_CREATE_EXCL (Linux 6.6), which refuses
 * to reuse a live superblock (vfs_get_super()) and otherwise makes a new
 * one, dropped at once; in a user namespace without an instance that
 * creates it, as any mount would.  1 held, 0 not, or -errno (-EINVAL: a
 * kernel before 6.6; -ENODEV: one without binfmt_misc). */
int binfmt_dir_held(void);

/* The device number of the binfmt_misc instance DIR shows, or 0 when DIR
 * is not a binfmt_misc mount.  Never triggers an automount. */
dev_t binfmt_dir_device(const char *dir);

/* Without creating anything: does DIR show the calling user namespace's
 * own instance?  Its files belong to root here (the host's, seen from an
 * unprivileged namespace, belong to nobody) and it is not `parent`, the
 * instance the caller saw before it entered the namespace (0: none). */
bool binfmt_dir_shows_own(const char *dir, dev_t parent);

/* Every entry into a fresh table, oldest registration first (the order
 * entry_pick() takes); status files that do not parse are its problems,
 * a mount switched off as a whole sets t->switched_off.  0 or -errno. */
int binfmt_dir_load(const char *dir, struct table *t);

/* Is an entry of that name in t? */
bool binfmt_dir_has(const struct table *t, const char *name);

/* One entry by name: 0, -ENOENT, -EBADMSG if its status file is not what
 * the kernel writes, or another -errno. */
int binfmt_dir_read(const char *dir, const char *name, struct binfmt_entry *entry);

/* Wait for, then hold until we exit, the lock every qbinfmt that writes
 * to DIR takes (flock on the mount's folder), so that their reads and
 * writes do not interleave.  Other writers (systemd-binfmt, a shell) take
 * none: what they do meanwhile is still reported truly.  The descriptor,
 * or -errno. */
int binfmt_dir_lock(const char *dir);

/* Write a register string (len bytes).  0 or -errno from the kernel. */
int binfmt_dir_register(const char *dir, const char *text, size_t len);

/* Write "1", "0" or "-1" to the entry's file.  0 or -errno. */
int binfmt_dir_command(const char *dir, const char *name, const char *command);

#endif
