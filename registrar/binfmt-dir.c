/* SPDX-License-Identifier: MIT */
#include "binfmt-dir.h"
#include "cleanup.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
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
