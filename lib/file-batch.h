/* SPDX-License-Identifier: MIT */
/*
 * Files written into one folder all or none (qbinfmt export): each is
 * written whole under a hidden temporary name first (file_write_temporary()),
 * then all are put in place; when one cannot be, the ones already in place
 * are taken back, and a file one of them replaced gets its old contents
 * back (swapped in with RENAME_EXCHANGE, or where the filesystem has no
 * such swap, FUSE's or NFS, kept under a second name, a hard link).  Once
 * a batch is done, the folder holds the old files or all the new ones; a
 * writer killed while putting them in place leaves some of each, and the
 * old ones it had swapped out under their hidden temporary names.
 */
#ifndef QBINFMT_FILE_BATCH_H
#define QBINFMT_FILE_BATCH_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

enum file_batch_state {
	FILE_BATCH_STAGED,     /* written aside; not in place (yet) */
	FILE_BATCH_PLACED,     /* in place, nothing was there */
	FILE_BATCH_EXCHANGED,  /* in place; the old file waits at `staged` */
	FILE_BATCH_KEPT,       /* in place; the old file waits at `kept` (no swap here) */
	FILE_BATCH_REPLACED,   /* in place over an old file that is gone */
	FILE_BATCH_WRITTEN,    /* committed */
	FILE_BATCH_TAKEN_BACK, /* was in place, is not: the old file is back */
	FILE_BATCH_STUCK,      /* in place, and could not be taken back (error) */
};

struct file_batch_item {
	char name[NAME_MAX + 1];
	char staged[PATH_MAX];
	char kept[PATH_MAX + 8]; /* FILE_BATCH_KEPT: the old file's second name */
	enum file_batch_state state;
	int error; /* -errno: why it could not be put in place or taken back */
};

struct file_batch {
	char dir[PATH_MAX];
	struct file_batch_item *items;
	size_t count, capacity;
};

/* An empty batch for folder `dir`; false if its name is too long. */
bool file_batch_init(struct file_batch *batch, const char *dir);

/* Write DIR/NAME's new contents aside.  0, or -errno with nothing of it
 * left behind (ENOSPC, EROFS...). */
int file_batch_add(struct file_batch *batch, const char *name, const char *text);

/*
 * Put every file in place, in the order they were added.  0 when all are
 * (each then FILE_BATCH_WRITTEN), or the -errno of the one that could not
 * be, its index in *failed: those before it are taken back (each then
 * FILE_BATCH_TAKEN_BACK, or FILE_BATCH_STUCK where that failed), it and
 * those after it stay as they were, which file_batch_free() removes.  A
 * folder in the way of a file is -EISDIR.  Holds the folder's flock()
 * meanwhile, so that batches committed into one folder at once never
 * take back each other's files.
 */
int file_batch_commit(struct file_batch *batch, size_t *failed);

/* Remove what is still written aside, and free the batch. */
void file_batch_free(struct file_batch *batch);

#endif
