/* SPDX-License-Identifier: MIT */
#include "sandbox-mount.h"
#include "cleanup.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int sandbox_open_in_root(int root_fd, const char *path, int flags)
{
	struct open_how how = {.flags = (unsigned)(flags | O_CLOEXEC), .resolve = RESOLVE_IN_ROOT};

	return (int)syscall(SYS_openat2, root_fd, path, &how, sizeof(how));
}

/* A detached mount on target_fd: the topmost there, as mount(2) puts it.
 * A folder onto a file, or a file onto a folder, is ENOTDIR, as mount(2)
 * says it (move_mount says EINVAL). */
static int attach(int mount_fd, int target_fd)
{
	struct stat from, to;

	if (fstat(mount_fd, &from) == 0 && fstat(target_fd, &to) == 0 &&
	    S_ISDIR(from.st_mode) != S_ISDIR(to.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return move_mount(mount_fd, "", target_fd, "",
			  MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH);
}

/* mount(8)'s -o "key=value,flag" into the filesystem context fs; the
 * source, which mount(2) would name in /proc/self/mountinfo, the type. */
static int configure(int fs, const char *type, const char *options)
{
	char copy[128], *save = NULL;

	if (snprintf(copy, sizeof(copy), "%s", options) >= (int)sizeof(copy)) {
		errno = E2BIG;
		return -1;
	}
	if (fsconfig(fs, FSCONFIG_SET_STRING, "source", type, 0) < 0)
		return -1;
	for (char *option = strtok_r(copy, ",", &save); option;
	     option = strtok_r(NULL, ",", &save)) {
		char *value = strchr(option, '=');
		if (value)
			*value++ = '\0';
		if (fsconfig(fs, value ? FSCONFIG_SET_STRING : FSCONFIG_SET_FLAG, option, value,
			     0) < 0)
			return -1;
	}
	return fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0);
}

int sandbox_mount_fs(const char *type, const char *options, unsigned int attrs, int target_fd)
{
	_cleanup_close_ int fs = fsopen(type, FSOPEN_CLOEXEC);

	if (fs < 0 || configure(fs, type, options) < 0)
		return -1;
	int mounted = fsmount(fs, FSMOUNT_CLOEXEC, attrs);
	if (mounted < 0)
		return -1;
	if (attach(mounted, target_fd) < 0) {
		int saved = errno;
		close(mounted);
		errno = saved;
		return -1;
	}
	return mounted;
}

int sandbox_mount_bind(const char *source, bool recursive, unsigned int attrs, int target_fd)
{
	struct mount_attr attr = {.attr_set = attrs};
	_cleanup_close_ int tree = open_tree(
	    AT_FDCWD, source, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (recursive ? AT_RECURSIVE : 0));

	if (tree < 0)
		return -1;
	if (attrs && mount_setattr(tree, "", AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), &attr,
				   sizeof(attr)) < 0)
		return -1;
	return attach(tree, target_fd);
}
