/* SPDX-License-Identifier: MIT */
/*
 * A mounted binfmt_misc: one status file per entry (entry_status_parse()),
 * plus `register` and the global `status` ("enabled" or "disabled").
 *
 * The mount does not say in which order entries were registered, which is
 * what decides the kernel's pick.  What it does show: binfmt_misc's folder
 * is read by libfs' dcache_readdir(), which walks the folder's children
 * list, and d_alloc() adds each new dentry at the head of that list, so
 * readdir lists the newest entry first -- the order of the kernel's own
 * entries list.  We take the reverse of readdir order as registration
 * order.  This is how Linux behaves (tests/elfprobe-live.kt checks it on
 * the running kernel), not an interface it promises.  A folder that is
 * not a binfmt_misc mount (a fake tree) is taken in name order instead.
 */
#include "table-internal.h"

#include "files.h"
#include "quote.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <unistd.h>

void table_parse_status(struct table *t, const char *source, const char *name, const char *text,
			size_t len)
{
	struct binfmt_entry e;
	int bad_line = 0;

	if (entry_status_parse(name, text, len, &e, &bad_line) < 0) {
		/* Quote the line that does not fit. */
		struct text_lines lines;
		const char *line = "";
		size_t line_len = 0;
		char quoted[96];
		text_lines_init(&lines, text, len);
		while (lines.number < bad_line && text_next_line(&lines, &line, &line_len))
			;
		quote_bytes(quoted, sizeof(quoted), line, line_len);
		table_problem(t, source, bad_line, "not an entry status file the kernel writes: %s",
			      bad_line ? quoted : "(bad entry name)");
		return;
	}
	table_add(t, &e, source, 0);
}

/* A file of the mount: 0 when read, 1 when it is no file the kernel
 * writes (a problem: a fake tree's folder, say), or -errno.  One that
 * cannot be read (EMFILE under a low descriptor limit, EIO) fails the
 * whole load: a table without that entry would be taken for what the
 * mount holds, and remove would call the entry absent. */
static int read_listed(struct table *t, int fd, const char *name, const char *path, char **text,
		       size_t *len)
{
	int r = file_read_all(fd, name, text, len);

	if (r == -EISDIR || r == -EINVAL || r == -EFBIG) {
		table_problem(t, path, 0, "not a file binfmt_misc writes: %s", strerror(-r));
		return 1;
	}
	return r;
}

static int read_global_status(struct table *t, int fd, const char *folder)
{
	char path[PATH_MAX];
	char *text;
	size_t len;

	if (!path_join(path, sizeof(path), folder, "status"))
		snprintf(path, sizeof(path), "status");
	int r = read_listed(t, fd, "status", path, &text, &len);
	if (r == -ENOENT)
		table_problem(t, path, 0, "cannot read: %s", strerror(ENOENT));
	if (r == -ENOENT || r == 1)
		return 0;
	if (r < 0)
		return r;
	if (len >= 8 && !memcmp(text, "disabled", 8)) {
		t->switched_off = true;
		snprintf(t->switched_off_by, sizeof(t->switched_off_by), "%s", path);
	} else if (!(len >= 7 && !memcmp(text, "enabled", 7)))
		table_problem(t, path, 1, "neither \"enabled\" nor \"disabled\"");
	free(text);
	return 0;
}

/* Sorted so that walking backwards gives name order, as readdir's newest
 * first does registration order. */
static int compare_names_newest_first(const void *a, const void *b)
{
	return -strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entries, not the mount's own two files. */
static bool is_entry_name(const char *name)
{
	return strcmp(name, "register") != 0 && strcmp(name, "status") != 0;
}

int table_load_live(struct table *t, const char *folder)
{
	int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char **names = NULL;
	int r = 0;

	if (fd < 0)
		return -errno;
	if (faccessat(fd, "register", F_OK, 0) < 0) {
		r = errno == ENOENT ? -ENOTDIR : -errno;
		close(fd);
		return r;
	}
	int count = dir_names(fd, is_entry_name, &names);
	if (count < 0) {
		close(fd);
		return count;
	}
	r = read_global_status(t, fd, folder);
	if (r == 0) {
		/* A folder that only looks like a mount (a fake tree of tests,
		 * a copy): its readdir order is its filesystem's (ext4 hashes,
		 * tmpfs lists newest first), not the kernel's.  Name order then,
		 * the same on every filesystem. */
		struct statfs fs;
		if (fstatfs(fd, &fs) == 0 && fs.f_type != BINFMTFS_MAGIC && count > 1)
			qsort(names, (size_t)count, sizeof(*names), compare_names_newest_first);
		/* Newest first on readdir: walk it backwards. */
		for (int i = count; r == 0 && i-- > 0;) {
			char path[PATH_MAX];
			char *text;
			size_t len;

			if (!path_join(path, sizeof(path), folder, names[i])) {
				table_problem(t, folder, 0, "path too long: %.64s", names[i]);
				continue;
			}
			int read = read_listed(t, fd, names[i], path, &text, &len);
			/* Removed since readdir: not an error of the table. */
			if (read < 0 && read != -ENOENT)
				r = read;
			if (read != 0)
				continue;
			table_parse_status(t, path, names[i], text, len);
			free(text);
		}
	}
	dir_names_free(names, count);
	close(fd);
	return r;
}
