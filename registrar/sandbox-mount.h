/* SPDX-License-Identifier: MIT */
/*
 * Mounts for sandbox --root, made through file descriptors (the mount API
 * of fsopen(2), open_tree(2) and move_mount(2)) onto targets resolved
 * inside the root as the kernel resolves paths for a process chrooted
 * there: no link, absolute or "../..", leads out of it, and no path is
 * looked up twice.  Each returns -1 with errno set.
 */
#ifndef QBINFMT_SANDBOX_MOUNT_H
#define QBINFMT_SANDBOX_MOUNT_H

#include <stdbool.h>

/* path inside the root root_fd, as if root_fd were "/", opened with
 * flags (O_CLOEXEC added; O_PATH for a mount target, O_NOFOLLOW to
 * leave a last link unfollowed). */
int sandbox_open_in_root(int root_fd, const char *path, int flags);

/* A new filesystem of type (options as mount(8)'s -o: "mode=0755,size=64k",
 * a bare word a flag), with the mount attributes attrs (MOUNT_ATTR_*),
 * on target_fd.  Returns an O_PATH descriptor of its root. */
int sandbox_mount_fs(const char *type, const char *options, unsigned int attrs, int target_fd);

/* A bind of the caller's source (with every mount below it when
 * recursive) on target_fd, attrs set on each of its mounts before it is
 * attached, so that no moment sees it without them.  Returns 0. */
int sandbox_mount_bind(const char *source, bool recursive, unsigned int attrs, int target_fd);

#endif
