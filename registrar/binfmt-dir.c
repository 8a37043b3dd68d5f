/* SPDX-License-Identifier: MIT */
#include "binfmt-dir.h"
#include "cleanup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
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

bool binfmt_dir_enabled(const char *dir)
{
	char path[PATH_MAX], text[16] = "";

	if (entry_path(path, dir, "status") < 0)
		return false;
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, text, sizeof(text) - 1);
	return n > 0 && strncmp(text, "enabled", 7) == 0;
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

static bool control_file(const char *name)
{
	return !strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, "register") ||
	       !strcmp(name, "status");
}

int binfmt_dir_read_all(const char *dir, struct live_entries *out)
{
	_cleanup_free_ struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, NULL);

	memset(out, 0, sizeof(*out));
	if (n < 0)
		return -errno;
	out->items = calloc((size_t)n + 1, sizeof(*out->items));
	out->unreadable = calloc((size_t)n + 1, sizeof(*out->unreadable));
	if (!out->items || !out->unreadable) {
		for (int i = 0; i < n; i++)
			free(names[i]);
		live_entries_free(out);
		return -ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		if (!control_file(name)) {
			if (binfmt_dir_read(dir, name, &out->items[out->count]) == 0)
				out->count++;
			else
				snprintf(out->unreadable[out->unreadable_count++], BINFMT_NAME_MAX + 1, "%s",
					 name);
		}
		free(names[i]);
	}
	/* binfmt_misc lists the newest entry first (libfs keeps new dentries
	 * at the head, as the kernel keeps its match list): reverse, so that
	 * callers get registration order, as entry_pick() wants. */
	for (size_t i = 0; i < out->count / 2; i++) {
		struct binfmt_entry swap = out->items[i];
		out->items[i] = out->items[out->count - 1 - i];
		out->items[out->count - 1 - i] = swap;
	}
	return 0;
}

void live_entries_free(struct live_entries *l)
{
	free(l->items);
	free(l->unreadable);
	memset(l, 0, sizeof(*l));
}
