/* SPDX-License-Identifier: MIT */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct walker {
	const struct walk_ops *ops;
	void *ctx;
	struct walk_stats *stats;
	char path[PATH_MAX];
	/* The folders from the root down to the current one. */
	dev_t dev[WALK_MAX_DEPTH];
	ino_t ino[WALK_MAX_DEPTH];
	size_t depth;
};

static void walk_folder(struct walker *w, int fd, size_t path_len);

static bool on_stack(const struct walker *w, const struct stat *st)
{
	for (size_t i = 0; i < w->depth; i++)
		if (w->dev[i] == st->st_dev && w->ino[i] == st->st_ino)
			return true;
	return false;
}

/* Enter the folder open at fd (consumed), whose path is w->path. */
static void enter(struct walker *w, int fd, size_t path_len)
{
	struct stat st;

	if (fstat(fd, &st) < 0) {
		w->stats->errors++;
		w->ops->error(w->ctx, w->path, errno, "cannot examine folder");
		close(fd);
		return;
	}
	if (on_stack(w, &st)) {
		w->stats->loops++;
		close(fd);
		return;
	}
	if (w->depth == WALK_MAX_DEPTH) {
		w->stats->errors++;
		w->ops->error(w->ctx, w->path, ELOOP, "folders nested too deep, skipped");
		close(fd);
		return;
	}
	w->dev[w->depth] = st.st_dev;
	w->ino[w->depth] = st.st_ino;
	w->depth++;
	w->stats->folders++;
	walk_folder(w, fd, path_len);
	w->depth--;
}

static void visit(struct walker *w, int dirfd, const char *name, unsigned char type,
		  size_t path_len)
{
	struct stat st;

	if (type == DT_UNKNOWN) {
		if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno != ENOENT) {
				w->stats->errors++;
				w->ops->error(w->ctx, w->path, errno, "cannot examine");
			}
			return;
		}
		type = S_ISREG(st.st_mode)   ? DT_REG
		       : S_ISDIR(st.st_mode) ? DT_DIR
		       : S_ISLNK(st.st_mode) ? DT_LNK
					     : DT_CHR;
	}
	switch (type) {
	case DT_REG:
		w->ops->file(w->ctx, dirfd, name, w->path, true);
		return;
	case DT_LNK:
		w->stats->symlinks++;
		return;
	case DT_DIR: {
		int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			if (errno != ENOENT) {
				w->stats->errors++;
				w->ops->error(w->ctx, w->path, errno, "cannot open folder");
			}
			return;
		}
		enter(w, fd, path_len);
		return;
	}
	default:
		w->stats->special++;
		return;
	}
}

struct child {
	char *name;
	unsigned char type;
};

static int compare_children(const void *a, const void *b)
{
	return strcmp(((const struct child *)a)->name, ((const struct child *)b)->name);
}

/* The folder's entries, sorted by name so that output does not depend on
 * the file system's readdir order.  -errno on failure. */
static long read_children(DIR *dir, struct child **out)
{
	struct child *children = NULL;
	size_t count = 0, capacity = 0;
	struct dirent *d;

	for (;;) {
		errno = 0;
		if (!(d = readdir(dir)))
			break;
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		if (count == capacity) {
			size_t bigger = capacity ? capacity * 2 : 64;
			struct child *p = realloc(children, bigger * sizeof(*p));
			if (!p) {
				errno = ENOMEM;
				break;
			}
			children = p;
			capacity = bigger;
		}
		if (!(children[count].name = strdup(d->d_name))) {
			errno = ENOMEM;
			break;
		}
		children[count++].type = d->d_type;
	}
	if (errno) {
		long r = -errno;
		while (count-- > 0)
			free(children[count].name);
		free(children);
		return r;
	}
	if (count > 1)
		qsort(children, count, sizeof(*children), compare_children);
	*out = children;
	return (long)count;
}

static void walk_folder(struct walker *w, int fd, size_t path_len)
{
	DIR *dir = fdopendir(fd);
	struct child *children = NULL;
	long count;

	if (!dir) {
		w->stats->errors++;
		w->ops->error(w->ctx, w->path, errno, "cannot read folder");
		close(fd);
		return;
	}
	count = read_children(dir, &children);
	if (count < 0) {
		w->stats->errors++;
		w->ops->error(w->ctx, w->path, (int)-count, "cannot read folder");
		closedir(dir);
		return;
	}
	for (long i = 0; i < count; i++) {
		const char *name = children[i].name;
		size_t name_len = strlen(name);
		bool slash = path_len == 0 || w->path[path_len - 1] != '/';
		size_t child_len = path_len + slash + name_len;

		if (child_len >= sizeof(w->path)) {
			w->path[path_len] = '\0';
			w->stats->errors++;
			w->ops->error(w->ctx, w->path, ENAMETOOLONG,
				      "name inside too long, skipped");
		} else {
			if (slash)
				w->path[path_len] = '/';
			memcpy(w->path + path_len + slash, name, name_len + 1);
			visit(w, dirfd(dir), name, children[i].type, child_len);
			w->path[path_len] = '\0';
		}
		free(children[i].name);
	}
	free(children);
	closedir(dir);
}

void walk(const char *root, const struct walk_ops *ops, void *ctx, struct walk_stats *stats)
{
	static struct walker w; /* large: keep it off the stack */
	size_t len = strlen(root);
	struct stat st;

	memset(&w, 0, sizeof(w));
	w.ops = ops;
	w.ctx = ctx;
	w.stats = stats;
	if (len >= sizeof(w.path)) {
		stats->errors++;
		ops->error(ctx, root, ENAMETOOLONG, "cannot examine");
		return;
	}
	memcpy(w.path, root, len + 1);
	/* What the user named is followed, symlink or not. */
	if (stat(root, &st) < 0) {
		stats->errors++;
		ops->error(ctx, root, errno, "cannot examine");
		return;
	}
	if (S_ISREG(st.st_mode)) {
		ops->file(ctx, AT_FDCWD, root, root, false);
	} else if (S_ISDIR(st.st_mode)) {
		int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0) {
			stats->errors++;
			ops->error(ctx, root, errno, "cannot open folder");
			return;
		}
		enter(&w, fd, len);
	} else {
		stats->special++;
	}
}
