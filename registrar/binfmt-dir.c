/* SPDX-License-Identifier: MIT */
#include "binfmt-dir.h"
#include "cleanup.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

static int entry_path(char *path, const char *dir, const char *name)
{
	int n = snprintf(path, PATH_MAX, "%s/%s", dir, name);
	return n > 0 && n < PATH_MAX ? 0 : -ENAMETOOLONG;
}

bool binfmt_dir_is_mount(const char *dir)
{
	char path[PATH_MAX];

	return entry_path(path, dir, "register") == 0 && access(path, F_OK) == 0 &&
	       entry_path(path, dir, "status") == 0 && access(path, F_OK) == 0;
}

int binfmt_dir_mount(const char *dir)
{
	if (binfmt_dir_is_mount(dir))
		return 0;
	if (mount("binfmt_misc", dir, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return -errno;
	return 0;
}

dev_t binfmt_dir_device(const char *dir)
{
	struct statfs fs;
	struct stat st;

	/* AT_NO_AUTOMOUNT: on systemd hosts the mount point is an autofs
	 * whose daemon lives in the host's namespaces. */
	if (fstatat(AT_FDCWD, dir, &st, AT_NO_AUTOMOUNT) < 0 || statfs(dir, &fs) < 0 ||
	    fs.f_type != BINFMTFS_MAGIC)
		return 0;
	return st.st_dev;
}

int binfmt_dir_mount_own(const char *dir)
{
	struct stat ours;

	/* A detached mount of binfmt_misc: the superblock is keyed by user
	 * namespace, so this is our instance, the one a mount(2) would give. */
	_cleanup_close_ int context = fsopen("binfmt_misc", FSOPEN_CLOEXEC);
	if (context < 0)
		return -errno;
	if (fsconfig(context, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return -errno;
	_cleanup_close_ int detached = fsmount(
	    context, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	if (detached < 0 || fstat(detached, &ours) < 0)
		return -errno;
	if (binfmt_dir_device(dir) == ours.st_dev)
		return 0;
	if (move_mount(detached, "", AT_FDCWD, dir, MOVE_MOUNT_F_EMPTY_PATH) < 0)
		return -errno;
	return 0;
}

/* glibc before 2.41 has no name for it (linux/mount.h, Linux 6.6). */
#ifndef FSCONFIG_CMD_CREATE_EXCL
#define FSCONFIG_CMD_CREATE_EXCL 8
#endif

int binfmt_dir_held(void)
{
	_cleanup_close_ int context = fsopen("binfmt_misc", FSOPEN_CLOEXEC);

	if (context < 0)
		return -errno;
	if (fsconfig(context, FSCONFIG_CMD_CREATE_EXCL, NULL, NULL, 0) == 0)
		return 0;
	return errno == EBUSY ? 1 : -errno;
}

bool binfmt_dir_shows_own(const char *dir, dev_t parent)
{
	char path[PATH_MAX];
	struct stat st;
	dev_t shown = binfmt_dir_device(dir);

	if (shown == 0 || shown == parent || entry_path(path, dir, "register") < 0 ||
	    stat(path, &st) < 0)
		return false;
	return st.st_uid == 0;
}

/* Write all of text in one write(): the kernel parses each write whole. */
static int write_whole(const char *path, const char *text, size_t len)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	do
		n = write(fd, text, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int binfmt_dir_lock(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			int saved = errno;
			close(fd);
			return -saved;
		}
	}
	return fd;
}

int binfmt_dir_register(const char *dir, const char *text, size_t len)
{
	char path[PATH_MAX];
	int r = entry_path(path, dir, "register");

	return r < 0 ? r : write_whole(path, text, len);
}

int binfmt_dir_command(const char *dir, const char *name, const char *command)
{
	char path[PATH_MAX];
	int r = entry_path(path, dir, name);

	return r < 0 ? r : write_whole(path, command, strlen(command));
}

int binfmt_dir_read(const char *dir, const char *name, struct binfmt_entry *entry)
{
	char path[PATH_MAX], text[8192];
	size_t len = 0;
	ssize_t n;
	int r = entry_path(path, dir, name);

	if (r < 0)
		return r;
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (len < sizeof(text) && (n = read(fd, text + len, sizeof(text) - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		len += (size_t)n;
	}
	return entry_status_parse(name, text, len, entry, NULL) == 0 ? 0 : -EBADMSG;
}

int binfmt_dir_load(const char *dir, struct table *t)
{
	table_init(t);
	int r = table_load(t, dir, TABLE_LIVE);
	if (r < 0)
		table_free(t);
	return r;
}

bool binfmt_dir_has(const struct table *t, const char *name)
{
	for (size_t i = 0; i < t->count; i++)
		if (!strcmp(t->items[i].entry.name, name))
			return true;
	return false;
}
