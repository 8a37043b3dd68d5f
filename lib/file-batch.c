/* SPDX-License-Identifier: MIT */
#include "file-batch.h"

#include "array.h"
#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

bool file_batch_init(struct file_batch *b, const char *dir)
{
	memset(b, 0, sizeof(*b));
	int n = snprintf(b->dir, sizeof(b->dir), "%s", dir);
	return n >= 0 && (size_t)n < sizeof(b->dir);
}

int file_batch_add(struct file_batch *b, const char *name, const char *text)
{
	if (strlen(name) >= sizeof(b->items[0].name))
		return -ENAMETOOLONG;
	if (!array_grow((void **)&b->items, &b->capacity, b->count, sizeof(*b->items),
			FILES_MAX_NAMES))
		return -ENOMEM;

	struct file_batch_item *item = &b->items[b->count];
	memset(item, 0, sizeof(*item));
	snprintf(item->name, sizeof(item->name), "%s", name);
	int r = file_write_temporary(b->dir, name, text, item->staged, sizeof(item->staged));
	if (r < 0)
		return r;
	b->count++;
	return 0;
}

/* Where the filesystem cannot swap: the old file kept under a second
 * name (a hard link), STAGED.old, so that it can come back.  -errno where
 * it cannot be, -ENOENT when it is gone meanwhile. */
static int keep_old(struct file_batch_item *item, const char *path)
{
	int n = snprintf(item->kept, sizeof(item->kept), "%s.old", item->staged);

	if (n < 0 || (size_t)n >= sizeof(item->kept))
		return -ENAMETOOLONG;
	/* STAGED is this batch's own name: a STAGED.old is a killed
	 * batch's, of the same pid, left behind. */
	if (link(path, item->kept) < 0 &&
	    (errno != EEXIST || unlink(item->kept) < 0 || link(path, item->kept) < 0))
		return -errno;
	return 0;
}

/* Swap the new file in where an old one is, so that the old one can come
 * back the same way; rename() it in where there is none, or where this
 * filesystem cannot swap, the old one kept under a second name (then,
 * where there are no hard links either, the old one cannot come back). */
static int place(struct file_batch_item *item, const char *path)
{
	struct stat st;
	bool there = lstat(path, &st) == 0, kept = false;

	if (there && S_ISDIR(st.st_mode))
		return -EISDIR;
	if (there) {
		if (renameat2(AT_FDCWD, item->staged, AT_FDCWD, path, RENAME_EXCHANGE) == 0) {
			item->state = FILE_BATCH_EXCHANGED;
			return 0;
		}
		if (errno == ENOENT)
			there = false; /* removed meanwhile */
		else if (errno != EINVAL && errno != ENOSYS)
			return -errno;
	}
	if (there) {
		int r = keep_old(item, path);
		if (r == -ENOENT)
			there = false;
		else if (r == 0)
			kept = true;
		else if (r != -EPERM && r != -EOPNOTSUPP && r != -EMLINK)
			return r;
	}
	if (rename(item->staged, path) < 0) {
		int r = -errno;
		if (kept)
			unlink(item->kept);
		return r;
	}
	item->state = kept ? FILE_BATCH_KEPT : there ? FILE_BATCH_REPLACED : FILE_BATCH_PLACED;
	return 0;
}

static void take_back(struct file_batch_item *item, const char *path)
{
	int r = 0;

	if (item->state == FILE_BATCH_EXCHANGED) {
		if (renameat2(AT_FDCWD, item->staged, AT_FDCWD, path, RENAME_EXCHANGE) < 0)
			r = -errno;
		else
			unlink(item->staged);
	} else if (item->state == FILE_BATCH_KEPT) {
		if (rename(item->kept, path) < 0)
			r = -errno;
	} else if (item->state == FILE_BATCH_PLACED) {
		if (unlink(path) < 0)
			r = -errno;
	} else {
		r = -EOPNOTSUPP; /* replaced by rename(): the old file is gone */
	}
	item->state = r < 0 ? FILE_BATCH_STUCK : FILE_BATCH_TAKEN_BACK;
	item->error = r;
}

/* The folder's lock, held while files are put in place and taken back:
 * a batch taking its files back must not take back another batch's,
 * placed meanwhile over the file it had swapped in.  -1 where there is
 * none (flock's ENOLCK): go on, as binfmt_dir_lock() does. */
static int lock_folder(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	while (fd >= 0 && flock(fd, LOCK_EX) < 0) {
		if (errno == EINTR)
			continue;
		close(fd);
		return -1;
	}
	return fd;
}

static int commit_locked(struct file_batch *b, size_t *failed)
{
	char path[PATH_MAX];

	for (size_t i = 0; i < b->count; i++) {
		struct file_batch_item *item = &b->items[i];
		int r = path_join(path, sizeof(path), b->dir, item->name) ? place(item, path)
									  : -ENAMETOOLONG;
		if (r == 0)
			continue;
		item->error = r;
		*failed = i;
		for (size_t j = i; j-- > 0;) {
			path_join(path, sizeof(path), b->dir, b->items[j].name);
			take_back(&b->items[j], path);
		}
		return r;
	}
	for (size_t i = 0; i < b->count; i++) {
		/* The old file the new one swapped places with. */
		if (b->items[i].state == FILE_BATCH_EXCHANGED)
			unlink(b->items[i].staged);
		else if (b->items[i].state == FILE_BATCH_KEPT)
			unlink(b->items[i].kept);
		b->items[i].state = FILE_BATCH_WRITTEN;
	}
	return 0;
}

int file_batch_commit(struct file_batch *b, size_t *failed)
{
	int lock = lock_folder(b->dir);
	int r = commit_locked(b, failed);

	if (lock >= 0)
		close(lock);
	return r;
}

void file_batch_free(struct file_batch *b)
{
	for (size_t i = 0; i < b->count; i++)
		if (b->items[i].state == FILE_BATCH_STAGED)
			unlink(b->items[i].staged);
	free(b->items);
	memset(b, 0, sizeof(*b));
}
